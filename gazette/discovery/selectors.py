"""Reads for discovery pages: stories and their published reports."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from gazette.articles.models import Article
from gazette.articles.selectors import articles_published
from gazette.discovery.models import ArticleEmbedding, Story, StoryRedirect


def story_reports(story: Story) -> QuerySet[Article]:
    return articles_published().filter(embedding__story=story).order_by("published_at")


def embedding_of(article: Article) -> ArticleEmbedding | None:
    """The article's embedding and story, read once per article object (boxes share it), or
    taken from the article when it was read with `select_related("embedding__story")`."""
    if "_discovery_embedding" not in article.__dict__:
        if Article.embedding.is_cached(article):  # read with the article (select_related)
            try:
                found: ArticleEmbedding | None = article.embedding
            except ArticleEmbedding.DoesNotExist:
                found = None
        else:
            found = ArticleEmbedding.objects.filter(article=article).select_related("story").first()
        article.__dict__["_discovery_embedding"] = found
    embedding: ArticleEmbedding | None = article.__dict__["_discovery_embedding"]
    return embedding


def story_of(article: Article) -> Story | None:
    embedding = embedding_of(article)
    return embedding.story if embedding else None


def story_other_report_count(article: Article) -> tuple[Story | None, int]:
    story = story_of(article)
    if story is None:
        return None, 0
    return story, story_reports(story).exclude(pk=article.pk).count()


# --- The API's reads (gazette.api) ----------------------------------------------------------


def story_public(pk: int) -> Story | None:
    """The story with this id, or the one it was merged into; None when unknown or when it
    has no published report."""
    story = Story.objects.filter(pk=pk).first()
    if story is None:
        moved = StoryRedirect.objects.filter(old_id=pk).select_related("story").first()
        story = moved.story if moved is not None else None
    if story is None or not story_reports(story).exists():
        return None
    return story


def stories_page(
    *,
    limit: int,
    before: tuple[datetime, int] | None = None,
    changed_after: datetime | None = None,
) -> list[Story]:
    """Stories with a published report, newest first by (last_article_at, id), older than
    `before`; with `changed_after`, those with a report changed (`updated_at`) since."""
    reports = articles_published().filter(embedding__story__isnull=False)
    if changed_after is not None:
        reports = reports.filter(updated_at__gt=changed_after)
    found = Story.objects.filter(pk__in=reports.order_by().values("embedding__story"))
    if before is not None:
        last_article_at, pk = before
        found = found.filter(
            Q(last_article_at__lt=last_article_at) | Q(last_article_at=last_article_at, pk__lt=pk)
        )
    return list(found.order_by("-last_article_at", "-pk")[:limit])


def reports_of_stories(stories: list[Story]) -> dict[int, list[Article]]:
    """Each story's published reports, oldest first, in one query."""
    found: dict[int, list[Article]] = {story.pk: [] for story in stories}
    reports = (
        articles_published()
        .filter(embedding__story__in=stories)
        .select_related("embedding")
        .prefetch_related("tags")
        .order_by("published_at", "pk")
    )
    for report in reports:
        story_id = report.embedding.story_id
        if story_id is not None:
            found[story_id].append(report)
    return found


def story_shown_title(story: Story, reports: list[Article]) -> str:
    """The story's title, unless it is the headline of an article that is not public (the
    report that started the story, withdrawn before discovery renamed the story): then its
    first public report's. A title an editor wrote is no article's headline, and is kept.
    The site's story page and the API both show this."""
    if not reports or any(report.title == story.title for report in reports):
        return story.title
    if Article.objects.filter(title=story.title).exists():
        return reports[0].title
    return story.title
