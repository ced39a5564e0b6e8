"""Polling: sitemap indexes, repeated items, huge feeds, and stories the source updated."""

from __future__ import annotations

import pytest

from gazette.articles.models import Article, ArticleRevision
from gazette.ingest.models import Entry
from gazette.newsroom.flow import entry_fetch, source_poll
from gazette.states import SourceKind
from tests.factories import make_source
from tests.fault_server import Route, fault_server

PARAGRAPH = (
    "The harbour authority said on Tuesday that repairs to the old sea wall would begin in "
    "spring, after engineers found cracks along a stretch of almost two hundred metres. "
)


def article_page(title: str, paragraphs: int, extra: str = "") -> bytes:
    body = "".join(f"<p>{PARAGRAPH}Paragraph {n}.</p>" for n in range(paragraphs))
    return (
        f'<html lang="en"><head><title>{title}</title>'
        f'<meta property="article:published_time" content="2026-11-18T09:00:00+00:00"></head>'
        f"<body><article><h1>{title}</h1>{body}{extra}</article></body></html>"
    ).encode()


def rss(items: list[tuple[str, str]], title: str = "Harbour news") -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 17 Nov 2026 09:00:00 +0000</pubDate>{extra}</item>"
        for link, extra in items
    )
    channel = f"<channel><title>F</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.mark.django_db
def test_it_follows_a_sitemap_index_to_its_sitemaps():
    routes = {
        "/sitemap.xml": Route(
            body=b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            b'sitemap/0.9"><sitemap><loc>/a.xml</loc></sitemap><sitemap><loc>/broken.xml</loc>'
            b"</sitemap></sitemapindex>"
        ),
        "/a.xml": Route(
            body=b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/'
            b'0.9"><url><loc>/one.html</loc></url><url><loc>/two.html</loc></url></urlset>'
        ),
        "/broken.xml": Route(status=500),
    }
    with fault_server(routes) as server:
        source = make_source(kind=SourceKind.SITEMAP, feed_url=server.base_url + "/sitemap.xml")
        entries = source_poll(source_id=source.pk)
    assert sorted(e.url.rsplit("/", 1)[1] for e in entries) == ["one.html", "two.html"]


@pytest.mark.django_db
def test_it_stores_each_url_once_even_when_listed_twice(settings):
    settings.LISTING_MAX_ITEMS = 50
    items = [(f"http://127.0.0.1:9/s{n % 30}.html?utm_source=feed", "") for n in range(3000)]
    with fault_server({"/feed.xml": Route(body=rss(items))}) as server:
        source = make_source(feed_url=server.base_url + "/feed.xml")
        first = source_poll(source_id=source.pk)
        again = source_poll(source_id=source.pk)
    assert len(first) == 30
    assert again == []
    assert Entry.objects.count() == 30


@pytest.mark.django_db
def test_it_keeps_a_revision_when_the_source_updates_a_story():
    routes = {"/story.html": Route(body=article_page("Sea wall repairs", 4))}
    with fault_server(routes) as server:
        url = server.base_url + "/story.html"
        source = make_source(feed_url=server.base_url + "/feed.xml")
        routes["/feed.xml"] = Route(body=rss([(url, "")], "Sea wall repairs"))
        [entry] = source_poll(source_id=source.pk)
        entry_fetch(entry_id=entry.pk)
        article = Article.objects.get(entry=entry)
        assert article.modified_at is None

        entry_fetch(entry_id=entry.pk)  # same text again: no revision
        assert not ArticleRevision.objects.exists()

        routes["/story.html"] = Route(body=article_page("Sea wall repairs delayed", 5))
        routes["/feed.xml"] = Route(
            body=rss([(url, "<atom:updated xmlns:atom='http://www.w3.org/2005/Atom'>"
                            "2026-11-19T10:00:00Z</atom:updated>")], "Sea wall repairs delayed")
        )  # fmt: skip
        assert source_poll(source_id=source.pk) == []  # nothing new, but the entry is updated
        entry.refresh_from_db()
        assert entry.feed_title == "Sea wall repairs delayed"
        entry_fetch(entry_id=entry.pk)

    article.refresh_from_db()
    assert article.title == "Sea wall repairs delayed"
    assert article.modified_at is not None
    [revision] = ArticleRevision.objects.filter(article=article)
    assert revision.title == "Sea wall repairs"
    assert "Paragraph 4" not in revision.body_html and "Paragraph 4" in article.body_html


@pytest.mark.django_db
def test_it_ignores_listing_dates_in_1970_or_the_future():
    items = "".join(
        f"<item><title>t{n}</title><link>http://127.0.0.1:9/d{n}.html</link>"
        f"<pubDate>{date}</pubDate></item>"
        for n, date in enumerate(
            ["Thu, 01 Jan 1970 00:00:00 +0000", "Fri, 31 Dec 2999 23:00:00 +0000",
             "Tue, 17 Nov 2026 09:00:00 +0000"]
        )
    )  # fmt: skip
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    with fault_server({"/feed.xml": Route(body=body)}) as server:
        source = make_source(feed_url=server.base_url + "/feed.xml")
        entries = sorted(source_poll(source_id=source.pk), key=lambda e: e.feed_title)
    assert [e.feed_published_at is not None for e in entries] == [False, False, True]
