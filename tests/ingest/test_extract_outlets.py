"""Extraction on the fictional outlets' pages: the article, its metadata, and no clutter."""

from __future__ import annotations

import difflib
import urllib.request

import pytest

from gazette.demo.outlets import OUTLETS, OutletArticle
from gazette.ingest.extract import FeedHints, extract_article
from gazette.lib.html_clean import html_to_text

CLUTTER = (
    "Accept all",
    "Alle akzeptieren",
    "Leave a reply",
    "Advertisement",
    "Share on",
    "Teilen",
    "Newsletter",
    "Cookie",
    "Impressum",
)

CASES = [
    pytest.param(index, article, id=f"{outlet.slug}/{article.slug}")
    for index, outlet in enumerate(OUTLETS)
    for article in outlet.articles
]


def _page(outlets: list, index: int, article: OutletArticle) -> tuple[str, str]:
    url = outlets[index].base_url + article.path
    with urllib.request.urlopen(url, timeout=10) as response:
        return url, response.read().decode("utf-8")


@pytest.mark.parametrize(("index", "article"), CASES)
def test_it_extracts_the_article_and_nothing_else(outlets, index, article):
    url, html = _page(outlets, index, article)

    extracted = extract_article(html, url=url, hints=FeedHints())

    assert extracted.title == article.title
    if article.author:
        assert article.author in extracted.author
    if article.published is not None:
        assert extracted.published_at == article.published
    expected_text = html_to_text(article.body_html)
    similarity = difflib.SequenceMatcher(None, expected_text, extracted.text).ratio()
    assert similarity > 0.9, (similarity, extracted.text[:500])
    for marker in CLUTTER:
        assert marker.lower() not in extracted.body_html.lower(), marker
    for tag in ("<h2", "<ul", "<ol", "<blockquote"):
        if tag in article.body_html:
            assert tag in extracted.body_html, f"{tag} kept"
