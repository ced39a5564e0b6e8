"""RSS 0.9x/1.0/2.0 and Atom, read with feedparser."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime
from typing import Any

import feedparser

from gazette.ingest.formats.base import (
    ListedItem,
    Listing,
    ListingError,
    ListingFormat,
    item_link,
    register,
)

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


def sniff(body: bytes, content_type: str) -> bool:
    head = body[:2048].lower()
    return any(marker in head for marker in _FEED_MARKERS) or any(
        kind in content_type for kind in ("rss", "atom")
    )


def _when(entry: Any, key: str) -> datetime | None:
    parsed: time.struct_time | None = entry.get(f"{key}_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def parse(body: bytes, base_url: str) -> Listing:
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if parsed.bozo and not parsed.entries:
        reason = parsed.get("bozo_exception") or "unreadable"
        raise ListingError(f"broken feed: {reason}")
    items: list[ListedItem] = []
    skipped: list[str] = []
    for entry in parsed.entries:
        link = item_link(entry.get("link") or "", base_url, skipped)
        if not link:
            continue
        items.append(
            ListedItem(
                url=link,
                title=(entry.get("title") or "").strip(),
                author=(entry.get("author") or "").strip(),
                published_at=_when(entry, "published") or _when(entry, "created"),
                updated_at=_when(entry, "updated"),
                summary=(entry.get("summary") or "").strip(),
                categories=tuple(
                    term
                    for tag in entry.get("tags") or []
                    if (term := (tag.get("term") or "").strip())
                ),
            )
        )
    if not items and parsed.bozo:
        raise ListingError(f"broken feed: {parsed.get('bozo_exception')}")
    return Listing("feed", items, skipped=skipped)


register(ListingFormat("feed", sniff, parse))
