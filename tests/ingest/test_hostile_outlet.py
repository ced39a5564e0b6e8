"""The hostile outlet (`tests/hostile_outlet.py`) through the real pipeline: every address it
offers is checked at the boundary, so nothing stored is anything but an http(s) URL, and its
real stories still come through. The browser test (`tests/browser/test_hostile_outlet_in_
browser.py`) then shows that no payload runs on any page."""

from __future__ import annotations

import pytest

from gazette.articles.models import Article
from gazette.ingest.models import Document, Entry
from gazette.lib.urls import validate_web_url
from gazette.sources.models import Source
from gazette.states import ArticleState
from tests.hostile_outlet import ARTICLES, UNSAFE_PREFIXES, hostile_outlet, take_in

pytestmark = pytest.mark.django_db


def stored_addresses() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for source in Source.objects.all():
        found += [("source.feed_url", source.feed_url), ("source.homepage", source.homepage)]
    for entry in Entry.objects.all():
        found += [("entry.url", entry.url), ("entry.canonical_url", entry.canonical_url)]
    found += [("document.url", url) for url in Document.objects.values_list("url", flat=True)]
    for article in Article.objects.all():
        found += [("article.original_url", article.original_url)]
        found += [("article.image_url", article.image_url)]
    return [(field, value) for field, value in found if value]


def test_the_hostile_outlet_leaves_only_web_addresses_behind():
    with hostile_outlet() as server:
        taken = take_in(server)
    assert len(taken.sources) == 4  # three good OPML outlines and the page source
    stored = stored_addresses()
    assert stored
    for field, value in stored:
        validate_web_url(value)  # raises for anything but an absolute http(s) URL
        assert not value.lower().startswith(UNSAFE_PREFIXES), (field, value)
        assert "@" not in value.split("/")[2], (field, value)
    assert not Source.objects.exclude(homepage="").exclude(homepage=server.base_url + "/").exists()
    # The real stories came through, each once.
    titles = sorted(a.title for a in Article.objects.filter(state=ArticleState.PUBLISHED))
    assert len(titles) == ARTICLES, titles
    assert all(title.startswith("Harbour report") for title in titles), titles
    # Whatever was stored of the payloads as text is kept as text (escaped on output).
    assert any("<script>" in a.title or "<script>" in a.author for a in taken.articles)
    for article in taken.articles:
        assert "<script" not in article.body_html.lower()
        assert "onerror" not in article.body_html.lower()
        assert "javascript:" not in article.body_html.lower()
