"""A readable difference between two versions of an article: word by word, per paragraph.

Editors compare what a reader sees, not markup: each version's text is split into its
paragraphs (`html_to_text`), and changed words are marked `<del>`/`<ins>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gazette.lib.html_clean import html_to_text

FIELD_LABELS = {"title": "Headline", "standfirst": "Standfirst", "body_html": "Text"}


class Version(Protocol):
    title: str
    standfirst: str
    body_html: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    changed: bool
    html: SafeString


def _words(text: str) -> list[str]:
    return re.findall(r"\S+|\n", text)


def _mark(old: str, new: str) -> SafeString:
    """`new` with the words it drops from `old` struck through and the words it adds marked."""
    a, b = _words(old), _words(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    html = " ".join(part for part in out if part).replace(" \n ", "\n").replace("\n", "<br>")
    return mark_safe(html)  # noqa: S308 - every piece above is escaped


def _plain(version: Version, field: str) -> str:
    value = getattr(version, field) or ""
    return html_to_text(value) if field == "body_html" else value


def versions_diff(old: Version, new: Version) -> list[FieldDiff]:
    """Headline, standfirst and text of `new` against `old`, each marked where it changed."""
    diffs = []
    for field, label in FIELD_LABELS.items():
        before, after = _plain(old, field), _plain(new, field)
        diffs.append(FieldDiff(label=label, changed=before != after, html=_mark(before, after)))
    return diffs
