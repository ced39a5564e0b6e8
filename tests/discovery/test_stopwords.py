"""The lexical embedder's stop words, read from one plain-text file per language: the same words
the literal in lexical.py held before they moved, and a clear error when a file is missing."""

from __future__ import annotations

import shutil

import pytest

from gazette.discovery.embeddings.lexical import (
    STOP_WORD_LANGUAGES,
    STOP_WORDS,
    STOP_WORDS_DIR,
    stop_words_load,
    stop_words_read,
    terms,
)

# Counted once from the literal the files replaced (249 distinct words in all; a few, such as
# "in", "so" and "es", are in two languages' lists).
WORDS_PER_LANGUAGE = {"en": 130, "de": 77, "es": 28, "fr": 20}
SAMPLES = {
    "en": {"a", "the", "yours", "said", "says", "amid", "via", "vs", "us"},
    "de": {"der", "dass", "fur", "für", "uber", "über", "werden", "in", "es"},
    "es": {"el", "unas", "y", "pero", "que", "mas", "más"},
    "fr": {"le", "du", "avec", "cette", "qui", "ils"},
}


def test_each_language_has_the_words_it_had():
    assert STOP_WORD_LANGUAGES == ("en", "de", "es", "fr")
    for code, samples in SAMPLES.items():
        words = stop_words_read(STOP_WORDS_DIR / f"{code}.txt")
        assert len(words) == WORDS_PER_LANGUAGE[code], code
        assert samples <= words, code


def test_the_loaded_set_is_the_union_the_literal_gave():
    assert isinstance(STOP_WORDS, frozenset)
    assert len(STOP_WORDS) == 249
    assert stop_words_load() == STOP_WORDS
    assert set().union(*SAMPLES.values()) <= STOP_WORDS
    # Content words, and the comment headers' words, are not stop words.
    assert not {"flood", "hochwasser", "source", "gazette", "#", ""} & STOP_WORDS
    assert all(word == word.strip().lower() and " " not in word for word in STOP_WORDS)


def test_terms_drop_them_in_every_language():
    text = "The floods of Passau: der Hochwasser, el río y la crue dans les rues"
    assert terms(text) == ["floods", "passau", "hochwasser", "rio", "crue", "rues"]


def test_comments_and_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "xx.txt"
    path.write_text("# a header\n\n  one \n#two\nthree\n", encoding="utf-8")
    assert stop_words_read(path) == {"one", "three"}


def test_a_missing_file_fails_with_a_clear_error(tmp_path):
    for code in ("en", "de", "es"):
        shutil.copy(STOP_WORDS_DIR / f"{code}.txt", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"stop-word list .*fr\.txt is missing") as error:
        stop_words_load(tmp_path)
    assert "en, de, es, fr" in str(error.value)
    assert stop_words_load(tmp_path, ("en", "de", "es")) < STOP_WORDS
