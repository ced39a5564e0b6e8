"""Teasers and summaries cut at a sentence boundary, else at a word boundary, never mid-word."""

from __future__ import annotations

import re

ELLIPSIS = "…"
# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before a space.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)")


def excerpt(text: str, limit: int = 300, *, min_sentence_share: float = 0.5) -> str:
    """At most `limit` characters of `text` (plus an ellipsis when cut).

    Prefer the last whole sentence that ends after `min_sentence_share` of the limit; otherwise
    cut after the last whole word and add an ellipsis.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= limit]
    if ends and ends[-1] >= limit * min_sentence_share:
        return text[: ends[-1]]
    cut = window.rfind(" ", 0, limit)
    if cut <= 0:
        return text[:limit].rstrip() + ELLIPSIS  # one very long word: the only mid-word cut
    return text[:cut].rstrip(" ,;:–—-") + ELLIPSIS


def first_sentences(text: str, limit: int = 300) -> str:
    """A summary for excerpt-licence sources: whole sentences only when any fit."""
    return excerpt(text, limit, min_sentence_share=0.0)
