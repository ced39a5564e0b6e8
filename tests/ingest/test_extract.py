"""The extractor, one signal at a time, on small pages written for each case."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime, timedelta, timezone
from io import StringIO

import pytest
from django.core.management import call_command

from gazette.ingest.extract import ExtractionError, FeedHints, extract_article, parse_datetime
from gazette.ingest.extraction.dates import text_dates
from gazette.ingest.extraction.titles import strip_site_name

URL = "https://news.example.org/2025/03/14/harbour-reopens/"
BODY = "".join(
    f"<p>Paragraph {n} of the report on the harbour, which reopened to ferries this week after "
    f"months of repairs to the breakwater and the quays, with more detail number {n}.</p>"
    for n in range(1, 6)
)


def page(head: str = "", body: str = "", *, article: str = BODY, lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>Harbour reopens | The Gull</title>'
        f"{head}</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article><h1>Harbour reopens</h1>{body}{article}</article>"
        "<footer>© The Gull · Impressum</footer></body></html>"
    )


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# ---------------------------------------------------------------- JSON-LD


def test_it_reads_a_news_article_from_json_ld():
    html = page(
        ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "Harbour reopens",
                "datePublished": "2025-03-14T09:30:00+01:00",
                "dateModified": "2025-03-14T12:00:00+01:00",
                "author": {"@type": "Person", "name": "Ada Byrne"},
            }
        )
    )

    article = extract_article(html, url=URL)

    assert article.title == "Harbour reopens"
    assert article.authors == ("Ada Byrne",)
    assert article.published_at == datetime(2025, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert article.modified_at == datetime(2025, 3, 14, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    assert article.date_source == "structured"


def test_it_follows_graph_references_to_every_author():
    html = page(
        ld(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "@id": "#site", "name": "The Gull"},
                    {
                        "@type": ["Article", "BlogPosting"],
                        "headline": "Harbour reopens",
                        "datePublished": "2025-03-14",
                        "author": [{"@id": "#ada"}, {"@id": "#ben"}],
                    },
                    {"@type": "Person", "@id": "#ada", "name": "Ada Byrne"},
                    {"@type": "Person", "@id": "#ben", "name": "Ben Okafor"},
                ],
            }
        )
    )

    article = extract_article(html, url=URL)

    assert article.authors == ("Ada Byrne", "Ben Okafor")
    assert article.author == "Ada Byrne, Ben Okafor"


def test_it_prefers_a_person_over_the_publishing_organisation():
    html = page(
        ld(
            {
                "@type": "Article",
                "headline": "x",
                "author": {"@type": "Organization", "name": "The Gull"},
            }
        ),
        '<p class="byline">By Carla Nunes</p>',
    )

    assert extract_article(html, url=URL).authors == ("Carla Nunes",)


def test_it_survives_broken_json_ld():
    html = page(
        '<script type="application/ld+json">{"@type": "Article", "headline": "x",,</script>'
    )

    assert extract_article(html, url=URL).title == "Harbour reopens"


# ---------------------------------------------------------------- OpenGraph, meta, <time>


def test_it_reads_opengraph_and_meta():
    html = page(
        '<meta property="og:title" content="Harbour reopens - The Gull">'
        '<meta property="og:site_name" content="The Gull">'
        '<meta property="article:published_time" content="2025-03-14T08:00:00Z">'
        '<meta name="author" content="Dana Weiss">'
        '<meta property="og:description" content="Ferries are back after a winter of repairs.">'
        '<meta property="og:locale" content="en_GB">'
    )

    article = extract_article(html, url=URL)

    assert article.title == "Harbour reopens"
    assert article.authors == ("Dana Weiss",)
    assert article.published_at == datetime(2025, 3, 14, 8, 0, tzinfo=UTC)
    assert article.standfirst == "Ferries are back after a winter of repairs."
    assert article.language == "en"


def test_it_reads_a_time_element():
    html = page(
        body='<p class="meta"><time datetime="2025-03-14T07:15:00+00:00">14 March</time></p>'
    )

    assert extract_article(html, url=URL).published_at == datetime(2025, 3, 14, 7, 15, tzinfo=UTC)


def test_it_takes_the_feed_date_and_author_when_the_page_has_none():
    html = page()
    hints = FeedHints(published_at=datetime(2025, 3, 13, tzinfo=UTC), author="Eli Stone")

    article = extract_article(
        html.replace("/2025/03/14", ""), url="https://x.example/a", hints=hints
    )

    assert article.published_at == datetime(2025, 3, 13, tzinfo=UTC)
    assert article.date_source == "feed"
    assert article.authors == ("Eli Stone",)


# ---------------------------------------------------------------- bylines and text dates


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ('<p class="byline">By Ada Byrne and Ben Okafor</p>', ("Ada Byrne", "Ben Okafor")),
        ('<div class="author">Von Jana Novak, 14. März 2025</div>', ("Jana Novak",)),
        (
            '<span class="author-name"><a rel="author" href="/a">Carla Nunes</a></span>',
            ("Carla Nunes",),
        ),
        ("<p>Written by Dana Weiss</p>", ("Dana Weiss",)),
    ],
)
def test_it_reads_visible_bylines(byline, names):
    assert extract_article(page(body=byline), url=URL).authors == names


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Published 14 March 2025", date(2025, 3, 14)),
        ("March 14th, 2025", date(2025, 3, 14)),
        ("Veröffentlicht am 14. März 2025", date(2025, 3, 14)),
        ("14.03.2025, 10:30 Uhr", date(2025, 3, 14)),
        ("2025-03-14", date(2025, 3, 14)),
        ("3. Dezember 2024", date(2024, 12, 3)),
    ],
)
def test_it_reads_dates_written_for_readers(text, day):
    assert text_dates(text) == [day]


def test_it_reads_a_german_date_on_the_page():
    html = page(body='<div class="date">14. März 2025</div>')

    article = extract_article(
        html.replace("/2025/03/14", ""), url="https://x.example/b", hints=None
    )

    assert article.published_at is not None
    assert article.published_at.date() == date(2025, 3, 14)


def test_it_returns_no_date_when_there_is_none():
    html = page().replace("/2025/03/14", "")

    assert extract_article(html, url="https://x.example/c").published_at is None


def test_parse_datetime_keeps_the_offset_and_refuses_nonsense():
    assert parse_datetime("2025-03-14T23:30:00-05:00") == datetime(
        2025, 3, 14, 23, 30, tzinfo=timezone(timedelta(hours=-5))
    )
    assert parse_datetime("2025-03-14") == datetime(2025, 3, 14, tzinfo=UTC)
    assert parse_datetime("yesterday") is None
    assert parse_datetime("") is None


# ---------------------------------------------------------------- title


def test_it_strips_the_site_name_from_the_title():
    assert strip_site_name("Harbour reopens | The Gull", ["The Gull"]) == "Harbour reopens"
    assert strip_site_name("The Gull – Harbour reopens", ["thegull.example"]) == "Harbour reopens"
    assert strip_site_name("Harbour reopens - after repairs", ["The Gull"]) == (
        "Harbour reopens - after repairs"
    )


def test_it_ignores_a_logo_heading_unrelated_to_the_title():
    html = (
        page()
        .replace("<h1>Harbour reopens</h1>", "<h1>The Gull</h1>")
        .replace("<title>Harbour reopens", "<title>Ferries return to the old harbour")
    )

    assert extract_article(html, url=URL).title == "Ferries return to the old harbour"


# ---------------------------------------------------------------- lead image


def test_it_finds_the_lead_image_with_caption_and_credit():
    html = page(
        '<meta property="og:image" content="/img/quay.jpg">',
        '<figure><img src="/img/quay.jpg" alt="The quay"><figcaption>The new quay at dawn. '
        '<span class="credit">Photo: Ana Ruiz</span></figcaption></figure>',
    )

    article = extract_article(html, url=URL)

    assert article.image_url == "https://news.example.org/img/quay.jpg"
    assert article.image_caption == "The new quay at dawn."
    # The credit without its label: the article page writes "Photo:" before it.
    assert article.image_credit == "Ana Ruiz"
    assert article.image_alt == "The quay"


def test_it_takes_the_json_ld_image_object():
    image = {
        "@type": "ImageObject",
        "url": "https://cdn.example/q.jpg",
        "caption": "Quay",
        "creditText": "AP",
    }
    html = page(ld({"@type": "NewsArticle", "headline": "Harbour reopens", "image": image}))

    article = extract_article(html, url=URL)

    assert (article.image_url, article.image_caption, article.image_credit) == (
        "https://cdn.example/q.jpg",
        "Quay",
        "AP",
    )


# ---------------------------------------------------------------- body


def test_it_keeps_the_structure_of_the_body():
    article_html = (
        BODY + "<h2>What changes</h2><ul><li>Ferries every hour from the new quay</li>"
        "<li>Night crossings on Fridays and Saturdays</li></ul>"
        "<blockquote><p>We waited a long winter for this day, said the harbour master.</p>"
        "</blockquote>"
        '<p>See the <a href="/timetable">timetable</a> for the new ferry times this spring.</p>'
    )

    body = extract_article(page(article=article_html), url=URL).body_html

    assert "<h2>What changes</h2>" in body
    assert "<ul>" in body and "<li>" in body
    assert "<blockquote>" in body
    assert 'href="https://news.example.org/timetable"' in body
    assert "<h1" not in body


def test_it_drops_clutter_around_the_article():
    clutter = (
        '<div class="share">Share on Facebook</div>'
        '<div id="cookie-banner">We use cookies. Accept all</div>'
        '<aside class="related"><h3>Related</h3>'
        '<ul><li><a href="/x">Other story</a></li></ul></aside>'
        '<div class="newsletter">Sign up for our newsletter</div>'
        '<form class="comment-form"><textarea></textarea><button>Leave a reply</button></form>'
    )

    body = extract_article(page(body=clutter), url=URL).body_html.lower()

    for marker in ("share on", "accept all", "other story", "newsletter", "leave a reply", "<nav"):
        assert marker not in body, marker


def test_it_does_not_repeat_the_standfirst_in_the_body():
    lead = "Ferries are back in the old harbour after a winter of repairs to the breakwater."
    html = page(f'<meta property="og:description" content="{lead}">', f"<p>{lead}</p>")

    article = extract_article(html, url=URL)

    assert article.standfirst == lead
    assert article.standfirst_in_body
    assert lead not in article.body_html


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "\x00\x00",
        "<html><body><nav>Home</nav></body></html>",
        "<?xml version='1.0' encoding='utf-8'?><rss><channel></channel></rss>",
        "<div>" * 5000,
        "not html at all",
    ],
)
def test_it_refuses_pages_without_an_article(html):
    with pytest.raises(ExtractionError):
        extract_article(html, url=URL)


# ---------------------------------------------------------------- extract_dataset


def test_extract_dataset_writes_predictions_and_survives_a_bad_page(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html.gz").write_bytes(gzip.compress(page().encode()))
    (pages / "b.html").write_text(page(lang="de").replace("Harbour reopens", "Hafen öffnet"))
    (pages / "c.html.gz").write_bytes(b"this is not gzip")
    truth = {pid: {"url": f"https://news.example.org/{pid}"} for pid in "abc"}
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    out = tmp_path / "pred.json"
    stdout, stderr = StringIO(), StringIO()

    call_command("extract_dataset", str(tmp_path), out=str(out), stdout=stdout, stderr=stderr)

    predictions = json.loads(out.read_text())
    assert set(predictions) == {"a", "b", "c"}
    assert predictions["a"]["title"] == "Harbour reopens"
    assert "Paragraph 3" in predictions["a"]["body"]
    assert predictions["b"]["title"] == "Hafen öffnet"
    assert predictions["c"]["body"] == "" and "error" in predictions["c"]
    assert "3 pages, 1 failed" in stdout.getvalue()
    assert "failed c" in stderr.getvalue()


def test_an_undated_page_is_not_dated_by_its_links_to_other_stories():
    paragraphs = "".join(
        f"<p>Night trains are back on route {n}, operators say, but the economics are hard.</p>"
        for n in range(8)
    )
    page = (
        "<html><head><title>Night trains</title></head><body><main><article>"
        f"<h1>Night trains</h1>{paragraphs}</article>"
        '<aside class="related"><a href="/2026/11/10/volcano/">Volcano erupts</a>'
        '<a href="/2026-11-12-rates.html">Rates held</a></aside></main></body></html>'
    )
    article = extract_article(page, url="https://wire.example/analysis/night-trains/")
    assert article.published_at is None, "the first-seen time is used, flagged, downstream"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Meaghan Weeden ●", "Meaghan Weeden"),
        ("Chris Lane ⋅ Founder, Editor-in-Chief ⋅", "Chris Lane"),
        ("By David Amsel at", "David Amsel"),
        ("Anna Berger | 18. November 2026", "Anna Berger"),
    ],
)
def test_a_byline_loses_its_decoration_and_dangling_words(raw: str, name: str) -> None:
    from gazette.ingest.extraction.authors import clean_name

    assert clean_name(raw) == name
