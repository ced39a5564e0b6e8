"""Request every URL the site links to, from pages, feeds and sitemaps, with the search page
(with and without words) and every story page: no server error, every route reached, every
feed, sitemap and JSON-LD block parses, every page answers a conditional request with 304,
and nothing unpublished leaks."""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from gazette.articles.models import Article, Section, Tag
from gazette.discovery.models import Story
from gazette.discovery.services import article_discover
from gazette.states import ArticleState, LicencePolicy
from tests.factories import make_article, make_source
from tests.site.policies import assert_nonces_match, assert_policies
from tests.site.site_pages import ensure_site_pages

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
STRIKE = "<p>Dockers at the harbour walked out over pay for a third day, the union said.</p>"


class Page(NamedTuple):
    status: int
    kind: str
    content: bytes
    cache_control: str
    etag: str | None
    revalidated: int | None  # the status of the same request with If-None-Match: its ETag
    headers: dict[str, str]

    @property
    def body(self) -> str:
        return self.content.decode("utf-8", "replace")


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


def fetch(client: Client, path: str) -> Page:
    """The page, and how it answers the same request made conditional on its ETag."""
    response = client.get(path)
    etag = response.get("ETag")
    again = client.get(path, HTTP_IF_NONE_MATCH=etag) if etag else None
    return Page(
        status=response.status_code,
        kind=response.get("Content-Type", ""),
        content=response.content,
        cache_control=response.get("Cache-Control", ""),
        etag=etag,
        revalidated=again.status_code if again is not None else None,
        headers=dict(response.headers),
    )


def crawl(client: Client, starts: list[str]) -> dict[str, Page]:
    seen: dict[str, Page] = {}
    queue = list(starts)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        page = seen[path] = fetch(client, path)
        kind, body = page.kind, page.body
        if page.status != 200:
            continue
        if "html" in kind:
            reader = PageReader()
            reader.feed(body)
            for block in reader.json_ld:
                assert json.loads(block)["@context"] == "https://schema.org", path
            links = reader.links
        elif "xml" in kind:
            links = xml_links(page.content)
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
    ensure_site_pages()
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
        # Held while its machine translation waits for an editor's review.
        make_article(source=german, state=ArticleState.AWAITING_TRANSLATION, title="Under review"),
        make_article(source=english, state=ArticleState.WITHDRAWN, title="Withdrawn piece"),
        make_article(
            source=english,
            title="Embargoed until tomorrow",
            made_public_at=timezone.now() + timedelta(days=1),
            section=economy,
        ),
    ]
    hidden[0].tags.add(ports)
    # One event from two outlets, a story of two reports, and a third report and a story of
    # its own withdrawn after discovery, which is not told yet: both are still in the search
    # index and in their stories.
    strike = [
        make_article(source=english, title="Harbour strike enters third day", body_html=STRIKE),
        make_article(source=wire, title="Harbour strike enters its third day", body_html=STRIKE),
    ]
    published += strike
    told_late = [
        make_article(source=english, title="Harbour strike: the union speaks", body_html=STRIKE),
        make_article(
            source=links_only,
            title="Lighthouse keeper retires",
            body_html="<p>The last keeper of the Northpoint lighthouse retired on Friday.</p>",
        ),
    ]
    for article in Article.objects.order_by("published_at", "pk"):
        article_discover(article_id=article.pk)
    Article.objects.filter(pk__in=[a.pk for a in told_late]).update(state=ArticleState.WITHDRAWN)
    hidden += told_late

    def story_page(article: Article) -> str:
        return reverse("site:story", kwargs={"pk": Story.objects.get(members__article=article).pk})

    assert {story_page(article) for article in [*strike, told_late[0]]} == {story_page(strike[0])}
    stories = [reverse("site:story", kwargs={"pk": story.pk}) for story in Story.objects.all()]
    # Stories without a report that is public now: the lighthouse one, and any the embargoed
    # report started (an embargo ends without a write, so it is clustered beforehand).
    dark = {
        reverse("site:story", kwargs={"pk": pk})
        for pk in Story.objects.exclude(members__article__in=published).values_list("pk", flat=True)
    }
    assert story_page(told_late[1]) in dark and story_page(strike[0]) not in dark
    client = Client()

    searches = ["/search/", "/search/?q=harbour+strike", "/search/?q=story"]
    # /favicon.ico is linked from no page: browsers and feed readers ask for it by name.
    starts = ["/", "/robots.txt", "/sitemap.xml", "/news-sitemap.xml", "/favicon.ico"]
    pages = crawl(client, [*starts, *searches])
    pages.update(crawl(client, [path for path in stories if path not in pages]))
    for extra in ("/healthz", "/readyz", "/no-such-page/"):
        pages[extra] = fetch(client, extra)

    errors = {path: page.status for path, page in pages.items() if page.status >= 400}
    assert errors == {"/no-such-page/": 404} | dict.fromkeys(dark, 404), "no public report: 404"
    for article in published:
        assert pages[article.get_absolute_url()].status == 200, "every published story is reachable"
    site_pages = ["/about/", "/imprint/", "/privacy/"]
    for path in [*searches, "/search/feed/?q=harbour+strike", *stories, *site_pages]:
        assert path in pages, f"{path} is walked"
    for path in site_pages:
        assert pages[path].status == 200 and "<h1>" in pages[path].body
    assert "no cookies" in pages["/privacy/"].body.lower()
    assert pages["/favicon.ico"].kind == "image/png"
    assert json.loads(pages["/manifest.webmanifest"].body)["name"] == "Gazette"
    for article in strike:
        assert article.title in pages[story_page(article)].body
        assert article.title in pages["/search/?q=harbour+strike"].body
        assert article.title in pages["/search/feed/?q=harbour+strike"].body
    for path, page in pages.items():
        for article in hidden:
            assert article.title not in page.body, f"{article.title!r} leaked on {path}"
    for article in hidden:
        article.refresh_from_db()
        # A withdrawn article's address says it is gone, with the editors' note (the desk's
        # withdraw); one never published is not found.
        gone = article.state == ArticleState.WITHDRAWN
        assert client.get(article.get_absolute_url()).status_code == (410 if gone else 404)
    assert "Go to the latest stories" in pages["/no-such-page/"].body

    for path, page in pages.items():
        assert_policies(page.headers, path)
        assert_nonces_match(page.body, page.headers["Content-Security-Policy"], path)

    for path, page in pages.items():
        if page.status != 200:
            continue
        name = resolve(urlsplit(path).path).url_name or ""
        # Never cached, never validated: the beacon, the health checks, and the readers' own
        # forms (the newsletter's, the comments' data request), whose tokens must be fresh.
        if name in ("beacon", "healthz", "readyz") or name.startswith(("newsletter", "comment-")):
            assert page.etag is None and "public" not in page.cache_control, path
            assert name != "beacon" or "no-store" in page.cache_control, path
        else:
            assert page.revalidated == 304, f"{path} answers a conditional request with 304"

    reached = {
        resolve(urlsplit(path).path).url_name for path, page in pages.items() if page.status == 200
    }
    routes = {
        getattr(pattern, "name", None)
        for pattern in get_resolver("gazette.site.urls").url_patterns
        if getattr(pattern, "name", None)
    }
    # Addresses that only a form's POST or a link in a mail leads to, which no crawl follows
    # (tests/comments and tests/subscriptions walk them), and stored pictures, which these
    # articles have none of (tests/ingest/test_images.py fetches them).
    elsewhere = {name for name in routes if name and name.startswith(("comment-", "newsletter-"))}
    elsewhere.add("media-image")
    assert routes - reached - elsewhere == set(), "the crawl reaches every public route"
    assert "newsletter" in reached, "the newsletter's form is linked from every page"


@pytest.mark.django_db
def test_it_redirects_an_article_url_with_the_wrong_date():
    article = make_article()
    good = article.get_absolute_url()
    wrong = good.replace(f"/{article.slug}/", "/").rsplit("/", 2)[0] + f"/1/{article.slug}/"
    response = Client().get(wrong)
    assert response.status_code == 301
    assert response["Location"] == good
