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
    # A few words long: a section name. (A sentence-long heading is the headline: see below.)
    html = page(
        title="Night ferries: timetable, prices and more | The Gull",
        h1="Our Ferry Guides",
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


def test_and_spelled_as_an_ampersand_is_the_same_headline_in_the_majority_spelling() -> None:
    html = page(
        title="Ferries & Harbours: The Winter Timetable | The Gull",
        h1="Ferries and Harbours: The Winter Timetable",
        head='<meta property="og:title" content="Ferries &amp; Harbours: The Winter Timetable">',
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Ferries & Harbours: The Winter Timetable"


def test_und_spelled_as_an_ampersand_is_the_same_headline_in_german_too() -> None:
    html = page(
        title="Fähren & Häfen: Der Winterfahrplan | Die Möwe",
        h1="Fähren und Häfen: Der Winterfahrplan",
        head='<meta property="og:title" content="Fähren &amp; Häfen: Der Winterfahrplan">',
        lang="de",
    )
    url = "https://moewe.example/artikel/48213977"
    assert extract_article(html, url=url).title == "Fähren & Häfen: Der Winterfahrplan"


def test_a_sentence_long_heading_wins_over_a_rewritten_seo_title_on_the_same_subject() -> None:
    html = page(
        title="Night Ferry Prices 2026 - Compare Routes | The Gull",
        h1="How Much Does a Night Ferry Across the Bay Really Cost This Winter?",
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == (
        "How Much Does a Night Ferry Across the Bay Really Cost This Winter?"
    )


def test_a_sentence_long_german_heading_wins_over_a_rewritten_seo_title() -> None:
    html = page(
        title="Nachtfähre Preise 2026 – Routen im Vergleich | Die Möwe",
        h1="Was kostet eine Nachtfähre über die Bucht in diesem Winter wirklich?",
        lang="de",
    )
    url = "https://moewe.example/artikel/48213977"
    assert extract_article(html, url=url).title == (
        "Was kostet eine Nachtfähre über die Bucht in diesem Winter wirklich?"
    )


def test_a_long_heading_sharing_only_short_words_with_the_title_is_not_the_headline() -> None:
    html = page(
        title="Harbour reopens to ferries after the repairs | The Gull",
        h1="Want to read on but still support the people who write for you?",
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Harbour reopens to ferries after the repairs"


def test_a_long_heading_gives_way_to_a_stated_title_the_slug_repeats() -> None:
    html = page(
        title="Ferry Operators Ranked for 2026 | The Gull",
        h1="Readers Vote for the Ferry Operators They Trust Most This Year",
    )
    url = "https://gull.example/travel/ferry-operators-ranked-for-2026/"
    assert extract_article(html, url=url).title == "Ferry Operators Ranked for 2026"


def test_a_heading_typed_in_capitals_gives_way_to_the_stated_title_it_agrees_with() -> None:
    html = page(
        title="Night Ferries 2026: Routes, Prices and Tips | The Gull",
        h1="NIGHT FERRIES IN 2026: ROUTES, PRICES AND TIPS",
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Night Ferries 2026: Routes, Prices and Tips"


def test_a_kicker_inside_the_heading_is_left_out_when_a_stated_title_names_the_headline() -> None:
    html = page(
        title="Harbour Café Reopens | The Gull",
        h1="<div class='kicker'>After the storm</div> <span>Harbour Café Reopens</span>",
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Harbour Café Reopens"


def test_a_kicker_inside_a_linked_heading_is_left_out_in_german_too() -> None:
    html = page(
        title="Hafencafé öffnet wieder | Die Möwe",
        h1="<a href='/x'><span>Nach dem Sturm</span><span>Hafencafé öffnet wieder</span></a>",
        lang="de",
    )
    url = "https://moewe.example/artikel/48213977"
    assert extract_article(html, url=url).title == "Hafencafé öffnet wieder"


def test_the_pages_dash_replaces_the_spaced_hyphen_the_seo_fields_stand_in_with() -> None:
    html = page(
        title="Night Ferries - The Winter Timetable | The Gull",
        h1="Night Ferries – The Winter Timetable",
        head='<meta property="og:title" content="Night Ferries - The Winter Timetable">',
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Night Ferries – The Winter Timetable"


def test_an_em_dash_in_a_german_heading_replaces_the_hyphen_too() -> None:
    html = page(
        title="Nachtfähren - der Winterfahrplan | Die Möwe",
        h1="Nachtfähren — der Winterfahrplan",
        head='<meta property="og:title" content="Nachtfähren - der Winterfahrplan">',
        lang="de",
    )
    url = "https://moewe.example/artikel/48213977"
    assert extract_article(html, url=url).title == "Nachtfähren — der Winterfahrplan"


def test_a_label_set_apart_inside_the_heading_is_left_out() -> None:
    html = page(
        title="Harbour Tides Measured Anew | The Gull",
        h1="<span class='descriptor'>Title:</span>Harbour Tides Measured Anew",
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Harbour Tides Measured Anew"


def test_a_long_heading_sharing_only_the_year_with_the_title_is_not_the_headline() -> None:
    html = page(
        title="Harbour Timetable 2026 | The Gull",
        h1="Our Readers Chose Their Favourite Seaside Towns of 2026 Again",
    )
    url = "https://gull.example/story/48213977"
    assert extract_article(html, url=url).title == "Harbour Timetable 2026"


def test_each_side_of_a_separator_left_in_a_stated_title_is_a_candidate() -> None:
    import lxml.html

    from gazette.ingest.extraction.metadata import PageSignals
    from gazette.ingest.extraction.titles import title_candidates

    html = page(
        title="Night ferries return | Timetable and prices | The Gull",
        h1="Harbour news",
        head='<meta property="og:site_name" content="The Gull">',
    )
    tree = lxml.html.document_fromstring(html)
    found = {
        c.text: c.features
        for c in title_candidates(PageSignals.read(tree), tree, url="https://gull.example/48213")
    }
    assert found["Night ferries return"]["has_side_first"] == 1.0
    assert found["Timetable and prices"]["has_side_last"] == 1.0
    # The whole stated title, less the site's name, is still a candidate of its own.
    assert found["Night ferries return | Timetable and prices"]["starts_another"] == 0.0
    assert found["Night ferries return"]["starts_another"] == 1.0
