"""What Gazette would take from a feed, sitemap or article page, without storing anything."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from gazette.ingest.extract import ExtractionError, extract_article
from gazette.ingest.formats import ListingError, parse_listing
from gazette.lib.fetch import Fetcher, FetchError, detect_charset
from gazette.sources.feed_finder import find_feeds


@dataclass
class Inspection:
    source: str
    kind: str = "refused"  # listing | article | refused
    format: str = ""
    reason: str = ""
    entries: list[dict[str, Any]] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    article: dict[str, Any] = field(default_factory=dict)
    feeds: list[dict[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # listed links left out, and why

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _read(target: str) -> tuple[bytes, str, str]:
    """Bytes, content type and base URL of a file path or an http(s) URL."""
    if target.startswith(("http://", "https://")):
        from gazette.ingest.politeness import shared_start_gate
        from gazette.ingest.services import FEED_ACCEPT, fetch_policy

        with Fetcher(fetch_policy(), gate=shared_start_gate()) as fetcher:
            result = fetcher.get(target, accept=FEED_ACCEPT)
        return result.body, result.headers.get("content-type", ""), result.url
    path = Path(target)
    if not path.is_file():
        raise FetchError(f"{target} is neither an http(s) URL nor a readable file")
    if path.stat().st_size > settings.FETCH_MAX_BYTES:
        raise FetchError(
            f"{target} is {path.stat().st_size:,} bytes, over FETCH_MAX_BYTES "
            f"({settings.FETCH_MAX_BYTES:,})"
        )
    return path.read_bytes(), "", path.resolve().as_uri()


def inspect_source(target: str) -> Inspection:
    report = Inspection(source=target)
    try:
        body, content_type, base_url = _read(target)
    except (FetchError, OSError) as exc:
        report.reason = str(exc)
        return report
    listing_error = ""
    try:
        listing = parse_listing(body, content_type, base_url)
    except ListingError as exc:
        listing_error = str(exc)
    else:
        report.kind, report.format, report.children = "listing", listing.format, listing.children
        report.skipped = listing.skipped
        report.entries = [
            {
                "url": item.url,
                "title": item.title,
                "author": item.author,
                "published_at": _iso(item.published_at),
                "updated_at": _iso(item.updated_at),
            }
            for item in listing.items
        ]
        return report
    html = body.decode(detect_charset(body, content_type), errors="replace")
    report.feeds = [
        {"url": feed.url, "title": feed.title, "kind": feed.kind}
        for feed in find_feeds(html, base_url)
    ]
    try:
        article = extract_article(html, url=base_url)
    except ExtractionError as exc:
        report.reason = f"not a listing ({listing_error}) and not an article ({exc})"
        return report
    report.kind, report.format = "article", "html"
    report.article = {
        "title": article.title,
        "author": article.author,
        "published_at": _iso(article.published_at),
        "published_at_note": "" if article.published_at else "none found: first-seen time used",
        "modified_at": _iso(article.modified_at),
        "language": article.language,
        "canonical_url": article.canonical_url,
        "standfirst": article.standfirst,
        "text_chars": len(article.text),
        "body_html": article.body_html,
    }
    return report
