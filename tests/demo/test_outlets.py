"""The fictional demo outlets serve feeds, sitemaps and cluttered article pages on loopback."""

from __future__ import annotations

import calendar
import io
import os
import re
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from difflib import SequenceMatcher
from email.message import Message
from email.utils import format_datetime

import pytest
from lxml import etree, html

from gazette.demo.outlets import OUTLETS, Outlet, OutletArticle, OutletServer, start_outlets

feedparser = pytest.importorskip("feedparser")

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
COOKIE_BUTTONS = {
    "tagblatt": "Alle akzeptieren",
    "courier": "Accept all",
    "wirereview": "Accept all",
}
RELATED_BOXES = {"tagblatt": "Mehr zum Thema", "courier": "Read more", "wirereview": "Related"}


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def text_of(fragment: str) -> str:
    return " ".join(html.fromstring(f"<div>{fragment}</div>").text_content().split())


@pytest.fixture(autouse=True)
def _test_settings() -> None:
    """These tests need no Django, so they stand in for the project-wide settings fixture."""


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, OutletServer]]:
    started = start_outlets()
    yield {server.outlet.slug: server for server in started}
    for server in started:
        server.stop()


@pytest.fixture(params=[outlet.slug for outlet in OUTLETS])
def server(request: pytest.FixtureRequest, servers: dict[str, OutletServer]) -> OutletServer:
    return servers[request.param]


def test_it_serves_a_feed_listing_every_article_with_links_that_resolve(server: OutletServer):
    status, headers, body = fetch(server.feed_url)
    assert status == 200
    assert headers["Content-Type"].endswith("xml; charset=utf-8")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    links = [entry.link for entry in feed.entries]
    assert sorted(links) == sorted(server.base_url + a.path for a in server.outlet.articles)
    for link in links:
        assert fetch(link)[0] == 200


def test_it_serves_the_date_of_every_dated_article_in_the_feed(server: OutletServer):
    entries = {entry.link: entry for entry in feedparser.parse(fetch(server.feed_url)[2]).entries}
    for article in server.outlet.articles:
        entry = entries[server.base_url + article.path]
        if article.published is None:
            assert "published_parsed" not in entry
            continue
        published = calendar.timegm(entry.published_parsed)
        assert published == article.published.timestamp()
        assert entry.title == article.title


def test_it_serves_a_sitemap_listing_every_article(server: OutletServer):
    status, headers, body = fetch(server.base_url + server.outlet.sitemap_path)
    assert status == 200
    assert headers["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(body)
    locations = tree.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS)
    dated = [a for a in server.outlet.articles if a.published is not None]
    listed = dated if server.outlet.slug == "tagblatt" else server.outlet.articles
    assert sorted(locations) == sorted(server.base_url + a.path for a in listed)


def test_it_names_sitemaps_in_robots_txt_that_parse(server: OutletServer):
    status, headers, body = fetch(server.base_url + "/robots.txt")
    assert status == 200
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    sitemaps = re.findall(r"^Sitemap: (\S+)$", body.decode(), flags=re.MULTILINE)
    assert server.base_url + "/sitemap.xml" in sitemaps
    for url in sitemaps:
        assert etree.fromstring(fetch(url)[2]).tag.endswith(("urlset", "sitemapindex"))


def test_it_answers_304_to_a_conditional_feed_request(server: OutletServer):
    _, headers, _ = fetch(server.feed_url)
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert etag and last_modified
    assert fetch(server.feed_url, {"If-None-Match": etag})[0] == 304
    assert fetch(server.feed_url, {"If-Modified-Since": last_modified})[0] == 304
    assert fetch(server.feed_url, {"If-None-Match": '"stale"'})[0] == 200
    earlier = format_datetime(datetime(2026, 11, 1, tzinfo=UTC), usegmt=True)
    assert fetch(server.feed_url, {"If-Modified-Since": earlier})[0] == 200


def test_it_answers_404_with_an_html_page_for_an_unknown_path(server: OutletServer):
    status, headers, body = fetch(server.base_url + "/no/such/page.html")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"<h1" in body


def test_it_builds_absolute_links_from_the_host_the_client_used(server: OutletServer):
    other_base = server.base_url.replace("127.0.0.1", "localhost")
    _, _, body = fetch(server.feed_url, {"Host": other_base.removeprefix("http://")})
    links = [entry.link for entry in feedparser.parse(body).entries]
    assert links and all(link.startswith(other_base + "/") for link in links)


def test_it_advertises_the_feed_on_the_homepage(server: OutletServer):
    status, _, body = fetch(server.base_url + "/")
    assert status == 200
    page = html.fromstring(body)
    feed_links = page.xpath("//link[@rel='alternate']/@href")
    assert feed_links == [server.feed_url]
    linked = set(page.xpath("//a/@href"))
    assert {a.path for a in server.outlet.articles} <= linked


def test_it_serves_each_article_with_its_title_in_an_h1_among_the_clutter(server: OutletServer):
    slug = server.outlet.slug
    for article in server.outlet.articles:
        status, headers, body = fetch(server.base_url + article.path)
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        etree.fromstring(body)  # well-formed, so any parser reads it the same way
        page = html.fromstring(body)
        assert [" ".join(h1.text_content().split()) for h1 in page.xpath("//h1")] == [article.title]
        text = body.decode("utf-8")
        assert COOKIE_BUTTONS[slug] in text
        assert RELATED_BOXES[slug] in text
        assert page.xpath("//form//textarea") and page.xpath("//form//input[@type='email']")
        assert page.xpath("//*[contains(concat(' ', @class, ' '), ' ad ')]")
        assert "facebook.com/sharer" in text and "wa.me" in text and "mailto:" in text
        assert text_of(article.body_html) in " ".join(page.text_content().split())


def test_it_serves_the_pictures_in_article_bodies():
    courier = next(outlet for outlet in OUTLETS if outlet.slug == "courier")
    with OutletServer(courier) as server:
        sources = {
            src for a in courier.articles for src in re.findall(r'src="([^"]+)"', a.body_html)
        }
        assert sources
        for src in sources:
            status, headers, body = fetch(server.base_url + src)
            assert (status, headers["Content-Type"]) == (200, "image/png")
            assert body.startswith(b"\x89PNG")


def test_it_keeps_exactly_one_article_without_any_date():
    undated = [(o, a) for o in OUTLETS for a in o.articles if a.published is None]
    assert [(o.slug, a.modified) for o, a in undated] == [("wirereview", None)]
    outlet, article = undated[0]
    with OutletServer(outlet) as server:
        page = fetch(server.base_url + article.path)[2].decode()
        assert "<time" not in page and "2026-" not in page and "published_time" not in page
        assert "(CPA) —" in text_of(article.body_html)[:40]
        sitemap = fetch(server.base_url + outlet.sitemap_path)[2].decode()
        entry = sitemap.split(article.path, 1)[1].split("</url>", 1)[0]
        assert "lastmod" not in entry


def test_it_dates_articles_in_november_2026_with_a_time_zone():
    for outlet in OUTLETS:
        for article in outlet.articles:
            for moment in (article.published, article.modified):
                if moment is not None:
                    assert moment.utcoffset() is not None
                    assert datetime(2026, 11, 10, tzinfo=UTC) <= moment
                    assert moment < datetime(2026, 11, 25, tzinfo=UTC)
            if article.published and article.modified:
                assert article.modified > article.published


def test_it_carries_35_to_40_articles_of_news_length_with_unique_paths():
    articles = [a for outlet in OUTLETS for a in outlet.articles]
    assert 35 <= len(articles) <= 40
    for outlet in OUTLETS:
        assert 11 <= len(outlet.articles) <= 14
        assert len({a.path for a in outlet.articles}) == len(outlet.articles)
        assert len({a.slug for a in outlet.articles}) == len(outlet.articles)
    for article in articles:
        assert 350 <= len(text_of(article.body_html).split()) <= 700, article.slug


def test_it_shares_events_across_outlets_and_wire_copies_between_two():
    outlets_by_event: dict[str, set[str]] = defaultdict(set)
    copies: dict[str, list[tuple[Outlet, OutletArticle]]] = defaultdict(list)
    for outlet in OUTLETS:
        for article in outlet.articles:
            if article.event:
                outlets_by_event[article.event].add(outlet.slug)
            if article.wire_id:
                copies[article.wire_id].append((outlet, article))
    shared = [event for event, slugs in outlets_by_event.items() if len(slugs) >= 2]
    assert len(shared) >= 5
    assert len(copies) >= 3
    for pair in copies.values():
        assert sorted(outlet.slug for outlet, _ in pair) == ["courier", "wirereview"]
        (_, first), (_, second) = pair
        assert first.title != second.title
        ratio = SequenceMatcher(None, text_of(first.body_html), text_of(second.body_html)).ratio()
        assert ratio > 0.85


def test_it_spells_the_ukrainian_capital_both_ways():
    german = " ".join(a.body_html for o in OUTLETS if o.language == "de" for a in o.articles)
    wire = " ".join(a.body_html for o in OUTLETS if o.slug == "wirereview" for a in o.articles)
    assert "Kiew" in german
    assert "Kyiv" in wire


def test_it_starts_the_outlets_on_consecutive_ports_from_a_base_port():
    for _ in range(5):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base_port = probe.getsockname()[1]
        if base_port > 65000:
            continue
        try:
            started = start_outlets(base_port=base_port)
        except OSError:
            continue
        try:
            assert [s.base_url for s in started] == [
                f"http://127.0.0.1:{base_port + offset}" for offset in range(3)
            ]
            assert [s.outlet.slug for s in started] == ["tagblatt", "courier", "wirereview"]
        finally:
            for server in started:
                server.stop()
        return
    pytest.skip("no three consecutive free ports found")


def test_it_serves_the_outlets_from_the_command_until_interrupted():
    pytest.importorskip("django")
    from gazette.demo.management.commands.serve_outlets import Command

    output = io.StringIO()

    def interrupt_once_serving() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if "press Ctrl+C" in output.getvalue():
                os.kill(os.getpid(), signal.SIGINT)
                return
            time.sleep(0.05)

    interrupter = threading.Thread(target=interrupt_once_serving)
    interrupter.start()
    Command(stdout=output).handle(host="127.0.0.1", port=0)
    interrupter.join()
    printed = output.getvalue()
    for outlet in OUTLETS:
        assert outlet.name in printed
    feed_urls = re.findall(r"feed: (\S+)", printed)
    assert len(feed_urls) == 3
    with pytest.raises(urllib.error.URLError):
        fetch(feed_urls[0])
