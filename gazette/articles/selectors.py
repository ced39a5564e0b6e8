"""Reads of articles shared by pages, feeds, sitemaps and the API.

Every list here costs a fixed number of queries, however many articles, tags or sections
there are: related rows come with `select_related`/`prefetch_related`, never per item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from gazette.articles.models import Article, Section, Tag
from gazette.sources.models import Source
from gazette.states import ArticleState

FRONT_WINDOW = 200  # how many of the newest stories the front page groups into sections


def articles_published() -> QuerySet[Article]:
    return (
        Article.objects.published()
        .select_related("source", "section")
        .order_by("-published_at", "-pk")
    )


def article_published_by_slug(slug: str, *, with_related: Sequence[str] = ()) -> Article | None:
    """The published article with this slug, its tags, and `with_related` (relations of
    other apps a page shows, read in the same query)."""
    found = (
        articles_published()
        .select_related(*with_related)
        .prefetch_related("tags")
        .filter(slug=slug)
        .order_by()[:1]  # slugs are unique: no ordering to add to the query
    )
    return next(iter(found), None)


def article_withdrawn_by_slug(slug: str) -> Article | None:
    """The withdrawn article with this slug (its address answers 410 Gone with the note)."""
    return Article.objects.filter(slug=slug, state=ArticleState.WITHDRAWN).first()


@dataclass
class FrontPage:
    lead: Article | None = None
    latest: list[Article] = field(default_factory=list)
    sections: list[tuple[Section, list[Article]]] = field(default_factory=list)


def front_page(*, latest: int = 8, per_section: int = 4) -> FrontPage:
    """The lead story, the latest after it, and the newest few of each section (one query)."""
    recent = list(articles_published()[:FRONT_WINDOW])
    if not recent:
        return FrontPage()
    front = FrontPage(lead=recent[0], latest=recent[1 : latest + 1])
    grouped: dict[int, tuple[Section, list[Article]]] = {}
    for article in recent:
        if article.section is None:
            continue
        _section, items = grouped.setdefault(article.section.pk, (article.section, []))
        if len(items) < per_section:
            items.append(article)
    front.sections = sorted(grouped.values(), key=lambda pair: (pair[0].position, pair[0].name))
    return front


def sections_in_navigation() -> list[Section]:
    return list(Section.objects.filter(in_navigation=True))


def section_by_slug(slug: str) -> Section | None:
    return Section.objects.filter(slug=slug).first()


def tag_by_slug(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def source_by_slug(slug: str) -> Source | None:
    return Source.objects.filter(slug=slug).first()


def sections_with_articles() -> QuerySet[Section]:
    return Section.objects.filter(articles__in=Article.objects.published()).distinct()


def tags_with_articles() -> QuerySet[Tag]:
    return Tag.objects.filter(articles__in=Article.objects.published()).distinct()


def sources_with_articles() -> QuerySet[Source]:
    return Source.objects.filter(articles__in=Article.objects.published()).distinct()


def articles_in_section(section: Section) -> QuerySet[Article]:
    return articles_published().filter(section=section)


def articles_tagged(tag: Tag) -> QuerySet[Article]:
    return articles_published().filter(tags=tag)


def articles_from_source(source: Source) -> QuerySet[Article]:
    return articles_published().filter(source=source)


def articles_by_author(author_slug: str) -> QuerySet[Article]:
    return articles_published().filter(author_slug=author_slug)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def articles_between(start: date, end: date) -> QuerySet[Article]:
    """Published on the local calendar days start ≤ day < end (in the site's time zone)."""
    return articles_published().filter(
        published_at__gte=_local_midnight(start), published_at__lt=_local_midnight(end)
    )


def archive_months() -> list[datetime]:
    return list(Article.objects.published().datetimes("published_at", "month", order="DESC"))


def archive_days(year: int, month: int) -> list[datetime]:
    return list(
        Article.objects.published()
        .filter(published_at__year=year, published_at__month=month)
        .datetimes("published_at", "day", order="DESC")
    )


def article_neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The previous (older) and next (newer) story in the article's section, or its source."""
    scope = articles_published().exclude(pk=article.pk).defer("body_html", "minhash")
    scope = (
        scope.filter(section=article.section_id)
        if article.section_id
        else scope.filter(source=article.source_id)
    )
    older = scope.filter(
        Q(published_at__lt=article.published_at)
        | Q(published_at=article.published_at, pk__lt=article.pk)
    ).first()
    newer = (
        scope.filter(
            Q(published_at__gt=article.published_at)
            | Q(published_at=article.published_at, pk__gt=article.pk)
        )
        .order_by("published_at", "pk")
        .first()
    )
    return older, newer


def articles_recent_for_news(*, hours: int = 48) -> QuerySet[Article]:
    """Stories published in the last `hours`, as a Google News sitemap wants them."""
    return articles_published().filter(published_at__gte=timezone.now() - timedelta(hours=hours))


def site_last_changed() -> datetime | None:
    """When anything the public pages show last changed.

    A write to an article moves `updated_at`; a story whose embargo ends changes the pages
    without a write, so the newest `made_public_at` that has passed counts too. Two lookups
    that each read one index entry: a single filtered MAX() would scan the whole table.
    """
    updated = Article.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    made_public = (
        Article.objects.filter(made_public_at__lte=timezone.now())
        .order_by("-made_public_at")
        .values_list("made_public_at", flat=True)
        .first()
    )
    values = [value for value in (updated, made_public) if value is not None]
    return max(values) if values else None


# --- The API's reads (gazette.api): keyset pages, stable under inserts --------------------


def article_published_by_id(pk: int) -> Article | None:
    """The published article with this id and its tags, or None."""
    found = articles_published().prefetch_related("tags").filter(pk=pk).order_by()[:1]
    return next(iter(found), None)


def articles_page(
    *,
    limit: int,
    before: tuple[datetime, int] | None = None,
    changed_after: datetime | None = None,
    source: str = "",
    section: str = "",
    tag: str = "",
    language: str = "",
) -> list[Article]:
    """At most `limit` published articles, newest first by (published_at, id), older than
    `before` (the last of the previous page), changed (`updated_at`) after `changed_after`,
    filtered by the slugs of a source, section or tag and by original language."""
    found = articles_published().prefetch_related("tags")
    if source:
        found = found.filter(source__slug=source)
    if section:
        found = found.filter(section__slug=section)
    if tag:
        found = found.filter(tags__slug=tag)
    if language:
        found = found.filter(original_language=language.lower())
    if changed_after is not None:
        found = found.filter(updated_at__gt=changed_after)
    if before is not None:
        published_at, pk = before
        found = found.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
        )
    return list(found[:limit])


def _published_since(changed_after: datetime | None) -> QuerySet[Article]:
    published = Article.objects.published()
    if changed_after is not None:
        published = published.filter(updated_at__gt=changed_after)
    return published


def sections_page(
    *, limit: int, after: int = 0, changed_after: datetime | None = None
) -> list[Section]:
    """Sections with a published article (changed after `changed_after`), by id."""
    used = _published_since(changed_after).values("section")
    return list(Section.objects.filter(pk__in=used, pk__gt=after).order_by("pk")[:limit])


def tags_page(*, limit: int, after: int = 0, changed_after: datetime | None = None) -> list[Tag]:
    """Tags of a published article (changed after `changed_after`), by id."""
    used = Tag.objects.filter(articles__in=_published_since(changed_after)).values("pk")
    return list(Tag.objects.filter(pk__in=used, pk__gt=after).order_by("pk")[:limit])


def sources_page(
    *, limit: int, after: int = 0, changed_after: datetime | None = None
) -> list[Source]:
    """Sources with a published article (changed after `changed_after`), by id."""
    used = _published_since(changed_after).values("source")
    return list(Source.objects.filter(pk__in=used, pk__gt=after).order_by("pk")[:limit])
