"""The search page and its feed: the same published articles, the same filters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from gazette.articles.models import Article, Section
from gazette.discovery.search import SearchFilters, SearchResult, search_articles
from gazette.site.caching import public_page
from gazette.site.feeds import StoryFeed
from gazette.site.selectors import language_name, original_languages
from gazette.sources.models import Source

PAGE_SIZE = 20
SEARCH_MAX_AGE = 60
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # not allowed in XML 1.0


def shown_query(query: str) -> str:
    """The query as pages and feeds may repeat it: no control characters, no lone surrogates."""
    cleaned = CONTROL.sub(" ", query[:500])
    return cleaned.encode("utf-8", "replace").decode("utf-8")


def _date(value: str) -> date | None:
    """A date typed into the form, or None. Any date is taken: the search brings it into the
    range it can filter on (`discovery.search.FILTER_DAYS`)."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _word(value: str, limit: int) -> str:
    """A filter value (a slug, a language code) without control characters, which can match
    nothing and which PostgreSQL refuses (NUL) in a query."""
    return CONTROL.sub("", value[:limit])


def _filters(request: HttpRequest) -> SearchFilters:
    get = request.GET
    return SearchFilters(
        source=_word(get.get("source", ""), 100),
        language=_word(get.get("language", ""), 12),
        section=_word(get.get("section", ""), 100),
        since=_date(get.get("from", "")),
        until=_date(get.get("to", "")),
    )


def _search_params(request: HttpRequest) -> str:
    """The query and its filters as given, without the page: what a feed or a pager repeats."""
    wanted = ("q", "source", "section", "language", "from", "to")
    given = [(key, request.GET.get(key, "")) for key in wanted]
    return urlencode([(key, shown_query(value)) for key, value in given if value])


def _languages(request: HttpRequest) -> list[tuple[str, str]]:
    """The languages the filter offers: those of published articles, and the one asked for
    (an old link's), so the form shows the filter that applies."""
    languages = original_languages()
    asked = _filters(request).language
    if asked and asked not in {code for code, _name in languages}:
        languages = [*languages, (asked, language_name(asked))]
    return languages


@require_safe
@public_page(max_age=SEARCH_MAX_AGE)
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    try:
        number = max(1, min(int(request.GET.get("page", "1")), 50))
    except ValueError:
        number = 1
    result = SearchResult(terms=[])
    if query.strip() or _search_params(request):
        # Filters alone are a search without words: the same friendly message.
        result = search_articles(
            query, filters=_filters(request), offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
    pages = Paginator(range(result.total), PAGE_SIZE).get_page(number)
    context = {
        "query": shown_query(query),
        "result": result,
        "page": pages,
        "params": _search_params(request),
        "sources": Source.objects.order_by("name").values_list("slug", "name"),
        "sections": Section.objects.values_list("slug", "name"),
        "languages": _languages(request),
        "filters": _filters(request),
    }
    return render(request, "site/search.html", context)


@dataclass(frozen=True)
class FeedQuery:
    query: str
    filters: SearchFilters
    params: str


class SearchFeed(StoryFeed):
    """The search as a feed, its filters included: the same articles the search page lists,
    each told as every other feed tells it."""

    description = "Newest published articles matching a search."

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> FeedQuery:
        return FeedQuery(
            shown_query(request.GET.get("q", "")), _filters(request), _search_params(request)
        )

    def title(self, obj: FeedQuery) -> str:
        return f"Search: {obj.query}"

    def link(self, obj: FeedQuery) -> str:
        return reverse("site:search") + "?" + obj.params

    def feed_url(self, obj: FeedQuery) -> str:
        return reverse("site:search-feed") + "?" + obj.params

    def items(self, obj: FeedQuery) -> list[Article]:
        articles = [hit.article for hit in search_articles(obj.query, filters=obj.filters).hits]
        prefetch_related_objects(articles, "tags")
        return articles
