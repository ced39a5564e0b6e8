"""The public JSON API (django-ninja), mounted at /api/v1/: reads for anyone, and the
newsroom's writes (add a source, submit a URL) for API keys whose owner's role allows them.

Every read goes through the selectors of the apps below (articles, discovery, translation);
this module turns their objects into the schemas of `schemas.py`, checks parameters, and
hides what the licence withholds: `full` sources give their text, `excerpt` sources the
standfirst only, `link` sources no text at all.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query, Status, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import BeforeValidator

from gazette.api import cursors, writes
from gazette.api.models import ApiKey
from gazette.api.problems import PROBLEM_JSON, ApiProblem, problem_response
from gazette.api.schemas import (
    ArticleOut,
    ArticlePage,
    EntryIn,
    EntryOut,
    MostReadOut,
    Problem,
    SearchPage,
    SectionOut,
    SectionPage,
    SourceCreated,
    SourceIn,
    SourceOut,
    SourcePage,
    StoryDetail,
    StoryPage,
    TagOut,
    TagPage,
)
from gazette.articles.models import Article, Section, Tag
from gazette.articles.selectors import (
    article_published_by_id,
    articles_page,
    sections_page,
    sources_page,
    tags_page,
)
from gazette.discovery.models import Story
from gazette.discovery.popular import most_read
from gazette.discovery.search import MAX_QUERY_CHARS, SearchFilters, filter_day, search_articles
from gazette.discovery.selectors import (
    reports_of_stories,
    stories_page,
    story_public,
    story_shown_title,
)
from gazette.sources.models import Source
from gazette.states import LicencePolicy
from gazette.translation.selectors import TranslationDisplay, translations_for_display

MAX_LIMIT = 100
MAX_SEARCH_LIMIT = 50
MAX_MOST_READ = 20
SLUG = r"^[-a-zA-Z0-9_]+$"


class GazetteApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Ninja's document, with errors as `application/problem+json` and the 304 answer."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"] = {
                    str(status): answer for status, answer in operation["responses"].items()
                }
                for status, answer in operation["responses"].items():
                    if status.startswith(("4", "5")) and "content" in answer:
                        answer["content"] = {PROBLEM_JSON: answer["content"]["application/json"]}
                if "security" not in operation:  # a read: the validators apply
                    operation["responses"]["304"] = {
                        "description": "Not modified: the `If-None-Match` ETag is current."
                    }
        return schema


api = GazetteApi(
    title="Gazette API",
    version="1",
    description=(
        "Reads are public and need no key. Lists are paged with an opaque `cursor` (newest "
        "first, stable while articles arrive) and take `changed_after` for syncing. Every "
        "read has an ETag and Last-Modified; send `If-None-Match` to get 304. Errors are RFC "
        "9457 problem details. Each address may send `API_REQUESTS_PER_MINUTE` requests a "
        "minute; with an API key (`Authorization: Bearer gz_…`, made by an administrator in "
        "the desk) the key may send `API_KEY_REQUESTS_PER_MINUTE`. The writes (POST) need a "
        "key whose owner's role allows them: 401 without a valid key, 403 without the role."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"tryItOutEnabled": True}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

ERRORS: dict[int, type[Problem]] = {400: Problem, 429: Problem}
ERRORS_404: dict[int, type[Problem]] = {**ERRORS, 404: Problem}
WRITE_ERRORS: dict[int, type[Problem]] = {**ERRORS, 401: Problem, 403: Problem}


class KeyAuth(HttpBearer):
    """`Authorization: Bearer <key>`; `http.api_view` has already checked the key."""

    openapi_bearerFormat = "gz_…"

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key: ApiKey | None = getattr(request, "api_key", None)
        return key


KEY = KeyAuth()


def _permitted(request: HttpRequest, permission: str, doing: str, who: str) -> ApiKey:
    """The request's key, if its owner holds `permission` (as in the desk); else 403."""
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    if not key.owner.has_perm(permission):
        raise ApiProblem(
            403,
            f"This key may not {doing}: that takes the permission {permission} "
            f"({who}), and the key acts with its owner's roles.",
        )
    return key


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problem_response(exc.status, exc.detail, **exc.extra)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"where": ".".join(str(part) for part in error.get("loc", ())), "why": error.get("msg")}
        for error in exc.errors
    ]
    return problem_response(400, "A parameter is missing or not valid.", errors=errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem_response(
        401, "This needs an API key: send `Authorization: Bearer <key>` (made in the desk)."
    )
    response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(404, str(exc) or "Not found.")


# --- Parameters ------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _iso_only(value: object) -> object:
    """Pydantic would also take a number (seconds since 1970) for a date or time: not here."""
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise ValueError("an ISO 8601 date, like 2025-03-01 or 2025-03-01T12:00:00Z")
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only)]
IsoDate = Annotated[date, BeforeValidator(_iso_only)]

# The datetimes a filter can name: beyond these, converting to UTC would overflow.
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(9998, 12, 31, tzinfo=UTC)


def _since(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return min(max(value.astimezone(UTC), EARLIEST), LATEST)


CURSOR = Query(None, max_length=200, description="The `next_cursor` of the previous page.")
CHANGED_AFTER = Query(
    None,
    description="Only items changed after this time (ISO 8601; without an offset, the site's "
    "time zone). Articles: `updated_at`; stories, sections, tags and sources: those with a "
    "published article changed since.",
)


SINCE = Query(None, description="Published on or after this day.")
UNTIL = Query(None, description="Published on or before this day.")


def _limit(default: int, top: int) -> Any:
    return Query(default, ge=1, le=top, description=f"Items per page, at most {top}.")


def _slug_filter(what: str) -> Any:
    return Query("", max_length=100, pattern=r"^[-a-zA-Z0-9_]*$", description=f"A {what}'s slug.")


# --- Shaping ---------------------------------------------------------------------------------


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _source(source: Source) -> SourceOut:
    return SourceOut(
        name=source.name,
        slug=source.slug,
        homepage=source.homepage,
        language=source.language,
        licence=source.licence,  # type: ignore[arg-type]
    )


def _section(request: HttpRequest, section: Section) -> SectionOut:
    return SectionOut(
        name=section.name, slug=section.slug, url=_absolute(request, section.get_absolute_url())
    )


def _tag(request: HttpRequest, tag: Tag) -> TagOut:
    return TagOut(name=tag.name, slug=tag.slug, url=_absolute(request, tag.get_absolute_url()))


def _article(
    request: HttpRequest, article: Article, translation: TranslationDisplay | None
) -> ArticleOut:
    licence = article.source.licence
    return ArticleOut(
        id=article.pk,
        title=article.title,
        standfirst=None if licence == LicencePolicy.LINK else article.standfirst,
        body_html=article.body_html if licence == LicencePolicy.FULL else None,
        source=_source(article.source),
        section=_section(request, article.section) if article.section else None,
        tags=[_tag(request, tag) for tag in article.tags.all()],
        published_at=article.published_at,
        published_at_estimated=article.published_at_estimated,
        modified_at=article.modified_at,
        updated_at=article.updated_at,
        language=article.language,
        original_language=article.original_language or article.language,
        translation=(
            {  # type: ignore[arg-type]
                "from_language": translation.source_language,
                "engine_label": translation.engine_label,
                "reviewed": translation.reviewed,
            }
            if translation
            else None
        ),
        url=_absolute(request, article.get_absolute_url()),
        original_url=article.original_url,
    )


def _articles(request: HttpRequest, articles: list[Article]) -> list[ArticleOut]:
    translations = translations_for_display(articles)
    return [_article(request, article, translations.get(article.pk)) for article in articles]


def _story(request: HttpRequest, story: Story, reports: list[Article]) -> dict[str, Any]:
    return {
        "id": story.pk,
        "title": story_shown_title(story, reports),
        "last_article_at": story.last_article_at,
        "report_count": len(reports),
        "url": _absolute(request, story.get_absolute_url()),
    }


# --- Articles --------------------------------------------------------------------------------


@api.get("/articles/", response={200: ArticlePage, **ERRORS}, tags=["articles"])
def list_articles(
    request: HttpRequest,
    limit: int = _limit(50, MAX_LIMIT),
    cursor: str | None = CURSOR,
    changed_after: IsoDateTime | None = CHANGED_AFTER,
    source: str = _slug_filter("source"),
    section: str = _slug_filter("section"),
    tag: str = _slug_filter("tag"),
    language: str = Query("", max_length=12, description="The original language (de, en …)."),
) -> dict[str, Any]:
    """Published articles, newest first (by published_at, then id)."""
    before = cursors.read_time_and_id("a", cursor) if cursor else None
    found = articles_page(
        limit=limit + 1,
        before=before,
        changed_after=_since(changed_after),
        source=source,
        section=section,
        tag=tag,
        language=language,
    )
    page, more = found[:limit], len(found) > limit
    last = page[-1] if page else None
    return {
        "items": _articles(request, page),
        "next_cursor": cursors.time_and_id("a", last.published_at, last.pk)
        if more and last
        else None,
    }


@api.get("/articles/{article_id}/", response={200: ArticleOut, **ERRORS_404}, tags=["articles"])
def get_article(
    request: HttpRequest, article_id: int = Path(..., ge=1, le=cursors.MAX_ID)
) -> ArticleOut:
    """One published article."""
    article = article_published_by_id(article_id)
    if article is None:
        raise ApiProblem(404, f"No published article has the id {article_id}.")
    return _articles(request, [article])[0]


# --- Stories ---------------------------------------------------------------------------------


@api.get("/stories/", response={200: StoryPage, **ERRORS}, tags=["stories"])
def list_stories(
    request: HttpRequest,
    limit: int = _limit(20, MAX_LIMIT),
    cursor: str | None = CURSOR,
    changed_after: IsoDateTime | None = CHANGED_AFTER,
) -> dict[str, Any]:
    """Stories (reports of one event from several outlets), the latest report first."""
    before = cursors.read_time_and_id("s", cursor) if cursor else None
    found = stories_page(limit=limit + 1, before=before, changed_after=_since(changed_after))
    page, more = found[:limit], len(found) > limit
    reports = reports_of_stories(page)
    last = page[-1] if page else None
    return {
        "items": [_story(request, story, reports[story.pk]) for story in page],
        "next_cursor": cursors.time_and_id("s", last.last_article_at, last.pk)
        if more and last
        else None,
    }


@api.get("/stories/{story_id}/", response={200: StoryDetail, **ERRORS_404}, tags=["stories"])
def get_story(
    request: HttpRequest, story_id: int = Path(..., ge=1, le=cursors.MAX_ID)
) -> dict[str, Any]:
    """One story with every published report (a merged story's id gives the story it joined)."""
    story = story_public(story_id)
    if story is None:
        raise ApiProblem(404, f"No story with published reports has the id {story_id}.")
    reports = reports_of_stories([story])[story.pk]
    return {**_story(request, story, reports), "reports": _articles(request, reports)}


# --- Sections, tags, sources -----------------------------------------------------------------


@api.get("/sections/", response={200: SectionPage, **ERRORS}, tags=["sections, tags, sources"])
def list_sections(
    request: HttpRequest,
    limit: int = _limit(100, MAX_LIMIT),
    cursor: str | None = CURSOR,
    changed_after: IsoDateTime | None = CHANGED_AFTER,
) -> dict[str, Any]:
    """Sections with published articles."""
    after = cursors.read_after_id("sec", cursor) if cursor else 0
    found = sections_page(limit=limit + 1, after=after, changed_after=_since(changed_after))
    page = found[:limit]
    return {
        "items": [_section(request, section) for section in page],
        "next_cursor": cursors.after_id("sec", page[-1].pk) if len(found) > limit else None,
    }


@api.get("/tags/", response={200: TagPage, **ERRORS}, tags=["sections, tags, sources"])
def list_tags(
    request: HttpRequest,
    limit: int = _limit(100, MAX_LIMIT),
    cursor: str | None = CURSOR,
    changed_after: IsoDateTime | None = CHANGED_AFTER,
) -> dict[str, Any]:
    """Tags of published articles."""
    after = cursors.read_after_id("tag", cursor) if cursor else 0
    found = tags_page(limit=limit + 1, after=after, changed_after=_since(changed_after))
    page = found[:limit]
    return {
        "items": [_tag(request, tag) for tag in page],
        "next_cursor": cursors.after_id("tag", page[-1].pk) if len(found) > limit else None,
    }


@api.get("/sources/", response={200: SourcePage, **ERRORS}, tags=["sections, tags, sources"])
def list_sources(
    request: HttpRequest,
    limit: int = _limit(100, MAX_LIMIT),
    cursor: str | None = CURSOR,
    changed_after: IsoDateTime | None = CHANGED_AFTER,
) -> dict[str, Any]:
    """Sources with published articles (their public fields only)."""
    after = cursors.read_after_id("src", cursor) if cursor else 0
    found = sources_page(limit=limit + 1, after=after, changed_after=_since(changed_after))
    page = found[:limit]
    return {
        "items": [_source(source) for source in page],
        "next_cursor": cursors.after_id("src", page[-1].pk) if len(found) > limit else None,
    }


# --- Search and most read --------------------------------------------------------------------


@api.get("/search/", response={200: SearchPage, **ERRORS}, tags=["search"])
def search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=MAX_QUERY_CHARS, description="Words to find."),
    source: str = _slug_filter("source"),
    section: str = _slug_filter("section"),
    language: str = Query("", max_length=12, description="The original language (de, en …)."),
    since: IsoDate | None = SINCE,
    until: IsoDate | None = UNTIL,
    changed_after: IsoDateTime | None = CHANGED_AFTER,
    limit: int = _limit(20, MAX_SEARCH_LIMIT),
    cursor: str | None = CURSOR,
) -> dict[str, Any]:
    """Published articles matching every word, by relevance weighed with freshness (the
    site's search). A cursor here is a position in the ranking, not stable under inserts."""
    offset = cursors.read_offset("q", cursor) if cursor else 0
    filters = SearchFilters(
        source=source,
        section=section,
        language=language,
        since=filter_day(since),
        until=filter_day(until),
        changed_after=_since(changed_after),
    )
    result = search_articles(q, filters=filters, offset=offset, limit=limit)
    shaped = _articles(request, [hit.article for hit in result.hits])
    items = [
        {
            "article": article,
            "snippet": str(hit.snippet) if article.source.licence == "full" else None,
            "score": hit.score,
        }
        for hit, article in zip(result.hits, shaped, strict=True)
    ]
    following = offset + len(result.hits)
    more = bool(result.hits) and following < min(result.total, cursors.MAX_OFFSET)
    return {
        "items": items,
        "total": result.total,
        "next_cursor": cursors.offset("q", following) if more else None,
    }


@api.get("/most-read/", response={200: MostReadOut, **ERRORS}, tags=["search"])
def list_most_read(
    request: HttpRequest,
    window: Literal["today", "week"] = Query("today", description="Views of the last day or week."),
    limit: int = _limit(5, MAX_MOST_READ),
    changed_after: IsoDateTime | None = CHANGED_AFTER,
) -> dict[str, Any]:
    """The most read published articles (views decay with age), most read first."""
    since = _since(changed_after)
    found = [
        article
        for article in most_read(window, limit=limit)
        if since is None or article.updated_at > since
    ]
    return {"items": _articles(request, found)}


# --- The newsroom's writes -------------------------------------------------------------------


@api.post(
    "/sources/",
    response={201: SourceCreated, 409: Problem, **WRITE_ERRORS},
    auth=KEY,
    tags=["newsroom (API key)"],
)
def add_source(request: HttpRequest, data: SourceIn) -> Status[dict[str, Any]]:
    """Follow a new source (administrators). Checked as the desk's form checks it; 409 when
    the feed is followed already. It is polled at the scheduler's next tick."""
    _permitted(request, "sources.add_source", "add sources", "administrators")
    source = writes.source_add(data)
    return Status(
        201,
        {
            **_source(source).dict(),
            "id": source.pk,
            "feed_url": source.feed_url,
            "kind": source.kind,
        },
    )


@api.post(
    "/entries/",
    response={200: EntryOut, 202: EntryOut, **WRITE_ERRORS},
    auth=KEY,
    tags=["newsroom (API key)"],
)
def submit_url(request: HttpRequest, data: EntryIn) -> Status[dict[str, Any]]:
    """Submit an article's URL for ingestion (editors and administrators): 202 when it is
    queued for fetching, 200 with its state when Gazette knows the URL already."""
    _permitted(request, "ingest.add_entry", "submit URLs", "editors and administrators")
    entry, queued = writes.entry_submit(data)
    answer = {
        "id": entry.pk,
        "url": entry.url,
        "source": entry.source.slug,
        "state": entry.state,
        "article_id": entry.article_id,
        "queued": queued,
    }
    return Status(202 if queued else 200, answer)
