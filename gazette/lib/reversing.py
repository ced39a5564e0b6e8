"""`reverse()`, remembered: a page links to dozens of articles, sections and tags, and
resolving each address anew was a tenth of an uncached article page's time."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_cached(viewname: str, **kwargs: str | int) -> str:
    """`reverse(viewname, kwargs=kwargs)`, kept per URL configuration and script prefix, so a
    changed configuration (tests, a mounted prefix) never gets another's address."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(str(urlconf), get_script_prefix(), viewname, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=16384)
def _reverse(
    urlconf: str, prefix: str, viewname: str, kwargs: tuple[tuple[str, str | int], ...]
) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))
