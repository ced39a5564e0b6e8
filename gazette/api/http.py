"""What every API response goes through: the API key (if one is sent), the rate limit (per
key, else per address), CORS, HEAD and OPTIONS, and the validators of reads (ETag,
Last-Modified; 304 on a matching `If-None-Match`). Writes (POST) go to their handler, which
checks the key's permission, and are never cached.

The validators come from the same change time as the site's (`gazette.site.caching`): the
local change stamp (`gazette.lib.stamp`) and the newest change of a public article
(`articles.selectors.site_last_changed`), computed here because the site is a sibling app.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from gazette.api.keys import api_key_for_token
from gazette.api.limits import count_request, current_minute
from gazette.api.models import ApiKey
from gazette.api.problems import problem_response
from gazette.articles.selectors import site_last_changed
from gazette.discovery.popular import client_address, visitor_network
from gazette.lib.stamp import changed_at

View = Callable[..., HttpResponseBase]

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ_METHODS)
METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
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


def _within_rate(request: HttpRequest, key: ApiKey | None) -> tuple[bool, int, int]:
    """Count this request against its key's minute, or without a key its address's (an IPv6
    address by its /64): whether it is within the limit, the seconds until the next minute,
    and the limit."""
    minute, retry_after = current_minute()
    if key is not None:
        limit = key.requests_per_minute or settings.API_KEY_REQUESTS_PER_MINUTE
        bucket = f"key:{key.pk}"
    else:
        limit = settings.API_REQUESTS_PER_MINUTE
        bucket = f"ip:{visitor_network(client_address(request))}"
    return count_request(bucket, minute) <= limit, retry_after, limit


def presented_token(request: HttpRequest) -> str | None:
    """The token of `Authorization: Bearer <token>`; "" for any other Authorization header
    (refused like a wrong key); None without the header."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _unauthorized(detail: str) -> HttpResponse:
    response = problem_response(401, detail)
    response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    return response


def _allowed_methods(
    view: View, request: HttpRequest, args: tuple[object, ...], kwargs: dict[str, object]
) -> str:
    """The methods the address takes, for `Allow`: ninja's handler answers a method it does
    not route (OPTIONS) with 405 and the methods it does, before it reads anything else."""
    method = request.method
    request.method = "OPTIONS"
    try:
        probe = view(request, *args, **kwargs)
    finally:
        request.method = method
    if probe.status_code != 405:  # not one of ninja's addresses (the API's own 404)
        return ALLOW
    methods = {m.strip().upper() for m in probe.headers.get("Allow", "").split(",") if m.strip()}
    if "GET" in methods:
        methods.add("HEAD")
    methods.add("OPTIONS")
    return ", ".join(m for m in METHOD_ORDER if m in methods)


def _not_allowed(request: HttpRequest, allow: str) -> HttpResponse:
    response = problem_response(
        405, f"{request.method} is not allowed here; this address takes {allow}."
    )
    response.headers["Allow"] = allow
    return response


def api_view(view: View) -> View:
    """Wrap one of the API's URL handlers (see `gazette.api.urls`)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        token = presented_token(request)
        key = api_key_for_token(token) if token else None
        if token is not None and key is None:
            return _cors(
                _unauthorized(
                    "This API key is not valid: mistyped, revoked, or its owner is no longer "
                    "on the staff. An administrator makes a new one in the desk (API keys); "
                    "reads need no key."
                )
            )
        request.api_key = key  # type: ignore[attr-defined]
        within, retry_after, limit = _within_rate(request, key)
        if not within:
            limited = problem_response(
                429,
                f"More than {limit} requests in a minute from "
                f"{'this key' if key else 'this address'}; try again in {retry_after} seconds.",
            )
            limited.headers["Retry-After"] = str(retry_after)
            return _cors(limited)
        if request.method == "OPTIONS":  # a CORS preflight, or a client asking
            allowed = HttpResponse(status=204)
            allowed.headers["Allow"] = _allowed_methods(view, request, args, kwargs)
            allowed.headers["Access-Control-Allow-Methods"] = ALLOW
            allowed.headers["Access-Control-Allow-Headers"] = (
                "Authorization, If-None-Match, If-Modified-Since"
            )
            allowed.headers["Access-Control-Max-Age"] = "86400"
            return _cors(allowed)
        if request.method not in ("GET", "HEAD"):
            written = view(request, *args, **kwargs)
            if written.status_code == 405:  # the address takes no such method
                return _cors(_not_allowed(request, _allowed_methods(view, request, args, kwargs)))
            patch_cache_control(written, no_store=True)
            return written  # no CORS: writes are for the newsroom's tools, not browsers
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
            if response.status_code == 405:  # a write-only address
                request.method = "HEAD" if head else "GET"
                allow = _allowed_methods(view, request, args, kwargs)
                return _cors(_not_allowed(request, allow))
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
