"""What every API response goes through: the per-address rate limit, CORS, HEAD and OPTIONS,
and the validators (ETag, Last-Modified; 304 on a matching `If-None-Match`).

The validators come from the same change time as the site's (`gazette.site.caching`): the
local change stamp (`gazette.lib.stamp`) and the newest change of a public article
(`articles.selectors.site_last_changed`), computed here because the site is a sibling app.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from gazette.api.problems import problem_response
from gazette.articles.selectors import site_last_changed
from gazette.discovery.popular import client_address, visitor_network
from gazette.lib.stamp import changed_at

View = Callable[..., HttpResponseBase]

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ_METHODS)
MAX_AGE = 60


def _build_id() -> str:
    """Changes when the API's code changes, so a deploy does not answer 304 with old shapes."""
    folder = Path(__file__).resolve().parent
    stamps = [f"{path.name}:{path.stat().st_mtime_ns}" for path in sorted(folder.rglob("*.py"))]
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:12]


BUILD_ID = _build_id()


def content_changed_at() -> datetime:
    """The site's change time (`gazette.lib.stamp.changed_at`) over the articles alone: the
    API shows none of the site's own pages."""
    return changed_at("api-db-changed", site_last_changed)


def _within_rate(request: HttpRequest) -> tuple[bool, int]:
    """Count this request against its address's minute (an IPv6 address by its /64): whether
    it is within `API_REQUESTS_PER_MINUTE`, and the seconds until the next minute."""
    now = time.time()
    minute = int(now // 60)
    key = f"api:rate:{visitor_network(client_address(request))}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)  # atomic in every cache backend Django ships, and Redis
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=120)
        count = 1
    return count <= settings.API_REQUESTS_PER_MINUTE, max(1, int((minute + 1) * 60 - now) + 1)


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    return response


def api_view(view: View) -> View:
    """Wrap one of the API's URL handlers (see `gazette.api.urls`)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        within, retry_after = _within_rate(request)
        if not within:
            limited = problem_response(
                429,
                f"More than {settings.API_REQUESTS_PER_MINUTE} requests in a minute from "
                f"this address; try again in {retry_after} seconds.",
            )
            limited.headers["Retry-After"] = str(retry_after)
            return _cors(limited)
        if request.method == "OPTIONS":  # a CORS preflight, or a client asking
            allowed = HttpResponse(status=204)
            allowed.headers["Allow"] = ALLOW
            allowed.headers["Access-Control-Allow-Methods"] = ALLOW
            allowed.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            allowed.headers["Access-Control-Max-Age"] = "86400"
            return _cors(allowed)
        if request.method not in ("GET", "HEAD"):
            refused = problem_response(405, "The API is read-only: GET, HEAD or OPTIONS.")
            refused.headers["Allow"] = ALLOW
            return _cors(refused)
        head = request.method == "HEAD"
        changed = content_changed_at()
        seed = f"{BUILD_ID}|{request.get_full_path()}|{changed.isoformat()}"
        etag = quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:24])
        last_modified = int(changed.timestamp())
        response: HttpResponseBase | None = get_conditional_response(
            request, etag=etag, last_modified=last_modified
        )
        if response is None:
            if head:
                request.method = "GET"  # the handlers answer GET; the body is dropped below
            response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response.headers["ETag"] = etag
            response.headers["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        if head and isinstance(response, HttpResponse):
            length = len(response.content)
            response.content = b""
            response.headers["Content-Length"] = str(length)
        return _cors(response)

    return wrapper
