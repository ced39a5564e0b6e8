"""Listings in the forms servers really send: gzipped sitemaps, UTF-16/32 feeds, entries whose
address is not in <link>; read from bytes, from files and over HTTP on loopback."""

from __future__ import annotations

import gzip
from pathlib import Path

import feedparser
import pytest

from gazette.ingest.formats import ListingError, parse_listing
from gazette.ingest.formats.decoding import MAX_INFLATED_BYTES
from gazette.ingest.inspection import inspect_source
from tests.fault_server import Route, fault_server

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.org/a.html</loc><lastmod>2026-11-19T08:00:00+01:00</lastmod></url>
<url><loc>https://example.org/b.html</loc></url>
</urlset>"""

FEED_TEXT = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wiener Blatt</title>
<item><title>Überschwemmung in Köln</title><link>https://example.org/koeln.html</link></item>
<item><title>東京の天気</title><link>https://example.org/tokyo.html</link></item>
</channel></rss>"""


def wide(encoding: str, *, bom: bool) -> bytes:
    """FEED_TEXT written in `encoding`, its declaration saying so, with or without a BOM."""
    text = FEED_TEXT.replace(
        'encoding="utf-8"', f'encoding="{encoding.split("-")[0]}-{encoding.split("-")[1]}"'
    )
    codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, encoding)
    mark = "\ufeff" if bom else ""
    return (mark + text).encode(codec)


def urls(body: bytes, content_type: str = "") -> list[str]:
    return [item.url for item in parse_listing(body, content_type, "https://example.org/").items]


@pytest.mark.parametrize("content_type", ["", "application/octet-stream", "application/x-gzip"])
def test_a_gzipped_sitemap_is_read_by_its_magic_bytes_whatever_the_header(content_type):
    body = gzip.compress(SITEMAP)
    assert body[:2] == b"\x1f\x8b"
    assert urls(body, content_type) == ["https://example.org/a.html", "https://example.org/b.html"]


def test_a_sitemap_gzipped_twice_is_read_too():
    assert len(urls(gzip.compress(gzip.compress(SITEMAP)))) == 2


def test_a_gzip_bomb_is_refused_with_a_reason():
    bomb = gzip.compress(b"<urlset>" + b" " * (MAX_INFLATED_BYTES + 10))
    with pytest.raises(ListingError, match="unpacks to over"):
        parse_listing(bomb, "", "https://example.org/")


def test_broken_gzip_data_is_refused_with_a_reason():
    with pytest.raises(ListingError, match="broken gzip"):
        parse_listing(b"\x1f\x8b\x08\x00garbage", "", "https://example.org/")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", True),
        ("utf-16-be", True),
        ("utf-16-le", False),
        ("utf-16-be", False),
        ("utf-32-le", True),
        ("utf-32-be", True),
        ("utf-32-le", False),
    ],
)
def test_utf16_and_utf32_feeds_keep_their_entries_and_text(encoding, bom):
    body = wide(encoding, bom=bom)
    listing = parse_listing(body, "application/rss+xml", "https://example.org/")
    assert [item.title for item in listing.items] == ["Überschwemmung in Köln", "東京の天気"]


def test_a_utf8_feed_that_declares_utf16_is_read():
    body = FEED_TEXT.replace('encoding="utf-8"', 'encoding="UTF-16"').encode("utf-8")
    assert len(urls(body)) == 2


# Entries whose address is not in <link>, and a feed whose marker comes after a long preamble:
# feedparser finds each entry, and so must Gazette.
COVERAGE_FIXTURES = {
    "guid permalink": b"""<rss version="2.0"><channel><title>T</title>
<item><title>A</title><guid>https://example.org/a</guid></item>
<item><title>B</title><guid isPermaLink="true">https://example.org/b</guid></item></channel></rss>""",
    "atom id and alternate": b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><id>https://example.org/a</id></entry>
<entry><title>B</title><id>urn:b</id><link rel="related" href="https://example.org/b"/></entry>
<entry><title>C</title><id>urn:c</id><link rel="alternate" type="text/html" href="/c"/></entry>
</feed>""",
    "enclosure only": b"""<rss version="2.0"><channel><title>Podcast</title>
<item><title>Episode 1</title><guid isPermaLink="false">ep-1</guid>
<enclosure url="https://example.org/ep1.mp3" type="audio/mpeg" length="1"/></item>
</channel></rss>""",
    "marker after a long preamble": b"<?xml version='1.0'?>\n<!-- "
    + b"x" * 5000
    + b" -->\n<rss version='2.0'><channel><title>T</title>"
    b"<item><title>A</title><link>https://example.org/a</link></item></channel></rss>",
    "rss 1.0": b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.org/"><title>T</title></channel>
<item rdf:about="https://example.org/a"><title>A</title><link>https://example.org/a</link></item>
<item rdf:about="https://example.org/b"><title>B</title></item></rdf:RDF>""",
}


@pytest.mark.parametrize("name", sorted(COVERAGE_FIXTURES))
def test_entry_coverage_is_at_least_feedparsers(name):
    body = COVERAGE_FIXTURES[name]
    expected = len(feedparser.parse(body).entries)
    assert expected > 0
    found = urls(body)
    assert len(found) >= expected
    assert all(url.startswith("https://example.org/") for url in found)


@pytest.mark.django_db
def test_inspect_source_reads_a_gzipped_sitemap_file(tmp_path: Path):
    path = tmp_path / "sitemap.xml.gz"
    path.write_bytes(gzip.compress(SITEMAP))
    report = inspect_source(str(path))
    assert report.kind == "listing", report.reason
    assert report.format == "sitemap"
    assert report.entries[0]["url"] == "https://example.org/a.html"


@pytest.mark.django_db
def test_inspect_source_reads_a_utf16_feed_file(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_bytes(wide("utf-16-le", bom=True))
    report = inspect_source(str(path))
    assert report.kind == "listing", report.reason
    assert [entry["title"] for entry in report.entries] == ["Überschwemmung in Köln", "東京の天気"]


@pytest.mark.django_db
def test_inspect_source_reads_gzipped_sitemaps_and_utf16_feeds_over_http():
    routes = {
        "/sitemap.xml.gz": Route(
            body=gzip.compress(SITEMAP), headers={"Content-Type": "application/x-gzip"}
        ),
        "/sitemap-octets": Route(
            body=gzip.compress(SITEMAP), headers={"Content-Type": "application/octet-stream"}
        ),
        "/feed16.xml": Route(
            body=wide("utf-16-be", bom=True), headers={"Content-Type": "application/rss+xml"}
        ),
        "/feed32.xml": Route(
            body=wide("utf-32-le", bom=False), headers={"Content-Type": "text/xml"}
        ),
    }
    with fault_server(routes) as server:
        for path, count in (
            ("/sitemap.xml.gz", 2),
            ("/sitemap-octets", 2),
            ("/feed16.xml", 2),
            ("/feed32.xml", 2),
        ):
            report = inspect_source(server.base_url + path)
            assert report.kind == "listing", (path, report.reason)
            assert len(report.entries) == count, path
