"""Segments: sentences with inline markup carried by placeholders, put back in the same tree."""

from __future__ import annotations

import pytest

from gazette.translation.segments import (
    PlaceholderMismatch,
    markup_signature,
    segment_html,
    segment_text,
)

BODY = (
    '<p>Der <a href="https://example.org/a">Bürgermeister</a> sagte: „Gut.“ Dann ging er. '
    "Dr. Müller kam.<br>Ende.</p>"
    "<ul><li>eins</li><li><em>zwei</em> und drei</li></ul>"
    '<figure><img src="https://example.org/i.jpg" alt="x">'
    "<figcaption>Ein Bild.</figcaption></figure>"
)


def upper(text: str) -> str:
    return text.upper().replace("<G", "<g").replace("</G", "</g").replace("<X", "<x")


def test_it_splits_sentences_outside_markup_and_keeps_abbreviations():
    sources = [s.source for s in segment_html(BODY).segments]
    assert sources == [
        "Der <g1>Bürgermeister</g1> sagte: „Gut.“",
        "Dann ging er.",
        "Dr. Müller kam.<x1/>Ende.",
        "eins",
        "<g1>zwei</g1> und drei",
        "Ein Bild.",
    ]


def test_a_day_written_as_an_ordinal_does_not_end_a_sentence():
    body = (
        "<p>Die Sitzung ist am 24. Dezember. Am 3. Jänner 2026 folgt die nächste. "
        "Gezählt wurden 12. Danach kam nichts.</p>"
    )
    assert [s.source for s in segment_html(body).segments] == [
        "Die Sitzung ist am 24. Dezember.",
        "Am 3. Jänner 2026 folgt die nächste.",
        "Gezählt wurden 12.",
        "Danach kam nichts.",
    ]


def test_a_number_after_an_article_is_an_ordinal_not_a_sentence_end():
    body = (
        "<p>Der Cup beginnt die 52. Saison. In der 118. Minute fiel das Tor. "
        "Gezählt wurden 118. Danach kam nichts. Er ist Jahrgang 1952. Sie nicht.</p>"
    )
    assert [s.source for s in segment_html(body).segments] == [
        "Der Cup beginnt die 52. Saison.",
        "In der 118. Minute fiel das Tor.",
        "Gezählt wurden 118.",
        "Danach kam nichts.",
        "Er ist Jahrgang 1952.",
        "Sie nicht.",
    ]


def test_it_puts_translations_back_into_the_same_structure():
    document = segment_html(BODY)
    html = document.render([s.rebuild(upper(s.source)) for s in document.segments])
    assert markup_signature(html) == markup_signature(BODY)
    assert '<a href="https://example.org/a">BÜRGERMEISTER</a>' in html
    assert "DR. MÜLLER KAM.<br>ENDE." in html


def test_it_accepts_reordered_placeholders():
    document = segment_html('<p>A <em>b</em> c <a href="https://x.org/">d</a>.</p>')
    (segment,) = document.segments
    assert segment.source == "A <g1>b</g1> c <g2>d</g2>."
    html = document.render([segment.rebuild("<g2>D</g2> C <g1>B</g1> A.")])
    assert html == '<p><a href="https://x.org/">D</a> C <em>B</em> A.</p>'


@pytest.mark.parametrize(
    "answer", ["A b c d.", "A <g1>b c d.", "A </g1>b<g1> c <g2>d</g2>.", "<g1>A</g1><g1>b</g1>"]
)
def test_it_refuses_lost_or_broken_placeholders(answer):
    (segment,) = segment_html('<p>A <em>b</em> c <a href="https://x.org/">d</a>.</p>').segments
    with pytest.raises(PlaceholderMismatch):
        segment.rebuild(answer)


def test_it_translates_piece_by_piece_when_markup_is_lost():
    document = segment_html('<p>Mehr auf dem <a href="https://x.org/">Portal</a> des Landes.</p>')
    (segment,) = document.segments
    assert segment.pieces() == ["Mehr auf dem", "Portal", "des Landes."]
    tokens = segment.rebuild_from_pieces(["More on the", "portal", "of the state."])
    assert (
        document.render([tokens])
        == '<p>More on the <a href="https://x.org/">portal</a> of the state.</p>'
    )


def test_glossary_terms_travel_as_placeholders():
    document = segment_text("Konferenz in Kiew, nicht in Kiewer Vororten.", terms={"Kiew": "Kyiv"})
    (segment,) = document.segments
    assert segment.source == "Konferenz in <x1/>, nicht in Kiewer Vororten."
    assert document.render([segment.rebuild("Conference in <x1/>, not in suburbs.")]) == (
        "Conference in Kyiv, not in suburbs."
    )


def test_a_long_paragraph_is_cut_into_pieces_an_engine_takes():
    words = " ".join(["Wort"] * 10_000)  # 50,000 characters without a sentence end
    (segment,) = segment_html(f"<p>{words}</p>").segments
    assert segment.is_long
    assert all(len(piece) <= 2000 for piece in segment.pieces())
    assert sum(len(p) + 1 for p in segment.pieces()) == len(words) + 1


def test_empty_blocks_make_no_segments():
    assert list(segment_html("<p> </p><p><br></p>").segments) == []
    assert list(segment_text("").segments) == []
