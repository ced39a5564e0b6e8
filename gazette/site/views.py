"""Public pages: request handling only; reads come from selectors."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection
from django.db.models import QuerySet, prefetch_related_objects
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from gazette.articles import selectors
from gazette.articles.models import Article
from gazette.discovery.related import RelatedItem, related_articles
from gazette.site import presentation
from gazette.site.caching import generation, per_generation, public_page
from gazette.site.front import front_page
from gazette.site.selectors import site_page_by_slug

PAGE_SIZE = 20
LIST_MAX_AGE = 60
ARTICLE_MAX_AGE = 300


# Archive years a listing can have: the lower bound keeps day arithmetic and time zone
# conversion far from the ends of the calendar (years 1 and 9999), where they overflow.
ARCHIVE_YEARS = range(1900, 9999)

# A page number: ASCII digits only ('²' and '٣' are digits to str.isdigit but not to int()),
# and at most nine of them: no listing has a billion pages, and int() of a few thousand digits
# raises instead of answering.
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def _page_number(raw: str) -> int:
    if not _PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise Http404("No such page.")
    return int(raw)


def _canonical_page_redirect(request: HttpRequest) -> HttpResponsePermanentRedirect | None:
    """One address per page: '?page=1' is the address without 'page', '?page=02' is '?page=2'.
    A page that is not a number is not found."""
    values = request.GET.getlist("page")
    if not values:
        return None
    number = _page_number(values[-1])
    canonical = [] if number == 1 else [str(number)]
    if values == canonical:
        return None
    query = request.GET.copy()
    if canonical:
        query.setlist("page", canonical)
    else:
        del query["page"]
    address = escape_uri_path(request.path)
    return HttpResponsePermanentRedirect(f"{address}?{query.urlencode()}" if query else address)


def _page(request: HttpRequest, articles: QuerySet[Article], *, allow_empty: bool = True) -> Page:
    """The requested page; a page beyond the last (or, unless `allow_empty`, an empty
    listing) is not found."""
    raw = request.GET.get("page")
    number = 1 if raw is None else _page_number(raw)
    try:
        return Paginator(articles, PAGE_SIZE, allow_empty_first_page=allow_empty).page(number)
    except InvalidPage:
        raise Http404("No such page.") from None


def _listing(
    request: HttpRequest,
    articles: QuerySet[Article] | Page,
    *,
    title: str,
    kind: str,
    summary: str,
    description: str = "",
    feeds: tuple[str, str] | None = None,
    extra: dict[str, object] | None = None,
) -> HttpResponse:
    """A list of stories. `summary` is the page's meta description; `description` is shown
    under the heading."""
    page = articles if isinstance(articles, Page) else _page(request, articles)
    page.object_list = list(page.object_list)
    prefetch_related_objects(page.object_list, "stored_image")  # teaser pictures, one query
    context = {
        "page": page,
        "articles": page.object_list,
        "title": title,
        "kind": kind,
        "summary": summary,
        "description": description,
        "feed_rss": feeds[0] if feeds else None,
        "feed_atom": feeds[1] if feeds else None,
        **(extra or {}),
    }
    return render(request, "site/listing.html", context)


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def home(request: HttpRequest) -> HttpResponseBase:
    if redirect_to := _canonical_page_redirect(request):
        return redirect_to
    if "page" in request.GET:  # older pages of the front are a plain list
        page = _page(request, selectors.articles_published())
        page.object_list = list(page.object_list)
        prefetch_related_objects(page.object_list, "stored_image")
        return render(request, "site/home.html", {"page": page, "articles": page.object_list})
    # The edited front is read (and its part of the page rendered) once per generation: the
    # template keeps that part (`pagefragment`), and only a miss reads `front`.
    now = generation(request)
    context = {
        "is_front": True,
        "front": SimpleLazyObject(lambda: front_page(now)),
        "generation": now,
    }
    return render(request, "site/home.html", context)


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def section_detail(request: HttpRequest, slug: str) -> HttpResponseBase:
    if redirect_to := _canonical_page_redirect(request):
        return redirect_to
    section = selectors.section_by_slug(slug)
    if section is None:
        raise Http404("No such section.")
    return _listing(
        request,
        selectors.articles_in_section(section),
        title=section.name,
        kind="section",
        summary=f"The latest {section.name} stories collected by {settings.SITE_NAME}, "
        "each linked to its original.",
        feeds=(
            reverse("site:section-rss", args=[slug]),
            reverse("site:section-atom", args=[slug]),
        ),
        extra={"section": section},
    )


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def tag_detail(request: HttpRequest, slug: str) -> HttpResponseBase:
    if redirect_to := _canonical_page_redirect(request):
        return redirect_to
    tag = selectors.tag_by_slug(slug)
    if tag is None:
        raise Http404("No such tag.")
    return _listing(
        request,
        selectors.articles_tagged(tag),
        title=f"Stories about {tag.name}",
        kind="tag",
        summary=f"Stories about {tag.name} collected by {settings.SITE_NAME}.",
        feeds=(reverse("site:tag-rss", args=[slug]), reverse("site:tag-atom", args=[slug])),
    )


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def source_detail(request: HttpRequest, slug: str) -> HttpResponseBase:
    if redirect_to := _canonical_page_redirect(request):
        return redirect_to
    source = selectors.source_by_slug(slug)
    if source is None:
        raise Http404("No such source.")
    return _listing(
        request,
        selectors.articles_from_source(source),
        title=f"Stories from {source.name}",
        kind="source",
        summary=f"Stories from {source.name} collected by {settings.SITE_NAME}, "
        "each linked to its original.",
        description=f"{settings.SITE_NAME} links every story to its original at {source.name}.",
        feeds=(
            reverse("site:source-rss", args=[slug]),
            reverse("site:source-atom", args=[slug]),
        ),
        extra={"source": source},
    )


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def author_detail(request: HttpRequest, slug: str) -> HttpResponseBase:
    if redirect_to := _canonical_page_redirect(request):
        return redirect_to
    page = _page(request, selectors.articles_by_author(slug), allow_empty=False)
    name = page.object_list[0].author
    return _listing(
        request,
        page,
        title=f"Stories by {name}",
        kind="author",
        summary=f"Stories by {name} collected by {settings.SITE_NAME}.",
    )


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def archive_index(request: HttpRequest) -> HttpResponse:
    return render(request, "site/archive.html", {"months": selectors.archive_months()})


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponseBase:
    if not 1 <= month <= 12 or year not in ARCHIVE_YEARS:
        raise Http404("No such month.")
    redirect_to = _canonical_archive_redirect(request, year, month)
    if redirect_to := redirect_to or _canonical_page_redirect(request):
        return redirect_to
    start = date(year, month, 1)
    end = start + timedelta(days=calendar.monthrange(year, month)[1])
    # A month without a published story is no page (the front and sections may be empty).
    page = _page(request, selectors.articles_between(start, end), allow_empty=False)
    name = date_format(start, "F Y")
    return _listing(
        request,
        page,
        title=f"Stories of {name}",
        kind="archive",
        summary=f"Stories of {name} collected by {settings.SITE_NAME}, day by day.",
        extra={"month": start, "days": selectors.archive_days(year, month)},
    )


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def archive_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponseBase:
    start = _valid_date(year, month, day)
    if start is None or year not in ARCHIVE_YEARS:
        raise Http404("No such day.")
    redirect_to = _canonical_archive_redirect(request, year, month, day)
    if redirect_to := redirect_to or _canonical_page_redirect(request):
        return redirect_to
    page = _page(
        request, selectors.articles_between(start, start + timedelta(days=1)), allow_empty=False
    )
    name = date_format(start, "j F Y")
    return _listing(
        request,
        page,
        title=f"Stories of {name}",
        kind="archive",
        summary=f"Stories of {name} collected by {settings.SITE_NAME}.",
        extra={"day": start},
    )


def _valid_date(year: int, month: int, day: int) -> date | None:
    """The date, or None for an impossible one (2026-02-30, month 13) or one whose numbers
    do not fit a C int (OverflowError, not ValueError)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _canonical_archive_redirect(
    request: HttpRequest, *numbers: int
) -> HttpResponsePermanentRedirect | None:
    """'/archive/2026/01/' is '/archive/2026/1/': one address per page, the query kept."""
    name = "site:archive-month" if len(numbers) == 2 else "site:archive-day"
    address = reverse(name, args=numbers)
    if escape_uri_path(request.path) == address:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)


def _latest_in_section(article: Article, now: str, count: int = 4) -> list[Article]:
    """The newest `count` others in the article's section. The list is the same for every
    article of the section, so it is read once per generation and shared by their pages."""
    section = article.section
    if section is None:
        return []
    newest = per_generation(
        now,
        f"section-latest:{section.pk}:{count}",
        lambda: list(
            selectors.articles_in_section(section).defer("body_html", "minhash")[: count + 1]
        ),
    )
    return [other for other in newest if other.pk != article.pk][:count]


@dataclass
class ArticleExtras:
    """What the article page shows besides the article: each other article once,
    Previous/Next first, then related reports, then the section's latest (docs/site.md)."""

    older: Article | None
    newer: Article | None
    related: list[RelatedItem]
    more_in_section: list[Article]

    @property
    def shown_ids(self) -> list[int]:
        shown = {other.pk for other in (self.older, self.newer) if other is not None}
        shown |= {item.article.pk for item in self.related}
        return sorted(shown | {other.pk for other in self.more_in_section})


def _article_extras(article: Article, now: str) -> ArticleExtras:
    older, newer = per_generation(
        now, f"neighbours:{article.pk}", lambda: selectors.article_neighbours(article)
    )
    shown = {other.pk for other in (older, newer) if other is not None}
    related = [
        item
        for item in per_generation(now, f"related:{article.pk}", lambda: related_articles(article))
        if item.article.pk not in shown
    ]
    shown |= {item.article.pk for item in related}
    more_in_section = [
        other for other in _latest_in_section(article, now, count=8) if other.pk not in shown
    ][:4]
    return ArticleExtras(older, newer, related, more_in_section)


def _published_article(slug: str) -> Article | None:
    """The published article with everything its page reads of it: source, section, the story
    box's embedding and story and the stored picture in one query; tags and corrections."""
    article = selectors.article_published_by_slug(
        slug, with_related=["embedding__story", "stored_image"]
    )
    if article is not None:
        prefetch_related_objects([article], "corrections")
    return article


@require_safe
@public_page(max_age=ARTICLE_MAX_AGE)
def article_detail(
    request: HttpRequest, year: int, month: int, day: int, slug: str
) -> HttpResponseBase:
    if _valid_date(year, month, day) is None:
        raise Http404("No such date.")
    now = generation(request)
    # Read once per generation (an address nobody published is not kept).
    slug_key = hashlib.sha256(slug.encode()).hexdigest()[:24]
    article = per_generation(
        now, f"article:{slug_key}", lambda: _published_article(slug), keep_none=False
    )
    if article is None:
        withdrawn = selectors.article_withdrawn_by_slug(slug)
        if withdrawn is not None:  # 410 Gone, with the editors' note (the desk's withdraw)
            return render(request, "site/article_gone.html", {"article": withdrawn}, status=410)
        raise Http404("No published article has this address.")
    # The page has one address: another date, or this one zero-padded ('/2026/12/03/'),
    # is sent to it.
    if escape_uri_path(request.path) != article.get_absolute_url():
        return redirect(article, permanent=True)
    # The template keeps the parts that show only the article and the other articles once per
    # generation (`pagefragment`): the lists below are read only when a part is rendered.
    extras: ArticleExtras = SimpleLazyObject(lambda: _article_extras(article, now))  # type: ignore[assignment]
    context = {
        "article": article,
        "generation": now,
        "tags": list(article.tags.all()),
        "older": SimpleLazyObject(lambda: extras.older),
        "newer": SimpleLazyObject(lambda: extras.newer),
        "related": SimpleLazyObject(lambda: extras.related),
        "more_in_section": SimpleLazyObject(lambda: extras.more_in_section),
        # The "most read" box (rendered on every request) leaves out what the page shows.
        "shown_ids": SimpleLazyObject(
            lambda: [
                article.pk,
                *per_generation(now, f"shown:{article.pk}", lambda: extras.shown_ids),
            ]
        ),
        "full_text": presentation.shows_full_text(article),
        "indexable": presentation.is_indexable(article),
        "translated": presentation.is_translation(article),
        "canonical": presentation.canonical_url(article),
        "permalink": presentation.absolute(article.get_absolute_url()),
    }
    return render(request, "site/article.html", context)


@require_safe
@public_page(max_age=LIST_MAX_AGE)
def site_page(request: HttpRequest, slug: str) -> HttpResponse:
    """About, Imprint/Contact, Privacy: the text editors keep in the desk (Site pages)."""
    page = site_page_by_slug(slug)
    if page is None:
        raise Http404("No such page.")
    return render(request, "site/page.html", {"site_page": page})


# The site's colours, shared by the icons (static/favicon.svg) and the manifest.
THEME_COLOUR = "#0b5cad"
BACKGROUND_COLOUR = "#fdfdfb"
ICON_MAX_AGE = 86400
FAVICON_PNG = settings.BASE_DIR / "static" / "favicon-32.png"


@require_safe
@public_page(max_age=ICON_MAX_AGE)
def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, which browsers and feed readers ask for without a `<link rel=icon>`:
    the PNG icon (every browser reads a PNG there), not a 404 in the console."""
    return HttpResponse(FAVICON_PNG.read_bytes(), content_type="image/png")


@require_safe
@public_page(max_age=ICON_MAX_AGE)
def web_manifest(request: HttpRequest) -> HttpResponse:
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME[:12],
        "description": f"{settings.SITE_NAME}: the latest news, each story linked to its original.",
        "lang": settings.SITE_LANGUAGE,
        "start_url": reverse("site:home"),
        "scope": reverse("site:home"),
        "display": "browser",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("favicon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {"src": static("icon-512.png"), "type": "image/png", "sizes": "512x512"},
        ],
    }
    return HttpResponse(
        json.dumps(manifest, indent=1), content_type="application/manifest+json; charset=utf-8"
    )


@require_safe
@public_page(max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('site:sitemap-index')}",
        f"Sitemap: {settings.SITE_URL}{reverse('site:sitemap-news')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


_MIGRATED: list[bool] = []  # once every migration is applied, it stays so for this process


def _migrations_applied() -> str:
    if _MIGRATED:
        return "ok"
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"error: {len(plan)} migration(s) not applied: run manage.py migrate"
    _MIGRATED.append(True)
    return "ok"


def _scheduler_ticking() -> str:
    from gazette.newsroom.models import WorkerHeartbeat

    stale = max(settings.SCHEDULER_INTERVAL * 5, 60)
    last = (
        WorkerHeartbeat.objects.filter(worker_id__startswith="scheduler-")
        .order_by("-beat_at")
        .values_list("beat_at", flat=True)
        .first()
    )
    if last is None:
        return "error: no scheduler has ticked: start manage.py run_scheduler"
    if (timezone.now() - last).total_seconds() > stale:
        return f"error: the scheduler last ticked at {last.isoformat()}: is it running?"
    return "ok"


@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {exc}"
    if settings.TASKS_BACKEND == "rq":
        try:
            import django_rq

            django_rq.get_connection("default").ping()
            checks["queue"] = "ok"
        except Exception as exc:
            checks["queue"] = f"error: {exc}"
    else:
        checks["queue"] = checks["database"]  # the task queue is a database table
    if checks["database"] == "ok":
        checks["migrations"] = _migrations_applied()
        if settings.READY_CHECKS_SCHEDULER:
            checks["scheduler"] = _scheduler_ticking()
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    try:
        latest = list(selectors.articles_published()[:5])
    except Exception:  # the 404 page must render even when the database is away
        latest = []
    return render(request, "site/404.html", {"path": request.path, "latest": latest}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page must not fail in turn (e.g. its stylesheet not collected)
        return HttpResponseServerError(
            "<!doctype html><title>Server error</title><h1>Something went wrong on our side</h1>"
        )
