"""The modification time a page shows in its markup ("Updated …"), and when it is none."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime

from gazette.demo.outlets import OUTLETS
from gazette.ingest.extract import extract_article
from tests.ingest.harbour_page import CET, URL, page


def test_a_time_classed_updated_is_the_modification_time():
    html = page(
        'Posted on <time class="entry-date published" datetime="2026-11-17T10:30:00+01:00">'
        'November 17, 2026</time><time class="updated" datetime="2026-11-17T16:45:00+01:00">'
        "November 17, 2026</time>"
    )

    article = extract_article(html, url=URL)

    assert article.published_at == datetime(2026, 11, 17, 10, 30, tzinfo=CET)
    assert article.modified_at == datetime(2026, 11, 17, 16, 45, tzinfo=CET)


def test_an_element_with_a_modified_class_gives_its_written_time():
    html = page(
        '<time datetime="2026-11-17T10:30:00+01:00">17 November 2026</time> '
        '<span class="date-modified">17 November 2026, 16:45 CET</span>'
    )

    article = extract_article(html, url=URL)

    assert article.published_at == datetime(2026, 11, 17, 10, 30, tzinfo=CET)
    assert article.modified_at == datetime(2026, 11, 17, 16, 45, tzinfo=CET)


def test_an_itemprop_date_modified_is_the_modification_time():
    html = page(
        '<time itemprop="datePublished" datetime="2026-11-17T10:30:00+01:00">17 Nov 2026</time> '
        '<time itemprop="dateModified" datetime="2026-11-18T08:00:00+01:00">18 Nov 2026</time>'
    )

    article = extract_article(html, url=URL)

    assert article.modified_at == datetime(2026, 11, 18, 8, 0, tzinfo=CET)


def test_a_time_labelled_aktualisiert_is_the_modification_time():
    html = page(
        '<time datetime="2026-11-17T06:45:00+01:00">17.11.2026</time> · '
        'Aktualisiert: <time datetime="2026-11-17T18:20:00+01:00">17.11.2026, 18:20 Uhr</time>',
        head='<meta property="article:published_time" content="2026-11-17T06:45:00+01:00">',
    )

    article = extract_article(html, url=URL)

    assert article.published_at == datetime(2026, 11, 17, 6, 45, tzinfo=CET)
    assert article.modified_at == datetime(2026, 11, 17, 18, 20, tzinfo=CET)


def test_a_written_last_modified_label_gives_day_time_and_zone():
    html = page(
        "Published 12 November 2026, 13:00 GMT · Last modified 12 November 2026, 17:45 GMT",
        head='<meta property="article:published_time" content="2026-11-12T13:00:00Z">',
    )

    article = extract_article(html, url=URL)

    assert article.published_at == datetime(2026, 11, 12, 13, 0, tzinfo=UTC)
    assert article.modified_at == datetime(2026, 11, 12, 17, 45, tzinfo=UTC)


def test_a_written_update_time_without_zone_is_read_in_the_publication_zone():
    html = page(
        '<time datetime="2026-11-17T10:30:00+01:00">17 November 2026</time> '
        "· Updated November 17, 2026 at 4:45 pm",
        head='<meta property="article:published_time" content="2026-11-17T10:30:00+01:00">',
    )

    article = extract_article(html, url=URL)

    assert article.modified_at == datetime(2026, 11, 17, 16, 45, tzinfo=CET)


def test_an_update_marked_before_publication_is_no_modification():
    html = page(
        '<time class="published" datetime="2026-11-17T10:30:00+01:00">17 November 2026</time>'
        '<time class="updated" datetime="2026-11-17T09:00:00+01:00">17 November 2026</time>'
    )

    article = extract_article(html, url=URL)

    assert article.published_at == datetime(2026, 11, 17, 10, 30, tzinfo=CET)
    assert article.modified_at is None


def test_an_update_equal_to_the_publication_is_no_modification():
    html = page(
        '<time class="published" datetime="2026-11-17T10:30:00+01:00">17 November 2026</time>'
        '<time class="updated" datetime="2026-11-17T10:30:00+01:00">17 November 2026</time>'
    )

    assert extract_article(html, url=URL).modified_at is None


def test_the_structured_modification_time_stays_first():
    html = page(
        '<time class="published" datetime="2026-11-17T10:30:00+01:00">17 November 2026</time>'
        '<time class="updated" datetime="2026-11-17T16:45:00+01:00">17 November 2026</time>',
        head='<meta property="article:modified_time" content="2026-11-17T15:00:00+01:00">',
    )

    assert extract_article(html, url=URL).modified_at == datetime(2026, 11, 17, 15, 0, tzinfo=CET)


def test_an_other_storys_update_far_below_the_headline_is_not_taken():
    related = "".join(
        f'<div class="related"><a href="/news/other-{n}">Other story {n}</a>'
        f'<time class="updated" datetime="2026-11-2{n}T12:00:00+01:00">Nov 2{n}</time></div>'
        for n in range(1, 4)
    )
    html = page(
        '<time class="published" datetime="2026-11-17T10:30:00+01:00">17 November 2026</time>',
        after=related,
    )

    article = extract_article(html, url=URL)

    assert article.published_at == datetime(2026, 11, 17, 10, 30, tzinfo=CET)
    assert article.modified_at is None


def test_the_wire_reviews_updated_stories_show_their_update(outlets):
    index, outlet = next((i, o) for i, o in enumerate(OUTLETS) if o.slug == "wirereview")
    updated = [article for article in outlet.articles if article.modified]
    assert updated
    for article in updated:
        url = outlets[index].base_url + article.path
        with urllib.request.urlopen(url, timeout=10) as response:
            html = response.read().decode("utf-8")

        extracted = extract_article(html, url=url)

        assert extracted.published_at == article.published
        assert extracted.modified_at == article.modified
