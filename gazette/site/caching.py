"""HTTP caching of public pages and feeds: validators, Cache-Control, and the change stamp.

Every public response carries an ETag and a Last-Modified derived from one value, the time
anything shown on the site last changed (`content_changed_at`), so a conditional request is
answered 304 before any template is rendered, and any edit invalidates every page at once.
Coarse, but always right: pages show lists, neighbours and counts of other articles too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag

from gazette.articles.selectors import site_last_changed
from gazette.lib.stamp import changed_at
from gazette.site.selectors import site_pages_last_changed

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
T = TypeVar("T")

# How long a part of a page computed for one generation is kept (`per_generation`): as long
# as `per_change` keeps what it computes, so "most read" and ended embargoes are as fresh.
GENERATION_SECONDS = 60
_GENERATION_ATTRIBUTE = "_gazette_generation"

_CODE_DIRS = (settings.BASE_DIR / "templates", Path(__file__).resolve().parent)


def _build_id() -> str:
    """Changes when templates or site code change, so a deploy does not serve stale 304s."""
    stamps = []
    for folder in _CODE_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".html", ".xml", ".txt", ".py"):
                stamps.append(f"{path.name}:{path.stat().st_mtime_ns}")
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:12]


BUILD_ID = _build_id()


def database_changed_at() -> datetime | None:
    """When the articles (`site_last_changed`) or the site's own pages last changed."""
    changed = [when for when in (site_last_changed(), site_pages_last_changed()) if when]
    return max(changed) if changed else None


def content_changed_at() -> datetime:
    """The newest of the database's change time and the local change stamp."""
    return changed_at("db-changed", database_changed_at)


def generation(request: HttpRequest) -> str:
    """What every public page shows depends on, as a short key: the content's change time
    (`content_changed_at`: the local stamp and the database's change time, so a write by
    any process or host moves it), the code (`BUILD_ID`), the language and the time zone.
    Read once per request (`public_page` reads it before the view runs)."""
    found = getattr(request, _GENERATION_ATTRIBUTE, None)
    if found is None:
        found = _generation(content_changed_at())
        setattr(request, _GENERATION_ATTRIBUTE, found)
    return str(found)


def _generation(changed: datetime) -> str:
    seed = "|".join(
        (
            BUILD_ID,
            changed.isoformat(),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
        )
    )
    return hashlib.sha256(seed.encode()).hexdigest()[:20]


def per_generation(
    generation: str, key: str, compute: Callable[[], T], *, keep_none: bool = True
) -> T:
    """`compute()`, kept in the configured cache (shared by every server process) for this
    generation (at most GENERATION_SECONDS). With `keep_none=False` a None is not kept (an
    address nobody published: a flood of them must not fill the cache)."""
    full_key = f"site:gen:{generation}:{key}"
    found = cache.get(full_key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    if value is not None or keep_none:
        cache.set(full_key, value, GENERATION_SECONDS)
    return value


_MISSING = object()


def public_page(*, max_age: int) -> Callable[[View], View]:
    """Mark a view public and cacheable, with validators answered before the view runs."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            changed = content_changed_at()
            setattr(request, _GENERATION_ATTRIBUTE, _generation(changed))
            seed = f"{BUILD_ID}|{request.get_full_path()}|{changed.isoformat()}"
            # Weak: the page is the same whether sent compressed or not (GZipMiddleware
            # would weaken a strong one on the compressed 200 only, not on the 304).
            etag = "W/" + quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:24])
            last_modified = int(changed.timestamp())
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified
            ) or view(request, *args, **kwargs)
            if response.status_code in (200, 304):
                # Ours win over the feed framework's (newest item): pages show more than items.
                response.headers["ETag"] = etag
                response.headers["Last-Modified"] = http_date(last_modified)
                patch_cache_control(
                    response, public=True, max_age=max_age, stale_while_revalidate=max_age
                )
                # Set on the 304 too (a 304 must carry the Vary of its 200), whether or not
                # this response is compressed: a shared cache keys on it, as the page cache
                # (`site.pagecache`) does.
                patch_vary_headers(response, ["Accept-Encoding"])
            return response

        return wrapper  # type: ignore[return-value]

    return decorator
