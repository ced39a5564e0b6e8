"""Excerpts end at a sentence or a word boundary, never mid-word."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from gazette.site.excerpts import excerpt, first_sentences

TEXT = (
    "Russian President Vladimir Putin's first visit to his ally in three years was "
    "accompanied by joint manoeuvres. The Kremlin chief spoke of “very fruitful” talks. "
    "Meanwhile, concerns are growing in Ukraine."
)


def test_it_keeps_short_text_whole():
    assert excerpt("A short text.", 100) == "A short text."


def test_it_ends_at_the_last_whole_sentence_that_fits():
    assert excerpt(TEXT, 150) == (
        "Russian President Vladimir Putin's first visit to his ally in three years was "
        "accompanied by joint manoeuvres."
    )


def test_it_counts_a_closing_quote_as_part_of_the_sentence():
    text = "He said “we are ready.” Then he left the room and the talks went on for hours."
    assert first_sentences(text, 40) == "He said “we are ready.”"


def test_it_cuts_after_a_whole_word_with_an_ellipsis_when_no_sentence_fits():
    text = "has hung in the Louvre for centuries while crowds pressed against the glass"
    cut = excerpt(text, 30)
    assert cut == "has hung in the Louvre for…"


WORDS = st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=400)


@given(WORDS, st.integers(20, 200))
def test_it_never_cuts_inside_a_word(text, limit):
    normalised = " ".join(text.split())
    cut = excerpt(text, limit)
    stem = cut.removesuffix("…")
    assert len(stem) <= limit
    assert normalised.startswith(stem)
    rest = normalised[len(stem) :]
    words = normalised.split(" ")
    if rest and len(words[0]) < limit:
        assert not (re.match(r"\w", rest) and re.search(r"\w$", stem)), (stem, rest)
