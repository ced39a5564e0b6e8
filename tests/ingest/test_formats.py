"""Listings: feeds and sitemaps read, hostile XML refused with a reason."""

from __future__ import annotations

import pytest

from gazette.ingest.formats import ListingError, parse_listing

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
<item><title>Hochwasser an der Donau</title><link>https://example.org/a.html?utm_source=x</link>
<dc:creator>Anna Berger</dc:creator><pubDate>Wed, 18 Nov 2026 07:30:00 +0100</pubDate>
<description>Teaser</description></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>C</title><id>urn:c</id>
<updated>2026-11-18T10:00:00Z</updated>
<entry><title>Rates held</title><link href="/economy/rates.html"/><id>urn:1</id>
<author><name>Tom Hale</name></author><published>2026-11-18T09:00:00Z</published>
<updated>2026-11-18T10:00:00Z</updated></entry></feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.org/s.html</loc><lastmod>2026-11-19T08:00:00+01:00</lastmod>
<news:news><news:title>Streik</news:title>
<news:publication_date>2026-11-19T07:00:00+01:00</news:publication_date></news:news></url>
</urlset>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><item><title>&lol3;</title><link>http://x/</link></item></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>http://x/</link></item></channel></rss>"""


def test_it_reads_rss_with_author_and_date():
    listing = parse_listing(RSS, "application/rss+xml", "https://example.org/rss.xml")
    assert listing.format == "feed"
    [item] = listing.items
    assert item.title == "Hochwasser an der Donau"
    assert item.author == "Anna Berger"
    assert item.published_at is not None and item.published_at.isoformat() == (
        "2026-11-18T06:30:00+00:00"
    )


def test_it_resolves_relative_atom_links():
    [item] = parse_listing(ATOM, "application/atom+xml", "https://courier.example/atom.xml").items
    assert item.url == "https://courier.example/economy/rates.html"
    assert item.author == "Tom Hale"


def test_it_reads_google_news_sitemaps():
    listing = parse_listing(NEWS_SITEMAP, "application/xml", "https://example.org/sitemap.xml")
    assert listing.format == "news-sitemap"
    [item] = listing.items
    assert item.title == "Streik"
    assert item.published_at is not None
    assert item.published_at.isoformat() == "2026-11-19T07:00:00+01:00"
    assert item.updated_at is not None


@pytest.mark.parametrize("body", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_it_refuses_entity_expansion(body):
    with pytest.raises(ListingError, match="declares entities or external references"):
        parse_listing(body, "application/rss+xml", "https://example.org/")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty response"),
        (b"   \n", "empty response"),
        (b"<html><body>Not a feed</body></html>", "not a feed or sitemap"),
        (b"<rss><channel><item><title>cut off", "broken feed"),
        (b"<urlset><url><loc>x</loc>", "broken sitemap"),
        (bytes(range(256)) * 10, "not a feed or sitemap"),
    ],
)
def test_it_explains_what_it_cannot_read(body, reason):
    with pytest.raises(ListingError, match=reason):
        parse_listing(body, "", "https://example.org/")


JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "J",
 "items": [{"id": "1", "url": "/a.html", "title": "Rates held",
            "date_published": "2026-11-18T09:00:00Z", "date_modified": "2026-11-18T11:00:00Z",
            "authors": [{"name": "Ann Lee"}, {"name": "Bo Chen"}], "summary": "Teaser"},
           {"id": "2", "title": "no url: skipped"}, "not an object"]}"""

RSS_091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<item><title>Ninety-one</title><link>http://example.org/91.html</link></item></channel></rss>"""

RSS_10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/"><title>RDF</title><link>http://example.org/</link></channel>
<item rdf:about="http://example.org/rdf.html"><title>RDF item</title>
<link>http://example.org/rdf.html</link><dc:date>2026-11-18T09:00:00+01:00</dc:date>
<dc:creator>Cleo Park</dc:creator></item></rdf:RDF>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.org/sitemap-2025.xml</loc><lastmod>2025-12-31</lastmod></sitemap>
<sitemap><loc>https://example.org/sitemap-news.xml</loc><lastmod>2026-11-19T08:00:00Z</lastmod></sitemap>
</sitemapindex>"""


def test_it_reads_json_feed():
    listing = parse_listing(JSON_FEED, "application/feed+json", "https://example.org/feed.json")
    assert listing.format == "jsonfeed"
    [item] = listing.items
    assert item.url == "https://example.org/a.html"
    assert item.author == "Ann Lee, Bo Chen"
    assert item.updated_at is not None and item.updated_at.hour == 11


def test_it_explains_json_that_is_not_a_feed():
    with pytest.raises(ListingError, match="not a JSON Feed"):
        parse_listing(b'{"hello": "world"}', "application/json", "https://example.org/")
    with pytest.raises(ListingError, match="broken JSON Feed"):
        parse_listing(b'{"version": "https://jsonfeed.org/version/1', "application/json", "x")


@pytest.mark.parametrize(("body", "title"), [(RSS_091, "Ninety-one"), (RSS_10, "RDF item")])
def test_it_reads_old_rss_versions(body, title):
    [item] = parse_listing(body, "application/xml", "http://example.org/feed").items
    assert item.title == title


def test_it_lists_the_children_of_a_sitemap_index_newest_first():
    listing = parse_listing(SITEMAP_INDEX, "application/xml", "https://example.org/sitemap.xml")
    assert listing.format == "sitemap-index"
    assert listing.items == []
    assert listing.children == [
        "https://example.org/sitemap-news.xml",
        "https://example.org/sitemap-2025.xml",
    ]
