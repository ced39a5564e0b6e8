"""JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from gazette.ingest.formats.base import (
    ListedItem,
    Listing,
    ListingError,
    ListingFormat,
    item_link,
    register,
)


def sniff(body: bytes, content_type: str) -> bool:
    return "json" in content_type or (
        body.lstrip()[:1] == b"{" and b"jsonfeed.org/version" in body[:4096]
    )


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _author(item: dict[str, Any]) -> str:
    authors = item.get("authors") or (
        [item["author"]] if isinstance(item.get("author"), dict) else []
    )
    names = [str(a.get("name", "")).strip() for a in authors if isinstance(a, dict)]
    return ", ".join(name for name in names if name)


def parse(body: bytes, base_url: str) -> Listing:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ListingError(f"broken JSON Feed: {exc}") from exc
    if not isinstance(document, dict) or "jsonfeed.org/version" not in str(document.get("version")):
        raise ListingError("JSON, but not a JSON Feed (no jsonfeed.org version)")
    raw_items = document.get("items")
    if not isinstance(raw_items, list):
        raise ListingError("broken JSON Feed: `items` is not a list")
    items = []
    skipped: list[str] = []
    for item in raw_items:
        if not isinstance(item, dict):
            continue
        link = item_link(item.get("url") or item.get("external_url") or "", base_url, skipped)
        if not link:
            continue
        summary = item.get("summary") or item.get("content_html") or item.get("content_text") or ""
        items.append(
            ListedItem(
                url=link,
                title=str(item.get("title") or "").strip(),
                author=_author(item),
                published_at=_date(item.get("date_published")),
                updated_at=_date(item.get("date_modified")),
                summary=str(summary).strip(),
            )
        )
    return Listing("jsonfeed", items, skipped=skipped)


register(ListingFormat("jsonfeed", sniff, parse))
