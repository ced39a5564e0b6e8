"""Public pages: request handling only; reads come from selectors."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from gazette.articles.selectors import article_published_by_slug, articles_published

PAGE_SIZE = 20


@require_safe
@cache_control(public=True, max_age=60)
def home(request: HttpRequest) -> HttpResponse:
    page = Paginator(articles_published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "site/home.html", {"page": page, "articles": page.object_list})


@require_safe
@cache_control(public=True, max_age=300)
def article_detail(
    request: HttpRequest, year: int, month: int, day: int, slug: str
) -> HttpResponseBase:
    article = article_published_by_slug(slug)
    if article is None:
        raise Http404("No published article has this address.")
    local = timezone.localtime(article.published_at)
    if (local.year, local.month, local.day) != (year, month, day):
        return redirect(article, permanent=True)
    return render(request, "site/article.html", {"article": article})


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


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
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
