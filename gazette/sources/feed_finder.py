"""Feed autodiscovery: the feeds a homepage announces with <link rel="alternate">."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from gazette.lib.urls import clean_web_url

FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
    "application/json": "JSON Feed",
    "application/rdf+xml": "RSS 1.0",
}


@dataclass(frozen=True)
class FoundFeed:
    url: str
    title: str
    kind: str


def find_feeds(html: str, base_url: str) -> list[FoundFeed]:
    """Feeds announced in the page's head, in page order, without repeats."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    found: dict[str, FoundFeed] = {}
    for link in tree.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((link.get("type") or "").split(";")[0].strip().lower())
        if "alternate" not in rel or kind is None:
            continue
        url = clean_web_url(link.get("href"), base=base_url)
        if not url:
            continue  # not an http(s) address: nothing Gazette would poll
        found.setdefault(
            url, FoundFeed(url=url, title=(link.get("title") or "").strip(), kind=kind)
        )
    return list(found.values())
