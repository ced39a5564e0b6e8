"""What readers may write: a small, safe markup, and names that cannot impersonate."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

COMMENT_TAGS = frozenset({"p", "br", "a", "em", "strong", "i", "b", "blockquote", "q"})
# Bidirectional overrides and isolates, zero-width characters, soft hyphens, BOMs: they can
# reverse or hide text ("moc.elpmaxe" shown as "example.com"), so they are dropped.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u061c]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLANK_LINES = re.compile(r"\n\s*\n")
RESERVED_NAMES = frozenset({"admin", "administrator", "moderator", "editor", "gazette", "staff"})


class MarkupError(ValueError):
    """What is wrong with a name or text, said so the writer can fix it."""


def clean_text(text: str) -> str:
    """The text with line ends unified and invisible and control characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _INVISIBLE.sub("", text)).strip()


def render(text: str) -> str:
    """Paragraphs at blank lines, line breaks kept; links (http/https only) get
    rel="nofollow ugc noopener noreferrer"; every other tag and attribute is dropped."""
    paragraphs = []
    for block in _BLANK_LINES.split(clean_text(text)):
        block = block.strip()
        if not block:
            continue
        if block.startswith("<blockquote") or block.startswith("<p"):
            paragraphs.append(block)
        else:
            paragraphs.append("<p>" + block.replace("\n", "<br>") + "</p>")
    return nh3.clean(
        "\n".join(paragraphs),
        tags=set(COMMENT_TAGS),
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain(body_html: str) -> str:
    """The text of rendered comment HTML (for mail and the classifier)."""
    spaced = re.sub(r"<br\s*/?>|</p>|</blockquote>", "\n", body_html)
    return html.unescape(nh3.clean(spaced, tags=set())).strip()


def _scripts(name: str) -> set[str]:
    found = set()
    for char in name:
        if char.isalpha():
            found.add(unicodedata.name(char, "UNKNOWN").split(" ")[0])
    return found


def clean_name(name: str) -> str:
    """A display name: compatibility forms folded (NFKC), invisible characters dropped, one
    alphabet only (so "Раypal" with a Cyrillic "Р" cannot pass for Latin), not a staff title."""
    name = " ".join(clean_text(unicodedata.normalize("NFKC", name)).split())
    if not name:
        raise MarkupError("Please enter your name.")
    if len(name) > 80:
        raise MarkupError("Your name is longer than 80 characters; please shorten it.")
    if any(unicodedata.category(char) in ("Cf", "Co", "Cs", "Cn") for char in name):
        raise MarkupError("Your name holds characters that cannot be shown; please retype it.")
    scripts = _scripts(name) - {"UNKNOWN"}
    if len(scripts) > 1:
        raise MarkupError(
            "Your name mixes alphabets ("
            + ", ".join(sorted(s.title() for s in scripts))
            + "); please write it in one, so it cannot be mistaken for someone else's."
        )
    if name.casefold() in RESERVED_NAMES:
        raise MarkupError(f"“{name}” is reserved for the newsroom; please use your own name.")
    return name
