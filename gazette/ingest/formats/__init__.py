"""Readers of listings (feeds, sitemaps) behind one registry, separate from how bytes are fetched.

Each format module offers `sniff(body, content_type) -> bool` and
`parse(body, base_url) -> Listing`; `parse_listing` picks the first that sniffs.
"""

from __future__ import annotations

# The format modules register themselves on import, in this order of sniffing.
from gazette.ingest.formats import feeds, jsonfeed, sitemaps
from gazette.ingest.formats.base import (
    REGISTRY,
    ListedItem,
    Listing,
    ListingError,
    ListingFormat,
    refuse_dangerous_xml,
    register,
)
from gazette.ingest.formats.decoding import readable_bytes

__all__ = [
    "REGISTRY",
    "ListedItem",
    "Listing",
    "ListingError",
    "ListingFormat",
    "feeds",
    "jsonfeed",
    "parse_listing",
    "readable_bytes",
    "refuse_dangerous_xml",
    "register",
    "sitemaps",
]


def parse_listing(body: bytes, content_type: str, base_url: str) -> Listing:
    """Read a feed or sitemap, or raise ListingError with a reason an editor can act on.

    Gzipped bytes (by their magic bytes, whatever the header or file name says) are unpacked
    and UTF-16/32 text recoded first. When no format recognises the bytes, feedparser gets the
    last word: it reads feeds whose markers sit past the first kilobytes or are misspelt.
    """
    body = readable_bytes(body)
    if not body.strip():
        raise ListingError("empty response: the URL returned no content")
    refuse_dangerous_xml(body)
    for fmt in REGISTRY:
        if fmt.sniff(body, content_type):
            try:
                return fmt.parse(body, base_url)
            except ListingError:
                raise
            except Exception as exc:  # a parser's own bug must not take the worker down
                raise ListingError(f"unreadable {fmt.name}: {type(exc).__name__}: {exc}") from exc
    try:
        fallback = feeds.parse(body, base_url)
    except Exception:  # noqa: S110 - the refusal below says what the bytes are
        pass
    else:
        if fallback.items:
            return fallback
    raise ListingError(
        f"not a feed or sitemap (Content-Type {content_type or 'missing'}, "
        f"starts with {body[:40]!r})"
    )
