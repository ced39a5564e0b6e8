"""RSS 0.9x/1.0/2.0 and Atom, read with feedparser."""

from __future__ import annotations

import calendar
import re
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


_OTHER_SCHEME = re.compile(r"^(?!https?:)[a-z][a-z0-9+.-]*:", re.I)


def _entry_links(entry: Any) -> list[str]:
    """The entry's possible article addresses, best first: its link, then its alternate and
    other <link>s, then an id that is an http(s) address, then its enclosure. feedparser
    copies an id into `link` when there is no <link>, even a "urn:" one, so addresses in other
    schemes are left to the fallbacks; an entry whose every <link> is in another scheme
    ("javascript:") gets none and is skipped."""
    links = [link for link in entry.get("links") or [] if link.get("href")]
    pages = sorted(
        (link for link in links if link.get("rel") != "enclosure"),
        key=lambda link: (link.get("rel") or "alternate") != "alternate",
    )
    found = [str(entry.get("link") or ""), *(str(link["href"]) for link in pages)]
    usable = [link for link in found if link.strip() and not _OTHER_SCHEME.match(link.strip())]
    if usable or pages:
        return usable
    ident = str(entry.get("id") or "")
    if not links and ident.startswith(("http://", "https://")):
        return [ident]  # an RSS 1.0 item's rdf:about, an Atom id that is the page's address
    return [str(link["href"]) for link in links if link.get("rel") == "enclosure"]


def parse(body: bytes, base_url: str) -> Listing:
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if parsed.bozo and not parsed.entries:
        reason = parsed.get("bozo_exception") or "unreadable"
        raise ListingError(f"broken feed: {reason}")
    items: list[ListedItem] = []
    skipped: list[str] = []
    for entry in parsed.entries:
        candidates = _entry_links(entry)
        link = item_link(
            candidates[0] if candidates else entry.get("link") or "", base_url, skipped
        )
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
