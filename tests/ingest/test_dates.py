"""Publication dates when the page's signals disagree: small pages written for each case.

The day is chosen by a model trained on the shared labels (docs/extraction.md); cases that
encoded one development page's rule, which the site-grouped folds did not bear out (an update
date preferred or refused by its label, a relative byline time over a stamp), were dropped
with those rules."""

from __future__ import annotations

import json
from datetime import date

from gazette.ingest.extract import extract_article

BODY = "".join(
    f"<p>Paragraph {n} of the report on the harbour, which reopened to ferries this week after "
    f"months of repairs to the breakwater and the quays, with more detail number {n}.</p>"
    for n in range(1, 6)
)
URL = "https://www.gull.example/harbour-reopens"


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def stamps(published: str, modified: str) -> str:
    return (
        f'<meta property="article:published_time" content="{published}">'
        f'<meta property="article:modified_time" content="{modified}">'
    )


def page(head: str = "", header: str = "", *, h1: str = "Harbour reopens", lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{h1} | The Gull</title>{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{h1}</h1>{header}{BODY}</article>"
        "<footer>© The Gull</footer></body></html>"
    )


def published_day(html: str, url: str = URL) -> date | None:
    article = extract_article(html, url=url)
    return article.published_at.date() if article.published_at else None


def test_it_keeps_the_stamp_when_the_pages_images_were_filed_in_its_month() -> None:
    figure = '<img src="https://www.gull.example/uploads/2024/03/quay.jpg" alt="">'
    html = page(
        stamps("2024-03-06T10:00:00Z", "2025-11-19T12:00:00Z"),
        f"<p>Updated Nov 19, 2025</p>{figure}",
    )
    assert published_day(html) == date(2024, 3, 6)


def test_it_keeps_the_stamp_when_the_script_data_writes_it_for_readers() -> None:
    data = '<script>window.__DATA__={"publishedDisplay":"March 6, 2024"}</script>'
    html = page(
        stamps("2024-03-06T10:00:00Z", "2025-11-19T12:00:00Z") + data,
        "<p>Updated Nov 19, 2025</p>",
    )
    assert published_day(html) == date(2024, 3, 6)


def test_an_update_date_is_the_date_of_a_page_with_no_other() -> None:
    # htmldate would read the date of the related story.
    related = "<aside><p><a href='/other'>Other story</a> Von Eva Roth, 22. Mai 2025</p></aside>"
    html = page(
        "", "<p>Zuletzt aktualisiert: 11.02.2026</p>", h1="Hafen wieder offen", lang="de"
    ).replace("</article>", f"</article>{related}")
    assert published_day(html) == date(2026, 2, 11)


def test_a_stamp_the_page_labels_published_wins_over_a_first_published_byline() -> None:
    html = page(
        '<meta name="citation_date" content="2019-06-25">',
        "<p>A preprint of this paper, first published 04.Apr.2019, is available.</p>",
    ).replace("<article>", "<article><p>Published on 25.Jun.2019 in Vol 7</p>" + "x " * 100)
    assert published_day(html) == date(2019, 6, 25)


def test_a_headline_outside_any_heading_still_finds_its_date() -> None:
    html = (
        "<!doctype html><html><head><title>Harbour reopens to ferries</title></head><body>"
        "<div class='title'><h1><a href='/'>The Gull</a></h1></div><fieldset>"
        f"<legend>Harbour reopens to ferries</legend>20 December 2025{BODY}</fieldset>"
        "<p>Older: <a href='/2014/01/01/x'>Year review</a> 1 January 2014</p></body></html>"
    )
    assert published_day(html) == date(2025, 12, 20)


def test_a_time_elements_datetime_names_the_day_its_text_shows_otherwise() -> None:
    # The text reads day first ("3/12/2025" as 3 December); the attribute says 12 March.
    html = page("", "<p>By Ann Lee <time datetime='2025-03-12T08:00:00Z'>3/12/2025</time></p>")
    assert published_day(html) == date(2025, 3, 12)


def test_a_time_elements_text_keeps_its_day_a_day_from_a_utc_datetime() -> None:
    html = page(
        "", "<p>Von Eva Roth <time datetime='2025-03-11T23:30:00Z'>12. März 2025</time></p>"
    )
    assert published_day(html) == date(2025, 3, 12)


def test_a_day_only_stamp_stays_when_the_exact_one_is_days_away() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "datePublished": "2025-03-20T03:40:00+00:00"},
            {"@type": "NewsArticle", "headline": "Harbour reopens", "datePublished": "2025-03-11"},
        ],
    }
    assert published_day(page(ld(data))) == date(2025, 3, 11)


def test_a_day_only_stamp_stays_when_no_time_zone_puts_the_exact_one_on_its_day() -> None:
    # 20:00 UTC on the 12th is the 11th nowhere: another story's stamp, not this one's.
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "datePublished": "2025-03-12T20:00:00+00:00"},
            {"@type": "NewsArticle", "headline": "Harbour reopens", "datePublished": "2025-03-11"},
        ],
    }
    assert published_day(page(ld(data))) == date(2025, 3, 11)
