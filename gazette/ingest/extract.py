"""From a fetched page to a clean article: body as sanitised HTML, and its metadata.

trafilatura finds the body; the metadata comes from every signal on the page (JSON-LD,
OpenGraph, <meta>, <time>) and from what the feed said, in that order of trust.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html
import trafilatura
from trafilatura.metadata import extract_metadata

from gazette.lib.html_clean import html_to_text, sanitize_article_html


@dataclass(frozen=True)
class FeedHints:
    """What the listing said about the item; evidence, not truth."""

    title: str = ""
    author: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    summary: str = ""


@dataclass(frozen=True)
class ExtractedArticle:
    title: str
    body_html: str
    standfirst: str
    author: str
    published_at: datetime | None
    modified_at: datetime | None
    language: str
    canonical_url: str

    @property
    def text(self) -> str:
        return html_to_text(self.body_html)


class ExtractionError(Exception):
    """The page has no article Gazette can take; `str()` says why."""


MIN_BODY_CHARS = 200


def parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _json_ld_articles(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (ValueError, TypeError):
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.get("@graph", []))
                kinds = item.get("@type", [])
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(str(k).endswith("Article") or k == "Report" for k in kinds):
                    found.append(item)
    return found


def _ld_author(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("name", ""))
    if isinstance(value, list):
        return ", ".join(name for name in (_ld_author(v) for v in value) if name)
    return ""


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            if values and str(values[0]).strip():
                return str(values[0]).strip()
    return ""


def _first(*values: str | None) -> str:
    return next((v.strip() for v in values if v and v.strip()), "")


def _ordered_list_keys(tree: lxml.html.HtmlElement) -> set[str]:
    """First-item texts of the page's ordered lists (trafilatura outputs every list as <ul>)."""
    keys = set()
    for ordered in tree.xpath("//ol"):
        items = ordered.xpath("./li")
        if items:
            keys.add(" ".join(items[0].text_content().split()))
    return keys


def _clean_body(
    body_html: str, title: str, base_url: str, ordered_keys: set[str] | None = None
) -> str:
    fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for listing in fragment.xpath(".//ul"):
        items = listing.xpath("./li")
        if items and " ".join(items[0].text_content().split()) in (ordered_keys or set()):
            listing.tag = "ol"
    for body in fragment.xpath("//body"):
        body.drop_tag()
    for html_el in fragment.xpath("//html"):
        html_el.drop_tag()
    headings = fragment.xpath(".//h1")
    for index, heading in enumerate(headings):
        if index == 0 and heading.text_content().strip() == title.strip():
            heading.drop_tree()
        else:
            heading.tag = "h2"
    for element in fragment.xpath(".//a[@href] | .//img[@src]"):
        attr = "href" if element.tag == "a" else "src"
        element.set(attr, urljoin(base_url, element.get(attr)))
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return sanitize_article_html((fragment.text or "") + inner)


def extract_article(html: str, *, url: str, hints: FeedHints | None = None) -> ExtractedArticle:
    """Extract the article in `html` fetched from `url`; raise ExtractionError if none."""
    hints = hints or FeedHints()
    if not html.strip():
        raise ExtractionError("the page is empty")
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"the page is not readable HTML: {exc}") from exc

    body = trafilatura.extract(
        tree,
        url=url,
        output_format="html",
        include_links=True,
        include_images=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    if not body or len(html_to_text(body)) < MIN_BODY_CHARS:
        raise ExtractionError(
            f"no article body found (under {MIN_BODY_CHARS} characters of text); "
            "the page may be an index, a paywall or need JavaScript"
        )

    ld = _json_ld_articles(tree)
    ld_first = ld[0] if ld else {}
    page_meta = extract_metadata(tree, default_url=url)
    h1 = tree.xpath("//h1")

    title = _first(
        str(ld_first.get("headline", "")),
        _meta(tree, "og:title", "twitter:title"),
        hints.title,
        h1[0].text_content() if h1 else "",
        page_meta.title,
    )
    if not title:
        raise ExtractionError("no headline found on the page or in the feed")

    published = (
        parse_datetime(str(ld_first.get("datePublished", "")))
        or parse_datetime(_meta(tree, "article:published_time", "datePublished"))
        or parse_datetime(_first(*tree.xpath("//time[@datetime]/@datetime")))
        or hints.published_at
    )
    modified = (
        parse_datetime(str(ld_first.get("dateModified", "")))
        or parse_datetime(_meta(tree, "article:modified_time", "dateModified"))
        or hints.updated_at
    )
    if published and modified and modified <= published:
        modified = None

    author = _first(
        _ld_author(ld_first.get("author")),
        _meta(tree, "author", "article:author"),
        hints.author,
        page_meta.author,
    )
    standfirst = _first(
        _meta(tree, "og:description", "description", "twitter:description"),
        html_to_text(hints.summary),
    )
    language = _first(
        (tree.get("lang") or "").split("-")[0], _meta(tree, "og:locale").split("_")[0]
    ).lower()
    canonical = _first(*tree.xpath('//link[@rel="canonical"]/@href'))

    return ExtractedArticle(
        title=re.sub(r"\s+", " ", title),
        body_html=_clean_body(body, title, url, _ordered_list_keys(tree)),
        standfirst=standfirst,
        author=re.sub(r"^(by|von)\s+", "", author, flags=re.I),
        published_at=published,
        modified_at=modified,
        language=language,
        canonical_url=urljoin(url, canonical) if canonical else url,
    )
