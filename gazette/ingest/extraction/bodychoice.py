"""Choosing the body between two readings of trafilatura: with links, images and formatting
(Gazette's body before), and with trafilatura's default choices (`body.plain_trafilatura_body`,
links and figures put back afterwards).

Asking trafilatura for links, images or formatting changes its pruning: on some pages
link-dense boilerplate stays, on others a paragraph with several short links is dropped. A small
logistic model over features of the two texts can pick one, the second computed only when cheap
signals of the first say it is doubtful. Cross-validated with folds grouped by site it did not
beat the default reading alone on every fold, so the default reading is the body and the
chooser is not adopted (`weights/body.json` says so; docs/extraction.md has the figures). The
features describe the two texts (lengths, overlap, lines, scripts, links), never a page's
address or site. Weights are trained by `scripts/train_body.py` (`make train-extraction`).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lxml.etree
import lxml.html

WEIGHTS_PATH = Path(__file__).with_name("weights") / "body.json"

# A letter of a script written without spaces between words counts as a word of its own, so
# that overlap and length do not depend on where a script puts spaces.
_UNSPACED = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK ideographs
)
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
_UNSPACED_CHAR = re.compile(rf"[{_UNSPACED}]")


def tokens(text: str) -> list[str]:
    """Words, and single letters of scripts without spaces (Thai, Japanese, Chinese, ...)."""
    return _TOKEN.findall(text)


def _bigrams(words: list[str]) -> Counter[tuple[str, str]]:
    return Counter(itertools.pairwise(words)) if len(words) > 1 else Counter()


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


@dataclass(frozen=True)
class TextStats:
    """What the features read of one candidate's plain text."""

    words: int
    lines: int
    short_lines: float  # share of lines under 10 words (menus, link lists, captions)
    unspaced: float  # share of tokens that are letters of a script without spaces

    @classmethod
    def of(cls, text: str, words: list[str] | None = None) -> TextStats:
        words = tokens(text) if words is None else words
        lines = _lines(text)
        short = sum(1 for line in lines if len(tokens(line)) < 10)
        unspaced = len(_UNSPACED_CHAR.findall(text))
        return cls(
            words=len(words),
            lines=len(lines),
            short_lines=short / len(lines) if lines else 0.0,
            unspaced=unspaced / len(words) if words else 0.0,
        )


_BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "dt", "dd"}
)


@dataclass(frozen=True)
class Block:
    """A block of the first candidate's HTML: its text and how much of it sits in links."""

    text: str
    link_chars: int


def html_blocks(body_html: str) -> list[Block]:
    """The text blocks of trafilatura's HTML output, innermost blocks first in document order."""
    if not body_html.strip():
        return []
    try:
        fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    found = []
    for element in fragment.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in element.iterdescendants()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            links = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
            found.append(Block(text, min(links, len(text))))
    return found


def link_density(blocks: list[Block]) -> float:
    """Share of the blocks' characters that are link text (cheap: no second candidate)."""
    chars = sum(len(block.text) for block in blocks)
    return sum(block.link_chars for block in blocks) / chars if chars else 0.0


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()[:60]


def page_links(tree: lxml.html.HtmlElement) -> dict[str, tuple[int, int]]:
    """The page's innermost text blocks: their opening (letters only) → (characters, link
    characters). Tells whether text that plain trafilatura alone kept was link text."""
    found: dict[str, tuple[int, int]] = {}
    for element in tree.iter(*_BLOCKS, "div", "td", "span"):
        if any(child.tag in _BLOCKS or child.tag == "div" for child in element.iterchildren()):
            continue
        text = element.text_content()
        key = _key(text)
        if len(key) < 8 or key in found:
            continue
        links = sum(len(_key(a.text_content())) for a in element.iter("a"))
        found[key] = (len(_key(text)), min(links, len(_key(text))))
    return found


def pair_features(
    first: str,
    second: str,
    blocks: list[Block] | None = None,
    links: dict[str, tuple[int, int]] | None = None,
) -> dict[str, float]:
    """Features of the choice between `first` (Gazette's body) and `second` (plain trafilatura).

    `blocks` are the first candidate's HTML blocks (for the link share of the text only it
    holds); `links` the page's blocks (`page_links`, for the link share of the text only the
    second holds). A positive weight sum means `second` is the better body.
    """
    first_words, second_words = tokens(first), tokens(second)
    one, two = TextStats.of(first, first_words), TextStats.of(second, second_words)
    first_pairs, second_pairs = _bigrams(first_words), _bigrams(second_words)
    shared = sum((first_pairs & second_pairs).values())
    # How much of each candidate the other holds (word pairs, counted as multisets).
    second_in_first = shared / sum(second_pairs.values()) if second_pairs else 1.0
    first_in_second = shared / sum(first_pairs.values()) if first_pairs else 1.0
    ratio = math.log((two.words + 20) / (one.words + 20))
    # The blocks only the first candidate holds, and how much of their text is links: menus,
    # "related" lists and carousels that keeping links let through.
    extra_chars = extra_links = 0
    for block in blocks or ():
        pairs = _bigrams(tokens(block.text))
        if pairs and sum((pairs & second_pairs).values()) < 0.5 * sum(pairs.values()):
            extra_chars += len(block.text)
            extra_links += block.link_chars
    all_chars = sum(len(block.text) for block in blocks or ()) or 1
    # The lines only the second candidate holds, and how much of them the page had in links.
    found_chars = found_links = second_extra = 0
    for line in _lines(second):
        pairs = _bigrams(tokens(line))
        if not pairs or sum((pairs & first_pairs).values()) >= 0.5 * sum(pairs.values()):
            continue
        second_extra += len(line)
        chars, linked = (links or {}).get(_key(line), (0, 0))
        found_chars += chars
        found_links += linked
    second_chars = sum(len(line) for line in _lines(second)) or 1
    return {
        "log_length_ratio": ratio,
        "more_text": max(ratio, 0.0),
        "less_text": max(-ratio, 0.0),
        "second_in_first": second_in_first,
        "first_in_second": first_in_second,
        "first_short_lines": one.short_lines,
        "second_short_lines": two.short_lines,
        "short_lines_gain": one.short_lines - two.short_lines,
        "log_first_words": math.log1p(one.words) / 10,
        "unspaced": max(one.unspaced, two.unspaced),
        "first_link_density": link_density(list(blocks or ())),
        "extra_share": extra_chars / all_chars,
        "extra_links": extra_links / all_chars,
        "extra_link_density": extra_links / extra_chars if extra_chars else 0.0,
        "second_extra_share": second_extra / second_chars,
        "second_extra_link_density": found_links / found_chars if found_chars else 0.0,
        "bias": 1.0,
    }


@cache
def load_body_weights() -> dict[str, float]:
    """The committed chooser's weights; empty (keep Gazette's body) when none are committed."""
    try:
        data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not data.get("adopted"):
        return {}
    return {str(k): float(v) for k, v in data.get("weights", {}).items()}


def prefer_second(features: dict[str, float], weights: dict[str, float]) -> bool:
    """The chooser's decision: True when the second candidate scores above the first."""
    if not weights:
        return False
    return sum(weights.get(name, 0.0) * value for name, value in features.items()) > 0.0


@dataclass(frozen=True)
class Gate:
    """When the first candidate is doubtful enough to compute the second (it costs a second
    trafilatura run): its link density reaches `link_density`, it has under `words` words, or
    it holds under `coverage` of the words the page has in paragraphs (`paragraph_words`)."""

    link_density: float = 1.01
    words: int = 0
    coverage: float = 0.0

    def doubtful(self, words: int, blocks: list[Block], page_words: int) -> bool:
        return (
            words < self.words
            or link_density(blocks) >= self.link_density
            or words < self.coverage * page_words
        )


def paragraph_words(tree: lxml.html.HtmlElement) -> int:
    """Words (letters, for scripts without spaces) in the page's <p> elements: cheap."""
    return sum(len(tokens(p.text_content())) for p in tree.iter("p"))


@cache
def load_body_gate() -> Gate:
    try:
        data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
        gate = data["gate"]
        return Gate(
            link_density=float(gate["link_density"]),
            words=int(gate["words"]),
            coverage=float(gate.get("coverage", 0.0)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Gate()


@dataclass(frozen=True)
class BodyChoice:
    """trafilatura's HTML chosen for the body, and how the choice was made."""

    html: str
    second_computed: bool = False
    chose_second: bool = False
    features: dict[str, float] | None = None


def candidate_pair(
    tree: lxml.html.HtmlElement, url: str
) -> tuple[str, str, dict[str, float], list[Block]]:
    """Both candidates' HTML, the features of the choice, and the first's blocks (training)."""
    from gazette.ingest.extraction.body import (
        body_text,
        plain_trafilatura_body,
        trafilatura_body,
    )

    first = trafilatura_body(tree, url)
    second = plain_trafilatura_body(tree, url)
    blocks = html_blocks(first)
    features = pair_features(body_text(first), body_text(second), blocks, page_links(tree))
    return first, second, features, blocks


def choose_body(
    tree: lxml.html.HtmlElement,
    url: str,
    *,
    weights: dict[str, float] | None = None,
    gate: Gate | None = None,
) -> BodyChoice:
    """The body: trafilatura's, chosen without links (`plain_trafilatura_body`), which won on
    every site-grouped fold. Only when a learned chooser is committed and adopted (it is not:
    see weights/body.json) is the with-links reading computed, and the plain one kept only
    where the chooser prefers it; the plain one is then computed only for a doubtful first."""
    from gazette.ingest.extraction.body import (
        body_text,
        plain_trafilatura_body,
        trafilatura_body,
    )

    weights = load_body_weights() if weights is None else weights
    if not weights:
        return BodyChoice(plain_trafilatura_body(tree, url), chose_second=True)
    gate = load_body_gate() if gate is None else gate
    first = trafilatura_body(tree, url)
    first_text = body_text(first)
    blocks = html_blocks(first)
    page_words = paragraph_words(tree) if gate.coverage else 0
    if not gate.doubtful(len(tokens(first_text)), blocks, page_words):
        return BodyChoice(first)
    second = plain_trafilatura_body(tree, url)
    features = pair_features(first_text, body_text(second), blocks, page_links(tree))
    if second and prefer_second(features, weights):
        return BodyChoice(second, True, True, features)
    return BodyChoice(first, True, False, features)
