"""Checking a source before the desk saves it: fetch the address through the one HTTP client,
find the feeds a homepage announces, read the listing, and extract a few of its articles, so
the editor sees what Gazette would take. Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from gazette.ingest.extract import ExtractionError, FeedHints, extract_article
from gazette.ingest.formats import ListingError, parse_listing
from gazette.ingest.politeness import shared_start_gate
from gazette.ingest.services import FEED_ACCEPT, PAGE_ACCEPT, fetch_policy
from gazette.lib.fetch import Fetcher, FetchError
from gazette.lib.urls import UnsafeURL, web_url
from gazette.sources.feed_finder import FoundFeed, find_feeds
from gazette.sources.reasons import readable_reason
from gazette.states import SourceKind

PREVIEW_ARTICLES = 5


@dataclass(frozen=True)
class PreviewArticle:
    url: str
    title: str
    published_at: datetime | None
    text_chars: int
    problem: str = ""  # why nothing could be taken from it
    language: str = ""

    @property
    def undated(self) -> bool:
        return not self.problem and self.published_at is None


@dataclass
class SourceCheck:
    """What the address is, and what Gazette would take from it."""

    address: str
    ok: bool = False
    reason: str = ""  # why it cannot be a source, in words an editor acts on
    feed_url: str = ""
    homepage: str = ""
    kind: str = SourceKind.FEED
    format: str = ""
    feeds: list[FoundFeed] = field(default_factory=list)  # the feeds a homepage announces
    page_title: str = ""  # the homepage's <title>: the outlet's name, usually
    items_total: int = 0
    preview: list[PreviewArticle] = field(default_factory=list)

    @property
    def language_guess(self) -> str:
        """The language most previewed articles are in ('' when none says)."""
        found = [row.language for row in self.preview if row.language]
        return max(set(found), key=found.count) if found else ""

    @property
    def site_name(self) -> str:
        return urlsplit(self.homepage or self.feed_url or self.address).hostname or ""


def _fetcher() -> Fetcher:
    return Fetcher(fetch_policy(), gate=shared_start_gate())


def _preview(fetcher: Fetcher, items: list[object], limit: int) -> list[PreviewArticle]:
    rows: list[PreviewArticle] = []
    for item in items[:limit]:
        url, title = getattr(item, "url", ""), getattr(item, "title", "")
        hints = FeedHints(
            title=title,
            author=getattr(item, "author", ""),
            published_at=getattr(item, "published_at", None),
            updated_at=getattr(item, "updated_at", None),
            summary=getattr(item, "summary", ""),
        )
        try:
            page = fetcher.get(url, accept=PAGE_ACCEPT)
            article = extract_article(page.text(), url=page.url, hints=hints)
        except FetchError as exc:
            rows.append(PreviewArticle(url, title, None, 0, readable_reason(exc, url=url)))
        except ExtractionError as exc:
            rows.append(PreviewArticle(url, title, None, 0, f"no article found: {exc}"))
        else:
            rows.append(
                PreviewArticle(
                    url,
                    article.title or title,
                    article.published_at,
                    len(article.text),
                    language=(article.language or "").split("-")[0].lower(),
                )
            )
    return rows


def check_source(address: str, *, preview: int = PREVIEW_ARTICLES) -> SourceCheck:
    """Fetch `address` (a feed, a sitemap or a homepage) and say what it would give.

    A homepage's announced feeds are listed, and the first one is checked in its place.
    `preview` articles are fetched and extracted (0: the listing only).
    """
    check = SourceCheck(address=address.strip())
    try:
        url = web_url(check.address)
    except UnsafeURL as exc:
        check.reason = f"not a web address Gazette can poll: {exc}"
        return check
    with _fetcher() as fetcher:
        try:
            result = fetcher.get(url, accept=FEED_ACCEPT)
        except FetchError as exc:
            check.reason = readable_reason(exc, url=url)
            return check
        try:
            listing = parse_listing(result.body, result.content_type, result.url)
        except ListingError as exc:
            feeds = find_feeds(result.text(), result.url)
            if not feeds:
                reason = readable_reason(exc, url=url)
                check.reason = (
                    "this is a web page that announces no feed. Enter the address of its "
                    "RSS or Atom feed or of its sitemap (often linked as RSS at the foot of "
                    f"the page). ({reason})"
                    if "web page" in reason
                    else reason
                )
                return check
            found = _check_feed(fetcher, feeds[0].url, preview)
            found.address, found.homepage, found.feeds = check.address, result.url, feeds
            found.page_title = _title(result.text())
            return found
        return _from_listing(fetcher, check, result.url, listing, preview)


def _title(html: str) -> str:
    try:
        titles = lxml.html.document_fromstring(html).xpath("//head/title/text()")
    except (lxml.etree.ParserError, ValueError):
        return ""
    return " ".join(str(titles[0]).split())[:200] if titles else ""


def _check_feed(fetcher: Fetcher, url: str, preview: int) -> SourceCheck:
    check = SourceCheck(address=url)
    try:
        result = fetcher.get(url, accept=FEED_ACCEPT)
        listing = parse_listing(result.body, result.content_type, result.url)
    except (FetchError, ListingError) as exc:
        check.reason = f"the feed {url} the page announces cannot be read: {readable_reason(exc)}"
        return check
    return _from_listing(fetcher, check, result.url, listing, preview)


def _from_listing(
    fetcher: Fetcher, check: SourceCheck, url: str, listing: object, preview: int
) -> SourceCheck:
    items = list(getattr(listing, "items", []))
    fmt = str(getattr(listing, "format", ""))
    check.feed_url, check.format = url, fmt
    check.kind = SourceKind.SITEMAP if fmt == "sitemap" else SourceKind.FEED
    check.items_total = len(items)
    if not items and not getattr(listing, "children", None):
        check.reason = "the feed is readable but lists no articles now; try again later"
        return check
    check.ok = True
    if preview:
        check.preview = _preview(fetcher, items, preview)
    return check


def check_feed_address(url: str) -> str:
    """'' if `url` is a readable feed or sitemap; otherwise why not (for the change form)."""
    with _fetcher() as fetcher:
        try:
            result = fetcher.get(web_url(url), accept=FEED_ACCEPT)
            parse_listing(result.body, result.content_type, result.url)
        except UnsafeURL as exc:
            return f"not a web address Gazette can poll: {exc}"
        except FetchError as exc:
            return readable_reason(exc, url=url)
        except ListingError as exc:
            feeds = find_feeds(result.text(), result.url)
            if feeds:
                listed = ", ".join(feed.url for feed in feeds[:3])
                return f"this is a web page, not a feed; it announces these feeds: {listed}"
            return readable_reason(exc, url=url)
    return ""
