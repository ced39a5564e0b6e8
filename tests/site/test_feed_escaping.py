"""Every feed (RSS and Atom; site, section, tag, source and search) carries hostile text as
text: the XML parses, the HTML parts hold no markup but what Gazette writes itself (and the
sanitised body), and the plain-text parts hold the words, never a control character."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client

from gazette.articles.models import Section, Tag
from gazette.discovery.services import article_discover
from gazette.lib.html_clean import ARTICLE_TAGS
from gazette.states import LicencePolicy
from tests.factories import make_article, make_source, translated_from

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
# Markup, a CDATA end, ampersands, an entity, control characters XML 1.0 forbids, and a
# non-character; "harbour" so that the search finds it.
HOSTILE = (
    "Harbour <script>alert('x')</script> ]]> Tom & Jerry &amp; \x01\x08\x0b\x0c\x1f "
    '<b onmouseover="alert(1)">bold</b> <![CDATA[ raw ]]> \ufffe end'
)
BODY = (
    "<p>Harbour body &amp; more.</p><script>alert('body')</script>"
    '<p onclick="alert(2)">Second <a href="javascript:alert(3)">link</a></p>'
    "<style>p{}</style><iframe src='https://evil.example/'></iframe>"
)
FORBIDDEN_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What Gazette itself writes into a description: paragraphs and the "Read at" link.
DESCRIPTION_TAGS = {"p", "a"}


class Markup(HTMLParser):
    """The elements and attributes an HTML fragment holds once a feed reader parses it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def assert_safe_html(html: str, allowed: set[str], where: str) -> Markup:
    markup = Markup(html)
    for tag, attrs in markup.tags:
        assert tag in allowed, f"{where}: <{tag}> survived"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: {name}= survived"
            assert not (value or "").strip().lower().startswith("javascript:"), where
    return markup


@pytest.fixture
def hostile(db: None) -> dict[str, Any]:
    """Hostile text in every field a feed shows, for each licence, and in a translation."""
    # Names are at most 100 characters (PostgreSQL enforces it; SQLite does not).
    section = Section.objects.create(name=f"Section {HOSTILE}"[:100], slug="ports")
    tag = Tag.objects.create(name=f"Tag {HOSTILE}"[:100], slug="quays")
    articles = []
    for licence in LicencePolicy.values:
        source = make_source(name=f"Outlet {HOSTILE}", slug=f"outlet-{licence}", licence=licence)
        article = make_article(
            source=source,
            section=section,
            title=f"{licence} {HOSTILE}",
            standfirst=f"Standfirst {HOSTILE}",
            body_html=BODY,
            author=f"Author {HOSTILE}",
            original_url=f'http://127.0.0.1:9/{licence}?a=1&b="><script>alert(4)</script>',
        )
        article.tags.add(tag)
        articles.append(article)
    german = make_source(name=f"Tagblatt {HOSTILE}", slug="tagblatt", language="de")
    translation = make_article(
        source=german, language="en", section=section, title=f"Translated {HOSTILE}",
        standfirst=f"Standfirst {HOSTILE}", body_html=BODY,
    )  # fmt: skip
    translated_from(translation, "de")
    articles.append(translation)
    for article in articles:
        article_discover(article_id=article.pk)
    return {"articles": articles, "translation": translation}


FEEDS = [
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/section/ports/rss.xml",
    "/section/ports/atom.xml",
    "/tag/quays/rss.xml",
    "/tag/quays/atom.xml",
    "/source/outlet-full/rss.xml",
    "/source/outlet-excerpt/atom.xml",
    "/source/outlet-link/rss.xml",
    "/source/tagblatt/atom.xml",
    "/search/feed/?q=harbour",
    "/search/feed/?" + "q=harbour+%3Cscript%3E%5D%5D%3E%26%01%EF%BF%BE",
]


def html_parts(root: Element) -> list[tuple[str, str]]:
    """(element, text) of every part a reader treats as HTML."""
    if root.tag == "rss":
        return [
            (el.tag, el.text or "")
            for item in root.iter("item")
            for el in item
            if el.tag in ("description", CONTENT)
        ]
    return [
        (el.tag, el.text or "")
        for entry in root.iter(f"{ATOM}entry")
        for el in entry
        if el.tag in (f"{ATOM}summary", f"{ATOM}content") and el.get("type") == "html"
    ]


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_parses_and_carries_hostile_text_only_as_text(hostile: dict[str, Any], url: str):
    response = Client().get(url)
    assert response.status_code == 200, url
    root = fromstring(response.content)  # a broken document fails here
    items = list(root.iter("item")) + list(root.iter(f"{ATOM}entry"))
    # PostgreSQL's parser drops "<script>" from the index, so that search may find nothing;
    # its feed must still parse and carry the query only as text.
    assert items or "%3Cscript" in url, f"{url} lists the hostile articles"

    for element in root.iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert not FORBIDDEN_IN_XML.search(value), f"{url}: control character in {element.tag}"

    titles = [el.text or "" for el in root.iter() if el.tag in ("title", f"{ATOM}title")]
    if not items:  # the PostgreSQL search for markup: the feed's own title carries the query
        assert any("harbour <script>]]>&" in t for t in titles), titles
        return
    assert any("<script>alert('x')</script> ]]> Tom & Jerry &amp;" in t for t in titles), url

    html = html_parts(root)
    assert html or "outlet-link" in url, f"{url} has descriptions"
    for tag, text in html:
        is_full_text = tag in (CONTENT, f"{ATOM}content")
        markup = assert_safe_html(
            text, set(ARTICLE_TAGS) if is_full_text else DESCRIPTION_TAGS, f"{url} {tag}"
        )
        assert "alert('body')" not in markup.text, f"{url}: the body's script survived"
        if not is_full_text and "Standfirst" in markup.text:
            # The hostile words are there, as words.
            assert "<script>alert('x')</script>" in markup.text, url


def test_the_search_feed_describes_an_article_as_the_site_feeds_do(hostile: dict[str, Any]):
    def descriptions(url: str) -> dict[str, str]:
        root = fromstring(Client().get(url).content)
        return {
            item.findtext("guid", ""): item.findtext("description", "")
            for item in root.iter("item")
        }

    site = descriptions("/feeds/rss.xml")
    search = descriptions("/search/feed/?q=harbour")
    assert search and set(search) <= set(site)
    for guid, description in search.items():
        assert description == site[guid]


def test_a_translation_says_so_in_every_feed(hostile: dict[str, Any]):
    translation = hostile["translation"]
    for url in ("/feeds/rss.xml", "/search/feed/?q=harbour", "/source/tagblatt/rss.xml"):
        root = fromstring(Client().get(url).content)
        item = next(
            item
            for item in root.iter("item")
            if item.findtext("guid", "").endswith(translation.get_absolute_url())
        )
        text = Markup(item.findtext("description", "")).text
        assert "Translated from German" in text, url
