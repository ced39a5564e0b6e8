"""Request every URL the site links to, from pages, feeds and sitemaps: no server error, every
route reached, every feed, sitemap and JSON-LD block parses, and nothing unpublished leaks."""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client
from django.urls import get_resolver, resolve
from django.utils import timezone

from gazette.articles.models import Section, Tag
from gazette.states import ArticleState, LicencePolicy
from tests.factories import make_article, make_source

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class PageReader(HTMLParser):
    """Links, and the text of every JSON-LD script, of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = False if tag == "script" else self._in_json_ld

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data


def xml_links(body: bytes) -> list[str]:
    """Every URL a feed or sitemap points at (parsing fails the test if the XML is broken)."""
    root = fromstring(body)
    links = [el.text or "" for el in root.iter(f"{SITEMAP}loc")]
    links += [el.get("href", "") for el in root.iter(f"{ATOM}link")]
    if root.tag == "rss":
        links += [el.text or "" for el in root.iter("link")]
    return [link for link in links if link]


def crawl(client: Client, starts: list[str]) -> dict[str, tuple[int, str, str]]:
    """path → (status, content type, body)."""
    seen: dict[str, tuple[int, str, str]] = {}
    queue = list(starts)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        kind = response.get("Content-Type", "")
        body = response.content.decode("utf-8", "replace")
        seen[path] = (response.status_code, kind, body)
        if response.status_code != 200:
            continue
        if "html" in kind:
            reader = PageReader()
            reader.feed(body)
            for block in reader.json_ld:
                assert json.loads(block)["@context"] == "https://schema.org", path
            links = reader.links
        elif "xml" in kind:
            links = xml_links(response.content)
        else:
            links = []
        for link in links:
            parts = urlsplit(urljoin("http://testserver" + path, link))
            if parts.netloc != "testserver" or parts.path.startswith(("/admin/", "/static/")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


@pytest.mark.django_db
def test_it_serves_every_linked_url_and_leaks_nothing_unpublished(settings):
    settings.DEBUG = False
    english = make_source(name="The Harbour Courier", slug="courier")
    german = make_source(name="Donauländer Tagblatt", slug="tagblatt", language="de")
    wire = make_source(name="Wire Review", slug="wire", licence=LicencePolicy.EXCERPT)
    links_only = make_source(name="Link Only Times", slug="links", licence=LicencePolicy.LINK)
    economy = Section.objects.create(name="Economy", slug="economy")
    ports = Tag.objects.create(name="Ports", slug="ports")
    published = [
        make_article(source=english, title=f"Published story {i}", section=economy)
        for i in range(25)
    ]
    published[0].tags.add(ports)
    published += [
        make_article(source=german, language="en", title="Translated from German", section=economy),
        make_article(source=wire, title="An excerpted wire story"),
        make_article(source=links_only, title="A linked-only story", author="Bo Writer"),
    ]
    hidden = [
        make_article(source=english, state=ArticleState.DRAFT, title="Secret draft"),
        make_article(source=german, state=ArticleState.AWAITING_TRANSLATION, title="Ungeprüft"),
        make_article(source=english, state=ArticleState.IN_REVIEW, title="Under review"),
        make_article(source=english, state=ArticleState.WITHDRAWN, title="Withdrawn piece"),
        make_article(
            source=english,
            title="Embargoed until tomorrow",
            made_public_at=timezone.now() + timedelta(days=1),
            section=economy,
        ),
    ]
    hidden[0].tags.add(ports)
    client = Client()

    pages = crawl(client, ["/", "/robots.txt", "/sitemap.xml", "/news-sitemap.xml"])
    for extra in ("/healthz", "/readyz", "/no-such-page/"):
        response = client.get(extra)
        pages[extra] = (response.status_code, response["Content-Type"], response.content.decode())

    errors = {path: status for path, (status, _kind, _body) in pages.items() if status >= 400}
    assert errors == {"/no-such-page/": 404}
    for article in published:
        assert pages[article.get_absolute_url()][0] == 200, "every published story is reachable"
    for path, (_status, _kind, body) in pages.items():
        for article in hidden:
            assert article.title not in body, f"{article.title!r} leaked on {path}"
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404
    assert "Go to the latest stories" in pages["/no-such-page/"][2]

    reached = {
        resolve(urlsplit(path).path).url_name
        for path, (status, _kind, _body) in pages.items()
        if status == 200
    }
    routes = {
        getattr(pattern, "name", None)
        for pattern in get_resolver("gazette.site.urls").url_patterns
        if getattr(pattern, "name", None)
    }
    assert routes - reached == set(), "the crawl reaches every public route"


@pytest.mark.django_db
def test_it_redirects_an_article_url_with_the_wrong_date():
    article = make_article()
    good = article.get_absolute_url()
    wrong = good.replace(f"/{article.slug}/", "/").rsplit("/", 2)[0] + f"/1/{article.slug}/"
    response = Client().get(wrong)
    assert response.status_code == 301
    assert response["Location"] == good
