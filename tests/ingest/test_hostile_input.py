"""Property-based: whatever bytes arrive, readers give a result or a reason, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazette.ingest.extract import ExtractionError, extract_article
from gazette.ingest.formats import Listing, ListingError, parse_listing
from gazette.lib.fetch import detect_charset
from gazette.sources.feed_finder import find_feeds

xml_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)


@st.composite
def feedish(draw: st.DrawFn) -> bytes:
    """Feeds with random structure damage: cut short, odd dates, odd charsets, junk."""
    items = draw(st.lists(st.tuples(xml_text, xml_text, xml_text), max_size=6))
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
        for t, link, d in items
    )
    root = draw(st.sampled_from(["rss", "feed", "rdf:RDF", "urlset", "sitemapindex"]))
    document = f'<?xml version="1.0"?><{root}><channel>{body}</channel></{root}>'
    cut = draw(st.integers(min_value=0, max_value=len(document)))
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]))
    return document[: cut or None].encode(encoding, errors="replace")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.one_of(feedish(), st.binary(max_size=3000)), content_type=st.sampled_from(
    ["", "application/rss+xml", "application/json", "text/html; charset=bogus"]
))  # fmt: skip
def test_it_reads_or_explains_any_listing(body: bytes, content_type: str) -> None:
    try:
        listing = parse_listing(body, content_type, "https://example.org/feed")
    except ListingError as exc:
        assert str(exc)
    else:
        assert isinstance(listing, Listing)


html_parts = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<script>", "<nav>", "<!--", "&amp;",
     "<meta charset='x'>", '<script type="application/ld+json">{"@type":"NewsArticle",',
     "<time datetime='1970-01-01'>", "<time datetime='2999-12-31T25:61'>", "\x00", "é", "ß"]
)  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(html_parts, xml_text), max_size=60))
def test_it_extracts_or_explains_any_page(parts: list[str]) -> None:
    html = "".join(parts)
    try:
        article = extract_article(html, url="https://example.org/story")
    except ExtractionError as exc:
        assert str(exc)
    else:
        assert article.title
    find_feeds(html, "https://example.org/")


@settings(max_examples=100, deadline=None)
@given(body=st.binary(max_size=2000), content_type=st.text(max_size=40))
def test_it_always_names_a_usable_charset(body: bytes, content_type: str) -> None:
    body.decode(detect_charset(body, content_type), errors="replace")


@pytest.mark.parametrize("size", [10 * 1024 * 1024])
def test_it_handles_a_ten_megabyte_page(size: int) -> None:
    page = "<html><body>" + "<div><p>word </p></div>" * (size // 24) + "</body></html>"
    with pytest.raises(ExtractionError, match="elements"):
        extract_article(page[:size], url="https://example.org/huge")
