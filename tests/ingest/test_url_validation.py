"""Every URL from outside is checked at the boundary (`lib.urls.web_url`): only absolute
http(s) addresses without credentials or control characters, of sane length, get in."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest
from django.core.exceptions import ValidationError

from gazette.articles.models import Article
from gazette.articles.services import ArticleFields, article_store
from gazette.ingest.extract import extract_article
from gazette.ingest.extraction.body import tidy_body
from gazette.ingest.formats import ListedItem, parse_listing
from gazette.ingest.models import Entry
from gazette.ingest.services import entries_record_listing
from gazette.lib.urls import UnsafeURL, canonicalize_url, clean_web_url, web_url
from tests.factories import make_source

BASE = "https://news.example/section/page.html"
HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://news.example/x",
    "https://user:secret@news.example/",
    "https://news.example@evil.example/",
    "https://news.example/a\x00b",
    "https://news.example/a\x7fb",
    "https://news.example/a\u0085b",
    "https://news.example\\@evil.example/",
    "https:\\\\evil.example/",
    "http:evil.example",
    "http://",
    "https://news.example:99999/",
    "https://[::1/",
    'https://news.example"onmouseover="alert(1)/',
    "https://<script>/",
    "https://news.example/" + "a" * 2000,
]


@pytest.mark.parametrize("value", HOSTILE)
def test_it_refuses_what_is_not_a_plain_web_address(value):
    with pytest.raises(UnsafeURL):
        web_url(value, base=BASE)
    assert clean_web_url(value, base=BASE) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://news.example/a?b=1#c", "https://news.example/a?b=1#c"),
        ("  HTTP://News.Example/x  ", "HTTP://News.Example/x"),
        ("/2024/story.html", "https://news.example/2024/story.html"),
        ("story.html", "https://news.example/section/story.html"),
        ("//cdn.example/img.jpg", "https://cdn.example/img.jpg"),
        ("https://news.example/a b.jpg", "https://news.example/a%20b.jpg"),
        ("http://127.0.0.1:8001/feed.xml", "http://127.0.0.1:8001/feed.xml"),
        ("http://[2001:db8::1]:8080/", "http://[2001:db8::1]:8080/"),
        ("https://bücher.example/", "https://bücher.example/"),
        # Not a scheme, so a path on the page's own site: harmless.
        ("javascript&#58;alert(1)", "https://news.example/section/javascript&#58;alert(1)"),
    ],
)
def test_it_accepts_and_resolves_web_addresses(value, expected):
    assert web_url(value, base=BASE) == expected


def test_a_relative_link_needs_a_web_page_to_resolve_against():
    with pytest.raises(UnsafeURL, match="relative"):
        web_url("/story.html")
    with pytest.raises(UnsafeURL):
        web_url("/story.html", base="file:///tmp/feed.xml")


def test_canonical_urls_keep_ipv6_brackets():
    assert canonicalize_url("http://[::1]:8000/a?utm_source=x") == "http://[::1]:8000/a"


RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Good</title><link>/good.html</link></item>
<item><title>Script</title><link>javascript:alert(1)</link></item>
<item><title>Data</title><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link></item>
<item><title>Creds</title><link>https://user:pw@news.example/x</link></item>
<item><title>Long</title><link>https://news.example/{"a" * 2100}</link></item>
</channel></rss>""".encode()

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Good</title><link href="https://news.example/good.html"/><id>1</id></entry>
<entry><title>Bad</title><link href="vbscript:msgbox(1)"/><id>2</id></entry>
</feed>"""

SITEMAP = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example/good.html</loc></url>
<url><loc>javascript:alert(1)</loc></url>
<url><loc>https://news.example/a\x7fb</loc></url>
</urlset>"""

SITEMAP_INDEX = b"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/s1.xml</loc></sitemap>
<sitemap><loc>data:text/xml,x</loc></sitemap></sitemapindex>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
{"id": "1", "url": "https://news.example/good.html", "title": "Good"},
{"id": "2", "url": "javascript:alert(1)", "title": "Bad"},
{"id": "3", "url": 42, "title": "Not a string"}]}"""


@pytest.mark.parametrize("body", [RSS, ATOM, SITEMAP, JSON_FEED])
def test_listings_keep_only_web_links_and_say_what_they_skipped(body):
    listing = parse_listing(body, "", "https://news.example/feed.xml")
    assert [item.url for item in listing.items] == ["https://news.example/good.html"]
    assert listing.skipped and all("skipped" in reason for reason in listing.skipped)


def test_a_sitemap_index_keeps_only_web_children():
    listing = parse_listing(SITEMAP_INDEX, "", "https://news.example/sitemap.xml")
    assert listing.children == ["https://news.example/s1.xml"]
    assert len(listing.skipped) == 1


@pytest.mark.django_db
def test_the_service_skips_a_listed_item_without_a_web_link():
    source = make_source()
    new = entries_record_listing(
        source=source,
        items=[ListedItem(url="javascript:alert(1)"), ListedItem(url="https://news.example/ok")],
        then=lambda ids: None,
    )
    assert [entry.url for entry in new] == ["https://news.example/ok"]
    assert Entry.objects.count() == 1


PAGE = """<html><head><title>Harbour wall repaired</title>
<meta property="og:image" content="{image}">
<link rel="canonical" href="{canonical}">
</head><body><article><h1>Harbour wall repaired</h1>{body}</article></body></html>"""
BODY = "".join(
    f"<p>Paragraph {n}: the council says the harbour wall works finished early, and the "
    f"ferry berth reopens on day {n + 10} of the month.</p>"
    for n in range(5)
)


@pytest.mark.parametrize(
    "image",
    [
        "javascript:alert(1)",
        "data:image/svg+xml,&lt;svg onload=alert(1)&gt;",
        "https://user:pw@cdn.example/a.jpg",
        "https://cdn.example/" + "a" * 2100 + ".jpg",
    ],
)
def test_a_page_s_unusable_image_and_canonical_become_empty(image):
    html = PAGE.format(image=image, canonical="javascript:alert(1)", body=BODY)
    article = extract_article(html, url="https://news.example/story.html")
    assert article.image_url == ""
    assert article.canonical_url == "https://news.example/story.html"


def test_a_page_s_json_ld_image_is_checked_too():
    html = PAGE.format(image="", canonical="/story.html", body=BODY).replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour wall '
        'repaired", "image": {"url": "vbscript:msgbox(1)"}}</script></head>',
    )
    article = extract_article(html, url="https://news.example/story.html")
    assert article.image_url == ""
    assert article.canonical_url == "https://news.example/story.html"


def test_body_links_and_images_must_be_web_addresses():
    body = (
        '<p>See <a href="java&#9;script:alert(1)">this</a>, <a href="/more">more</a>, '
        '<a href="https://u:p@news.example/">that</a> and '
        '<a href="mailto:desk@news.example">write</a>.</p>'
        '<p><img src="data:image/png;base64,AAAA" alt="x"><img src="/a.jpg" alt="y"></p>'
    )
    page = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    html, _standfirst = tidy_body(
        body, title="T", base_url="https://news.example/story.html", page=page
    )
    assert "script:" not in html
    assert "data:" not in html
    assert "u:p@" not in html
    assert 'href="https://news.example/more"' in html
    assert 'href="mailto:desk@news.example"' in html
    assert 'src="https://news.example/a.jpg"' in html


@pytest.mark.django_db
def test_models_refuse_unsafe_addresses():
    source = make_source()
    source.homepage = "javascript:alert(1)"
    with pytest.raises(ValidationError, match="homepage"):
        source.full_clean()
    article = Article(
        source=source,
        title="T",
        slug="t",
        body_html="<p>x</p>",
        published_at=datetime(2024, 1, 1, tzinfo=UTC),
        language="en",
        original_url="data:text/html,x",
        image_url="javascript:alert(1)",
    )
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert {"original_url", "image_url"} <= set(refused.value.message_dict)


@pytest.mark.django_db
def test_storing_an_article_checks_its_addresses():
    source = make_source()
    fields = ArticleFields(
        title="Harbour wall repaired",
        body_html="<p>Text.</p>",
        text="Text.",
        original_url="https://news.example/story.html",
        language="en",
        first_seen_at=datetime(2024, 1, 1, tzinfo=UTC),
        image_url="javascript:alert(1)",
    )
    stored = article_store(article_id=None, source=source, fields=fields, publish_if_ready=False)
    assert stored.article.image_url == ""
    bad = ArticleFields(**{**fields.__dict__, "original_url": "javascript:alert(1)"})
    with pytest.raises(UnsafeURL):
        article_store(article_id=None, source=source, fields=bad, publish_if_ready=False)
