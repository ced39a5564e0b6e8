"""Discovery pages: search, its feed, story pages and the view beacon."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from gazette.articles.models import Article, Section
from gazette.discovery.models import Story, StoryRedirect
from gazette.discovery.popular import view_record
from gazette.discovery.search import SearchFilters, SearchResult, search_articles
from gazette.discovery.selectors import story_reports
from gazette.sources.models import Source

PAGE_SIZE = 20
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # not allowed in XML 1.0
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def shown_query(query: str) -> str:
    """The query as pages and feeds may repeat it: no control characters, no lone surrogates."""
    cleaned = CONTROL.sub(" ", query[:500])
    return cleaned.encode("utf-8", "replace").decode("utf-8")


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _filters(request: HttpRequest) -> SearchFilters:
    get = request.GET
    return SearchFilters(
        source=get.get("source", "")[:100],
        language=get.get("language", "")[:12],
        section=get.get("section", "")[:100],
        since=_date(get.get("from", "")),
        until=_date(get.get("to", "")),
    )


@require_safe
@cache_control(public=True, max_age=60)
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
        "filters": _filters(request),
    }
    return render(request, "discovery/search.html", context)


def _search_params(request: HttpRequest) -> str:
    """The query and its filters as given, without the page: what a feed or a pager repeats."""
    wanted = ("q", "source", "section", "language", "from", "to")
    given = [(key, request.GET.get(key, "")) for key in wanted]
    return urlencode([(key, shown_query(value)) for key, value in given if value])


@dataclass(frozen=True)
class FeedQuery:
    query: str
    filters: SearchFilters
    params: str


class SearchFeed(Feed):
    """The search as a feed, its filters included: the same articles the search page lists."""

    description = "Newest published articles matching a search."

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> FeedQuery:
        return FeedQuery(
            shown_query(request.GET.get("q", "")), _filters(request), _search_params(request)
        )

    def title(self, obj: FeedQuery) -> str:
        return f"Search: {obj.query}"

    def link(self, obj: FeedQuery) -> str:
        return reverse("discovery:search") + "?" + obj.params

    def feed_url(self, obj: FeedQuery) -> str:
        return reverse("discovery:search-feed") + "?" + obj.params

    def items(self, obj: FeedQuery) -> list[Article]:
        return [hit.article for hit in search_articles(obj.query, filters=obj.filters).hits]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.standfirst

    def item_pubdate(self, item: Article) -> object:
        return item.published_at


@require_safe
@cache_control(public=True, max_age=120)
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = Story.objects.filter(pk=pk).first()
    if story is None:  # merged into another story (or emptied by a split): go there, for good
        moved = StoryRedirect.objects.filter(old_id=pk).select_related("story").first()
        if moved is None:
            raise Http404("No such story.")
        return redirect(moved.story, permanent=True)
    reports = list(story_reports(story).select_related("source"))
    if not reports:
        raise Http404("This story has no published reports.")
    return render(request, "discovery/story.html", {"story": story, "reports": reports})


@csrf_exempt  # no cookies and no state but a counter: nothing to forge
@never_cache
@require_http_methods(["GET", "POST"])
def beacon(request: HttpRequest, article_id: int) -> HttpResponse:
    view_record(request=request, article_id=article_id)
    if request.method == "POST":
        return HttpResponse(status=204)
    return HttpResponse(PIXEL, content_type="image/gif")
