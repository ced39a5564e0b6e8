"""Headline choice when the <h1> and the stated titles (JSON-LD, OpenGraph, <title>) disagree."""

from __future__ import annotations

import json

from gazette.ingest.extract import extract_article
from gazette.ingest.extraction.titles import strip_site_name

BODY = "".join(
    f"<p>Paragraph {n} of the report on the harbour, which reopened to ferries this week after "
    f"months of repairs to the breakwater and the quays, with more detail number {n}.</p>"
    for n in range(1, 6)
)


def page(*, title: str, h1: str, head: str = "", lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title>{head}</head><body>'
        f"<nav><a href='/'>Home</a></nav><article><h1>{h1}</h1>{BODY}</article>"
        "<footer>© The Gull</footer></body></html>"
    )


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_heading_the_slug_was_written_from_wins_over_a_rewritten_seo_title() -> None:
    html = page(
        title="Night ferries: timetable, prices and more | The Gull",
        h1="Everything You Need to Know About Night Ferries",
    )
    url = "https://gull.example/travel/everything-you-need-to-know-about-night-ferries/"
    assert extract_article(html, url=url).title == "Everything You Need to Know About Night Ferries"


def test_a_german_slug_without_umlauts_still_agrees_with_the_heading() -> None:
    html = page(
        title="Nachtfähren: Fahrplan, Preise und mehr | Die Möwe",
        h1="Alles, was Sie über Nachtfähren wissen müssen",
        lang="de",
    )
    url = "https://moewe.example/reise/alles-was-sie-ueber-nachtfaehren-wissen-muessen"
    assert extract_article(html, url=url).title == "Alles, was Sie über Nachtfähren wissen müssen"


def test_a_section_heading_gives_way_to_the_stated_title_the_slug_agrees_with() -> None:
    html = page(
        title="Wie man eine Nachtfähre bucht | Die Möwe",
        h1="Ratgeber Reise",
        lang="de",
    )
    url = "https://moewe.example/ratgeber/wie-man-eine-nachtfaehre-bucht"
    assert extract_article(html, url=url).title == "Wie man eine Nachtfähre bucht"


def test_without_a_worded_slug_an_unrelated_heading_gives_way_to_the_stated_title() -> None:
    html = page(
        title="Night ferries: timetable, prices and more | The Gull",
        h1="Everything You Need to Know About Night Ferries",
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Night ferries: timetable, prices and more"


def test_a_line_break_in_the_heading_separates_words() -> None:
    html = page(title="", h1="Hafen wieder offen<br>Fähren fahren wieder", lang="de")
    url = "https://moewe.example/hafen/48213977"
    assert extract_article(html, url=url).title == "Hafen wieder offen Fähren fahren wieder"


def test_a_domain_run_into_the_title_without_a_separator_is_stripped() -> None:
    html = page(title="gull.example Harbour reopens", h1="gull.example")
    assert extract_article(html, url="https://gull.example/2025/12/16/").title == (
        "Harbour reopens"
    )


def test_a_domain_after_a_separator_leaves_no_dangling_separator() -> None:
    assert strip_site_name("Harbour reopens - Gull.example", ["gull.example"]) == (
        "Harbour reopens"
    )
    assert strip_site_name("Hafen wieder offen", ["moewe.example"]) == "Hafen wieder offen"


def test_a_headline_repeated_in_json_ld_nodes_votes_once_on_the_spelling() -> None:
    curly = "Ferries are back. The verdict? ‘Sobering’"
    straight = "Ferries are back. The verdict? 'Sobering'"
    html = page(
        title=f"{straight} | The Gull",
        h1=curly,
        head=ld(
            [
                {"@type": "NewsArticle", "headline": curly},
                {"@type": "Article", "headline": curly},
            ]
        )
        + f'<meta property="og:title" content="{straight}">'
        + f'<meta name="twitter:title" content="{straight}">',
    )
    assert extract_article(html, url="https://gull.example/ferries").title == straight
