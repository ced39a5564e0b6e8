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
    fmt, items = parse_listing(RSS, "application/rss+xml", "https://example.org/rss.xml")
    assert fmt == "feed"
    [item] = items
    assert item.title == "Hochwasser an der Donau"
    assert item.author == "Anna Berger"
    assert item.published_at is not None and item.published_at.isoformat() == (
        "2026-11-18T06:30:00+00:00"
    )


def test_it_resolves_relative_atom_links():
    _fmt, [item] = parse_listing(ATOM, "application/atom+xml", "https://courier.example/atom.xml")
    assert item.url == "https://courier.example/economy/rates.html"
    assert item.author == "Tom Hale"


def test_it_reads_google_news_sitemaps():
    fmt, [item] = parse_listing(NEWS_SITEMAP, "application/xml", "https://example.org/sitemap.xml")
    assert fmt == "sitemap"
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
