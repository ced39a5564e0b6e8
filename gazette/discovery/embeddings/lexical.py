"""The lexical representation: hashed, IDF-weighted word stems. Needs no model, always works.

Words are folded (case, accents) and stop words dropped; each word and its character
n-grams (which stand in for stemming, alike in every language) are hashed with a sign into a
fixed number of dimensions, so the vector is dense float32 like a model's and compares with a
dot product. A third part holds the words of the lede (the headline and first lines), where a
report states its event, so two reports that open on the same facts meet even when their later
paragraphs wander apart.

IDF comes from the traffic seen so far (`OnlineIdf` in memory, `LexicalTerm` rows on the
site): no fitting on a corpus, and the same in every language.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np

from gazette.discovery.embeddings.base import Embedder, normalise_rows

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# Function words of the languages the desk sees most (content words carry the story): one
# file a language in stopwords/, read once, when this module is imported.
STOP_WORDS_DIR = Path(__file__).resolve().parent / "stopwords"
STOP_WORD_LANGUAGES = ("en", "de", "es", "fr")


def stop_words_read(path: Path) -> frozenset[str]:
    """The words of one stop-word file: one a line; blank lines and `#` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"stop-word list {path} is missing: the lexical embedder reads one file per "
            f"language ({', '.join(STOP_WORD_LANGUAGES)}) from {path.parent}"
        ) from None
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def stop_words_load(
    directory: Path = STOP_WORDS_DIR, languages: Iterable[str] = STOP_WORD_LANGUAGES
) -> frozenset[str]:
    """Every language's stop words, in one set."""
    return frozenset(
        word for code in languages for word in stop_words_read(directory / f"{code}.txt")
    )


STOP_WORDS = stop_words_load()

STEM_LENGTH = 24  # long enough to keep words whole; the n-grams do the stemming
DIMENSIONS = 2048
LEDE_CHARS = 500  # the headline and the opening sentences
# Shares of the three parts (each normalised first): whole words, their n-grams, the lede. A
# text no longer than the lede has no lede part (it would only count its words twice).
WORDS_SHARE, GRAMS_SHARE, LEDE_SHARE = 1.0, 1.0, 1.0


def idf_weight(total: int, documents: int) -> float:
    """Smoothed IDF, as scikit-learn computes it; `total` documents, `documents` with the word."""
    return math.log((total + 1) / (documents + 1)) + 1.0


class OnlineIdf:
    """Document frequencies learnt from a stream, one document at a time, as articles arrive.

    Call `observe` with each new text before embedding it (the site counts an article's words
    in `LexicalTerm` before it embeds it); early on every word weighs about the same, and the
    weights settle as the stream grows. Nothing is fitted ahead, so it works on any language.
    """

    def __init__(self) -> None:
        self.documents: Counter[str] = Counter()
        self.total = 0

    def observe(self, text: str) -> None:
        self.documents.update(set(terms(text)))
        self.total += 1

    def __call__(self, words: Iterable[str]) -> dict[str, float]:
        return {word: idf_weight(self.total, self.documents[word]) for word in words}


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """A `str.translate` table that deletes every combining mark (built once, in about 0.1 s)."""
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


def fold(text: str) -> str:
    """Lower case without accents, so "Übersee", "uebersee" and "ubersee" meet more often."""
    if text.isascii():  # nothing to decompose or strip
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_combining_marks())


def terms(text: str) -> list[str]:
    """The stems of a text's content words, in order."""
    out = []
    for word in WORD.findall(fold(text)):
        if "'" in word or "’" in word:
            word = word.replace("’", "'").split("'")[0]
        if len(word) < 2 or word in STOP_WORDS:
            continue
        out.append(word[:STEM_LENGTH])
    return out


@lru_cache(maxsize=1 << 17)
def _slot(feature: str, dimensions: int) -> tuple[int, float]:
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % dimensions, 1.0 if (value >> 63) & 1 else -1.0


@lru_cache(maxsize=1 << 16)
def _gram_slots(term: str, dimensions: int) -> tuple[np.ndarray, np.ndarray]:
    """The slots and signs of a stem's character 3-, 4- and 5-grams, in order (a stem's are
    hashed once per process: the same words come back in article after article)."""
    padded = f"<{term}>"
    pieces = [padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
    pairs = [_slot("#" + piece, dimensions) for piece in pieces]
    slots = np.array([slot for slot, _sign in pairs], dtype=np.intp)
    signs = np.array([sign for _slot_, sign in pairs], dtype=np.float64)
    slots.flags.writeable = signs.flags.writeable = False  # shared by every caller
    return slots, signs


class LexicalEmbedder(Embedder):
    """Sublinear term counts times IDF, hashed into `dimensions` signed slots."""

    # The vector's layout is part of the name: stored vectors of another layout are not
    # compared with these, and are embedded again.
    name = "lexical2"

    def __init__(
        self,
        *,
        dimensions: int = DIMENSIONS,
        idf: Callable[[Iterable[str]], Mapping[str, float]] | None = None,
        lede_chars: int = LEDE_CHARS,
    ) -> None:
        self.dimensions = dimensions
        self.idf = idf
        self.lede_chars = lede_chars

    def weights(self, text: str) -> dict[str, float]:
        counts = Counter(terms(text))
        idf = self.idf(counts.keys()) if self.idf else {}
        return {
            term: (1.0 + math.log(count)) * idf.get(term, 1.0) for term, count in counts.items()
        }

    def vector(self, text: str) -> np.ndarray:
        """Whole stems, their character n-grams (which catch inflections and spelling
        variants, each n-gram carrying its word's weight) and the lede's stems, each part
        normalised, so a dot product is a weighted mean of the three parts' cosines."""
        counts = Counter(terms(text))
        idf = self.idf(counts.keys()) if self.idf else {}
        words = np.zeros(self.dimensions, dtype=np.float64)
        lede = np.zeros(self.dimensions, dtype=np.float64)
        gram_slots: list[np.ndarray] = []
        gram_values: list[np.ndarray] = []
        for term, count in counts.items():
            weight = (1.0 + math.log(count)) * idf.get(term, 1.0)
            slot, sign = _slot(term, self.dimensions)
            words[slot] += sign * weight
            slots, signs = _gram_slots(term, self.dimensions)
            if len(slots):
                gram_slots.append(slots)
                gram_values.append(signs * (weight / math.sqrt(len(slots))))
        # All n-grams summed into their slots at once, in the same order as one by one.
        grams = (
            np.bincount(
                np.concatenate(gram_slots),
                weights=np.concatenate(gram_values),
                minlength=self.dimensions,
            )
            if gram_slots
            else np.zeros(self.dimensions, dtype=np.float64)
        )
        opening = text[: self.lede_chars] if len(text) > self.lede_chars else ""
        for term, count in Counter(terms(opening)).items():
            slot, sign = _slot("^" + term, self.dimensions)
            lede[slot] += sign * (1.0 + math.log(count)) * idf.get(term, 1.0)
        total = np.zeros(self.dimensions, dtype=np.float64)
        for part, share in ((words, WORDS_SHARE), (grams, GRAMS_SHARE), (lede, LEDE_SHARE)):
            norm = np.linalg.norm(part)
            if norm:
                total += share * part / norm
        return total.astype(np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self.vector(text)
        return normalise_rows(out)
