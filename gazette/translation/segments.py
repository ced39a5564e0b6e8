"""Segments: the sentences of an article's text, with inline markup carried as placeholders.

An engine never sees HTML. Each block of the sanitised body (paragraph, heading, list item,
caption, cell) becomes a list of tokens: text, and placeholders for inline elements
(`<g1>…</g1>` for links and emphasis, `<x1/>` for line breaks, images and glossary terms).
Blocks are split into sentences at top-level sentence ends; each sentence is one segment.
The translated segments are put back into a copy of the same tree, so the output has the
same elements, attributes and links as the input.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import lxml.html
from lxml import etree

INLINE_TAGS = frozenset(
    {"a", "em", "strong", "b", "i", "cite", "q", "sub", "sup", "abbr", "span", "code", "small",
     "mark", "u", "s", "br", "img"}
)  # fmt: skip
VOID_TAGS = frozenset({"br", "img"})
MAX_SEGMENT_CHARS = 2000

PLACEHOLDER = re.compile(r"<(/?)([gx])(\d+)(/?)>")
_SENTENCE_END = re.compile(r"[.!?…][\"'“”»«)]*\s+")
_NEXT_STARTS_SENTENCE = re.compile(r"[\"'„“«»(]?[A-ZÄÖÜ0-9À-Þ]")
ABBREVIATIONS = frozenset(
    {"dr", "prof", "nr", "ca", "bzw", "vgl", "usw", "etc", "z", "b", "u", "a", "d", "h", "s",
     "mr", "mrs", "ms", "st", "jr", "sr", "no", "vs", "inc", "ltd", "co", "mag", "ing", "dipl",
     "hl", "abs", "art", "str", "jh", "mio", "mrd", "bzgl", "evtl", "ggf", "inkl", "max", "min"}
)  # fmt: skip


class PlaceholderMismatch(ValueError):
    """A translation whose placeholders do not match the source segment's."""


@dataclass(frozen=True)
class Open:
    ref: int  # index into the block's inline elements


@dataclass(frozen=True)
class Close:
    ref: int


@dataclass(frozen=True)
class Void:
    ref: int


@dataclass(frozen=True)
class Term:
    """A glossary term: sent as a void placeholder, put back as the house-style rendering."""

    source: str
    target: str


Token = str | Open | Close | Void | Term


def normalise(text: str) -> str:
    """The form of a text that translation memory keys on: NFC, single spaces, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass
class Segment:
    """One sentence: tokens, and the placeholder numbering an engine sees.

    The tokens are never changed once cut, so what is computed from them is computed once
    (the service asks for `source` of every segment several times per article).
    """

    tokens: list[Token]

    def _numbering(self) -> dict[Token | int, int]:
        return self._numbers

    @cached_property
    def _numbers(self) -> dict[Token | int, int]:
        numbers: dict[Token | int, int] = {}
        for token in self.tokens:
            if isinstance(token, Open | Void) and token.ref not in numbers:
                numbers[token.ref] = len(numbers) + 1
            elif isinstance(token, Term) and id(token) not in numbers:
                numbers[id(token)] = len(numbers) + 1
        return numbers

    @cached_property
    def source(self) -> str:
        """The text an engine translates, placeholders numbered from 1 in order of appearance."""
        numbers = self._numbering()
        parts: list[str] = []
        for token in self.tokens:
            if isinstance(token, str):
                parts.append(token)
            elif isinstance(token, Open):
                parts.append(f"<g{numbers[token.ref]}>")
            elif isinstance(token, Close):
                parts.append(f"</g{numbers[token.ref]}>")
            elif isinstance(token, Void):
                parts.append(f"<x{numbers[token.ref]}/>")
            else:
                parts.append(f"<x{numbers[id(token)]}/>")
        return normalise("".join(parts))

    @cached_property
    def text(self) -> str:
        """The plain source text, for language detection and people."""
        return normalise(
            "".join(t if isinstance(t, str) else t.source if isinstance(t, Term) else " "
                    for t in self.tokens)
        )  # fmt: skip

    @cached_property
    def has_text(self) -> bool:
        return any(isinstance(t, str) and t.strip() for t in self.tokens)

    @property
    def is_long(self) -> bool:
        return len(self.source) > MAX_SEGMENT_CHARS

    def placeholders(self) -> dict[int, tuple[str, Token]]:
        """Placeholder number -> ("g" | "x", the token it stands for), as `source` numbers them."""
        return self._kinds()

    def _kinds(self) -> dict[int, tuple[str, Token]]:
        """Placeholder number -> ("g" | "x", the token it stands for)."""
        numbers = self._numbering()
        kinds: dict[int, tuple[str, Token]] = {}
        for token in self.tokens:
            if isinstance(token, Open):
                kinds[numbers[token.ref]] = ("g", token)
            elif isinstance(token, Void):
                kinds[numbers[token.ref]] = ("x", token)
            elif isinstance(token, Term):
                kinds[numbers[id(token)]] = ("x", token)
        return kinds

    def rebuild(self, translated: str) -> list[Token]:
        """Tokens of a translation of `source`; raise PlaceholderMismatch if markup was lost."""
        kinds = self._kinds()
        tokens: list[Token] = []
        open_stack: list[int] = []
        seen: set[int] = set()
        position = 0
        for match in PLACEHOLDER.finditer(translated):
            if match.start() > position:
                tokens.append(translated[position : match.start()])
            position = match.end()
            closing, kind, number_text, self_closing = match.groups()
            number = int(number_text)
            label = match.group(0)
            expected_kind, original = kinds.get(number, ("", ""))
            if expected_kind != kind:
                raise PlaceholderMismatch(f"unexpected placeholder {label}")
            if kind == "x":
                if closing or not self_closing or number in seen:
                    raise PlaceholderMismatch(f"malformed or repeated placeholder {label}")
                seen.add(number)
                tokens.append(original)
            elif closing:
                if not open_stack or open_stack[-1] != number:
                    raise PlaceholderMismatch(f"{label} closes what is not open")
                open_stack.pop()
                assert isinstance(original, Open)
                tokens.append(Close(original.ref))
            else:
                if self_closing or number in seen:
                    raise PlaceholderMismatch(f"malformed or repeated placeholder {label}")
                seen.add(number)
                open_stack.append(number)
                tokens.append(original)
        if position < len(translated):
            tokens.append(translated[position:])
        if open_stack or len(seen) != len(kinds):
            raise PlaceholderMismatch(
                f"the translation kept {len(seen)} of {len(kinds)} markup placeholders"
            )
        return tokens

    def pieces(self) -> list[str]:
        """The text runs between placeholders, each short enough for an engine."""
        runs: list[str] = []
        for token in self.tokens:
            if isinstance(token, str) and token.strip():
                runs.extend(_split_long(token.strip()))
        return runs

    def rebuild_from_pieces(self, translated: list[str]) -> list[Token]:
        """Tokens from piece-by-piece translations (markup around them kept as in the source)."""
        remaining = iter(translated)
        tokens: list[Token] = []
        for token in self.tokens:
            if isinstance(token, str) and token.strip():
                count = len(_split_long(token.strip()))
                text = " ".join(next(remaining) for _ in range(count))
                lead = " " if token[:1].isspace() else ""
                trail = " " if token[-1:].isspace() else ""
                tokens.append(lead + text + trail)
            elif not isinstance(token, str):
                tokens.append(token)
        return tokens


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_SEGMENT_CHARS:
        return [text]
    chunks: list[str] = []
    while len(text) > MAX_SEGMENT_CHARS:
        cut = text.rfind(" ", 0, MAX_SEGMENT_CHARS)
        cut = cut if cut > MAX_SEGMENT_CHARS // 2 else MAX_SEGMENT_CHARS
        chunks.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        chunks.append(text)
    return chunks


# Month names that follow a day written as an ordinal ("24. Dezember", "3. Jänner 2026").
_MONTHS = frozenset(
    {"januar", "jänner", "februar", "feber", "märz", "april", "mai", "juni", "juli", "august",
     "september", "oktober", "november", "dezember", "jan", "feb", "mär", "apr", "jun", "jul",
     "aug", "sep", "sept", "okt", "nov", "dez", "jahrhundert", "jahrhunderts"}
)  # fmt: skip


# German words that put a number written as an ordinal before its noun: "die 52. Saison",
# "in der 118. Minute", "zum 3. Mal".
_ORDINAL_AFTER = frozenset(
    {"der", "die", "das", "den", "dem", "des", "am", "im", "zum", "zur", "vom", "beim", "ins",
     "seine", "seiner", "seinem", "seinen", "ihre", "ihrer", "ihrem", "ihren", "jede", "jeder",
     "jedem", "jeden"}
)  # fmt: skip


def _is_ordinal(word: str, mark: str, following: str, before: str) -> bool:
    """A German ordinal, not a sentence end: `24.` before a month (days and centuries), or a
    number after an article ("die 52. Saison"), so a date or a phrase is never cut in two."""
    if mark != "." or not (word.isdigit() and len(word) <= 4):
        return False
    previous = re.findall(r"(\w+)\s+$", before)
    if previous and previous[0].lower() in _ORDINAL_AFTER:
        return True
    if len(word) > 2:
        return False
    next_word = re.match(r"[\"'„“«»(]?(\w+)", following)
    return next_word is not None and next_word[1].lower().rstrip(".") in _MONTHS


def split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """Split a block's tokens at sentence ends that lie outside any inline element."""
    sentences: list[list[Token]] = []
    current: list[Token] = []
    depth = 0
    for index, token in enumerate(tokens):
        if isinstance(token, Open):
            depth += 1
        elif isinstance(token, Close):
            depth -= 1
        if not isinstance(token, str) or depth > 0:
            current.append(token)
            continue
        start = 0
        for match in _SENTENCE_END.finditer(token):
            following = token[match.end() :]
            if following and not _NEXT_STARTS_SENTENCE.match(following):
                continue
            if not following and index + 1 < len(tokens):
                continue  # a sentence end right before markup: keep them together
            word = re.findall(r"(\w+)[.!?…]$", token[start : match.start() + 1])
            if word and word[0].lower() in ABBREVIATIONS:
                continue
            ahead = token[start : match.start() + 1][: -len(word[0]) - 1] if word else ""
            if word and _is_ordinal(word[0], token[match.start()], following, ahead):
                continue
            current.append(token[start : match.end()])
            sentences.append(current)
            current, start = [], match.end()
        if token[start:]:
            current.append(token[start:])
    if current:
        sentences.append(current)
    return [s for s in sentences if any(isinstance(t, str) and t.strip() for t in s)] or (
        [tokens] if tokens else []
    )


def apply_terms(tokens: list[Token], terms: dict[str, str]) -> list[Token]:
    """Replace glossary source terms in text tokens by Term tokens (whole words, longest first)."""
    if not terms:
        return tokens
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        + r")(?!\w)"
    )
    result: list[Token] = []
    for token in tokens:
        if not isinstance(token, str):
            result.append(token)
            continue
        position = 0
        for match in pattern.finditer(token):
            if match.start() > position:
                result.append(token[position : match.start()])
            result.append(Term(match.group(1), terms[match.group(1)]))
            position = match.end()
        if position < len(token):
            result.append(token[position:])
    return result


@dataclass
class Block:
    """An element whose content is inline: its tokens, split into sentences."""

    element: etree._Element
    inline: list[etree._Element]
    segments: list[Segment]


@dataclass
class Document:
    """A body (or a plain-text field) cut into segments, ready to be put back together."""

    root: etree._Element
    blocks: list[Block] = field(default_factory=list)
    plain: bool = False

    @property
    def segments(self) -> Iterator[Segment]:
        for block in self.blocks:
            yield from block.segments

    def render(self, translations: list[list[Token]]) -> str:
        """The document with each segment replaced by its translated tokens, in order."""
        pending = iter(translations)
        for block in self.blocks:
            tokens: list[Token] = []
            for _ in block.segments:
                translated = next(pending)
                if tokens and not _ends_with_space(tokens) and not _starts_with_space(translated):
                    tokens.append(" ")
                tokens.extend(translated)
            _fill(block, tokens)
        if self.plain:
            return normalise("".join(self.root.itertext()))
        html = "".join(
            [self.root.text or ""]
            + [lxml.html.tostring(child, encoding="unicode") for child in self.root]
        )
        return html.strip()


def _ends_with_space(tokens: list[Token]) -> bool:
    last = tokens[-1]
    return isinstance(last, str) and last[-1:].isspace()


def _starts_with_space(tokens: list[Token]) -> bool:
    return bool(tokens) and isinstance(tokens[0], str) and tokens[0][:1].isspace()


def _fill(block: Block, tokens: list[Token]) -> None:
    element = block.element
    for child in list(element):
        element.remove(child)
    element.text = None
    stack: list[etree._Element] = [element]

    def add_text(text: str) -> None:
        parent = stack[-1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    for token in tokens:
        if isinstance(token, str):
            add_text(token)
        elif isinstance(token, Term):
            add_text(token.target)
        elif isinstance(token, Void):
            original = block.inline[token.ref]
            clone = copy.deepcopy(original)
            clone.tail = None
            stack[-1].append(clone)
        elif isinstance(token, Open):
            original = block.inline[token.ref]
            child = etree.SubElement(stack[-1], original.tag, attrib=dict(original.attrib))
            stack.append(child)
        else:
            stack.pop()


def _inline_tokens(element: etree._Element, inline: list[etree._Element]) -> list[Token]:
    tokens: list[Token] = []
    if element.text:
        tokens.append(element.text)
    for child in element:
        if not isinstance(child.tag, str):
            pass  # a comment or processing instruction: dropped
        elif child.tag in VOID_TAGS:
            inline.append(child)
            tokens.append(Void(len(inline) - 1))
        else:
            inline.append(child)
            ref = len(inline) - 1
            tokens.append(Open(ref))
            tokens.extend(_inline_tokens(child, inline))
            tokens.append(Close(ref))
        if child.tail:
            tokens.append(child.tail)
    return tokens


def _is_text_block(element: etree._Element) -> bool:
    return all(
        isinstance(c.tag, str) and c.tag in INLINE_TAGS for c in element.iter() if c is not element
    )


def _make_block(element: etree._Element, terms: dict[str, str]) -> Block | None:
    inline: list[etree._Element] = []
    tokens = apply_terms(_inline_tokens(element, inline), terms)
    if not any(isinstance(t, str) and t.strip() for t in tokens):
        return None
    return Block(element, inline, [Segment(s) for s in split_sentences(tokens)])


def _collect(element: etree._Element, blocks: list[Block], terms: dict[str, str]) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in INLINE_TAGS:
            continue  # inline at top level is rare after sanitising; left as it is
        if _is_text_block(child):
            if block := _make_block(child, terms):
                blocks.append(block)
        else:
            _collect(child, blocks, terms)


def segment_html(html: str, *, terms: dict[str, str] | None = None) -> Document:
    """Cut sanitised article HTML into blocks and sentence segments."""
    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    document = Document(root)
    if root.text and root.text.strip():
        # Text directly at the top level (no <p>): wrap it so it is translated too.
        paragraph = etree.Element("p")
        paragraph.text = root.text
        root.text = None
        root.insert(0, paragraph)
    _collect(root, document.blocks, terms or {})
    return document


def segment_text(text: str, *, terms: dict[str, str] | None = None) -> Document:
    """Cut a plain-text field (title, standfirst, caption) into sentence segments."""
    root = etree.Element("div")
    paragraph = etree.SubElement(root, "p")
    paragraph.text = normalise(text)
    document = Document(root, plain=True)
    if block := _make_block(paragraph, terms or {}):
        document.blocks.append(block)
    return document


def markup_signature(html: str) -> list[tuple[str, str]]:
    """The elements and link targets of an HTML fragment, in order (to check a translation)."""
    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    return [
        (el.tag, el.get("href") or el.get("src") or "")
        for el in root.iter()
        if isinstance(el.tag, str) and el is not root
    ]
