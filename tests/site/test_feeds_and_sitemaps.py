"""Feeds carry what each source's licence allows; sitemaps list what may be indexed.
Checked by parsing the XML, never by matching strings."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client
from django.utils import timezone

from gazette.states import LicencePolicy
from tests.factories import make_article, make_source

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def xml(path: str) -> Element:
    response = Client().get(path)
    assert response.status_code == 200, path
    return fromstring(response.content)


@pytest.fixture
def three_licences(db):
    full = make_source(name="Full", slug="full", licence=LicencePolicy.FULL)
    excerpt = make_source(name="Excerpt", slug="excerpt", licence=LicencePolicy.EXCERPT)
    link = make_source(name="Link", slug="link", licence=LicencePolicy.LINK)
    standfirst = "First sentence of the story. Second sentence of the story."
    return {
        "full": make_article(source=full, title="Full story", body_html="<p>FULL BODY</p>"),
        "excerpt": make_article(
            source=excerpt, title="Excerpt story", standfirst=standfirst, body_html="<p>NO</p>"
        ),
        "link": make_article(
            source=link, title="Link story", standfirst=standfirst, body_html="<p>NO</p>"
        ),
    }


def test_the_rss_feed_gives_full_text_excerpt_or_link_by_licence(three_licences):
    channel = xml("/feeds/rss.xml").find("channel")
    assert channel is not None
    items = {item.findtext("title"): item for item in channel.iter("item")}
    assert set(items) == {"Full story", "Excerpt story", "Link story"}
    assert items["Full story"].findtext(CONTENT) == "<p>FULL BODY</p>"
    excerpt = items["Excerpt story"]
    assert excerpt.find(CONTENT) is None
    assert "Read at Excerpt" in (excerpt.findtext("description") or "")
    assert "NO" not in (excerpt.findtext("description") or "")
    link = items["Link story"]
    assert link.find(CONTENT) is None and not link.findtext("description")
    for item in items.values():
        assert item.findtext("link", "").startswith("http://testserver/")
        assert parsedate_to_datetime(item.findtext("pubDate", "")) <= timezone.now()


def test_the_atom_feed_gives_content_only_for_full_text(three_licences):
    feed = xml("/feeds/atom.xml")
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.iter(f"{ATOM}entry")}
    assert entries["Full story"].findtext(f"{ATOM}content") == "<p>FULL BODY</p>"
    assert entries["Excerpt story"].find(f"{ATOM}content") is None
    assert entries["Link story"].find(f"{ATOM}content") is None


def test_a_source_feed_holds_only_that_source(three_licences):
    channel = xml("/source/excerpt/rss.xml").find("channel")
    assert channel is not None
    assert [i.findtext("title") for i in channel.iter("item")] == ["Excerpt story"]
    assert Client().get("/source/nobody/rss.xml").status_code == 404


def test_the_sitemap_index_lists_sitemaps_that_list_only_indexable_stories(three_licences):
    index = xml("/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    children = [loc.text or "" for loc in index.iter(f"{SM}loc")]
    assert any(child.endswith("/sitemap-articles.xml") for child in children)
    urls = set()
    for child in children:
        urls |= {loc.text for loc in xml(child.removeprefix("http://testserver")).iter(f"{SM}loc")}
    full = three_licences["full"].get_absolute_url()
    assert f"http://testserver{full}" in urls
    for noindex in ("excerpt", "link"):
        assert f"http://testserver{three_licences[noindex].get_absolute_url()}" not in urls


def test_the_news_sitemap_holds_the_last_48_hours(db):
    source = make_source(licence=LicencePolicy.FULL)
    fresh = make_article(source=source, title="Fresh", published_at=timezone.now())
    make_article(source=source, title="Old", published_at=timezone.now() - timedelta(days=3))
    make_article(source=source, title="Undated", published_at_estimated=True)  # first seen now
    root = xml("/news-sitemap.xml")
    urls = root.findall(f"{SM}url")
    assert [u.findtext(f"{SM}loc") for u in urls] == [
        f"http://testserver{fresh.get_absolute_url()}"
    ]
    news = urls[0].find(f"{NEWS}news")
    assert news is not None
    assert news.findtext(f"{NEWS}title") == "Fresh"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication_date")


def test_robots_txt_points_at_both_sitemaps(db):
    lines = Client().get("/robots.txt").content.decode().splitlines()
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert [s.rsplit("/", 1)[1] for s in sitemaps] == ["sitemap.xml", "news-sitemap.xml"]
    assert "Disallow: /admin/" in lines
