"""From a fetched page to a clean article: body as sanitised HTML, and its metadata.

trafilatura finds the body (`extraction/body.py` tidies it); the metadata comes from every
signal on the page, weighed in `extraction/`: JSON-LD, OpenGraph and other <meta>, microdata,
<time> and visible bylines and dates, htmldate as a last resort, and what the feed said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

import lxml.etree
import lxml.html

from gazette.ingest.extraction.authors import page_authors
from gazette.ingest.extraction.body import tidy_body
from gazette.ingest.extraction.bodychoice import choose_body
from gazette.ingest.extraction.dates import DateCandidate, page_dates, parse_datetime
from gazette.ingest.extraction.metadata import PageSignals, lead_image, page_language
from gazette.ingest.extraction.titles import TitleCandidate, page_titles
from gazette.lib.html_clean import html_to_text
from gazette.lib.urls import clean_web_url

__all__ = [
    "MIN_BODY_CHARS",
    "ExtractedArticle",
    "ExtractionError",
    "FeedHints",
    "extract_article",
    "parse_datetime",
]


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
    authors: tuple[str, ...] = ()
    image_url: str = ""
    image_caption: str = ""
    image_credit: str = ""
    image_alt: str = ""
    # Which signal gave published_at: "structured", "page text", "feed", "url", "htmldate".
    date_source: str = ""
    # The page's first paragraph was the standfirst; it is kept once, in `standfirst`.
    standfirst_in_body: bool = False
    # Every day the page offered as its date, as the date chooser saw them (for benches).
    date_candidates: tuple[DateCandidate, ...] = ()
    title_candidates: tuple[TitleCandidate, ...] = ()

    @cached_property
    def text(self) -> str:
        """The body as plain text (computed once: extraction and storing both read it)."""
        return html_to_text(self.body_html)


class ExtractionError(Exception):
    """The page has no article Gazette can take; `str()` says why.

    `partial` holds what was found anyway (metadata, a too-short body), for reports.
    """

    def __init__(self, reason: str, *, partial: ExtractedArticle | None = None) -> None:
        super().__init__(reason)
        self.partial = partial


MIN_BODY_CHARS = 200
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)


MAX_ELEMENTS = 60_000
# Comments and processing instructions dropped while parsing, as trafilatura's own parser does:
# left in the tree, framework markers (`<!--[-->`) split text runs and trafilatura loses them.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)


def _parse(html: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that declares an encoding, and NUL bytes end its parsing early.
    text = _XML_DECLARATION.sub("", html.replace("\x00", ""), count=1)
    if not text.strip():
        raise ExtractionError("the page is empty")
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"the page is not readable HTML: {exc}") from exc
    if tree is None or not isinstance(tree.tag, str):
        raise ExtractionError("the page is not readable HTML")
    # Parsing is fast; scoring is not: a page this big holds no single article worth minutes.
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise ExtractionError(
            f"the page has {elements:,} elements (over {MAX_ELEMENTS:,}); an article page has "
            "a few thousand, so this is an archive, a listing or a hostile page"
        )
    return tree


def extract_article(html: str, *, url: str, hints: FeedHints | None = None) -> ExtractedArticle:
    """Extract the article in `html` fetched from `url`; raise ExtractionError if none."""
    hints = hints or FeedHints()
    tree = _parse(html)
    signals = PageSignals.read(tree)
    titles = page_titles(signals, tree, url=url, feed_title=hints.title)
    title = titles.title
    authors = page_authors(signals, tree, url=url, feed_author=hints.author)
    dates = page_dates(
        signals,
        tree,
        url=url,
        headline=title,
        feed_published=hints.published_at,
        feed_updated=hints.updated_at,
    )
    image = lead_image(signals, tree, url)
    standfirst = signals.first_meta(
        "og:description", "description", "twitter:description"
    ) or html_to_text(hints.summary)
    canonical = next(iter(tree.xpath('//link[@rel="canonical"]/@href')), "")
    # trafilatura's body read with its default choices, links and figures put back (the learned
    # chooser in extraction/bodychoice.py is not adopted: docs/extraction.md).
    raw_body = choose_body(tree, url).html
    body_html, shown_standfirst = (
        tidy_body(
            raw_body,
            title=title,
            base_url=url,
            page=tree,
            standfirst=standfirst,
            lead_image=image.url,
        )
        if raw_body
        else ("", "")
    )
    article = ExtractedArticle(
        title=" ".join(title.split()),
        body_html=body_html,
        standfirst=shown_standfirst or standfirst,
        author=", ".join(authors),
        published_at=dates.published,
        modified_at=dates.modified,
        language=page_language(signals, tree),
        canonical_url=clean_web_url(str(canonical), base=url) or url,
        authors=authors,
        image_url=image.url,
        image_caption=image.caption,
        image_credit=image.credit,
        image_alt=image.alt,
        date_source=dates.source,
        standfirst_in_body=bool(shown_standfirst),
        date_candidates=dates.candidates,
        title_candidates=titles.candidates,
    )
    if len(article.text) < MIN_BODY_CHARS:
        raise ExtractionError(
            f"no article body found (under {MIN_BODY_CHARS} characters of text); "
            "the page may be an index, a paywall or need JavaScript",
            partial=article,
        )
    if not article.title:
        raise ExtractionError("no headline found on the page or in the feed", partial=article)
    return article
