"""An editor's review of a translation: every segment saved, corrections remembered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from lxml import etree

from gazette.articles.models import Article
from gazette.articles.services import article_apply_translation
from gazette.states import SegmentOrigin, TranslationOrigin, TranslationState
from gazette.translation.dispatch import Item
from gazette.translation.engines.base import LanguagePair
from gazette.translation.glossary import Glossary, glossary_for
from gazette.translation.memory import EDITOR, memory_store_many
from gazette.translation.models import ArticleTranslation
from gazette.translation.segments import (
    PLACEHOLDER,
    Close,
    Open,
    PlaceholderMismatch,
    Segment,
    Term,
    Token,
    Void,
    normalise,
)
from gazette.translation.services import (
    EDITORS_LABEL,
    FIELDS,
    Shown,
    field_documents,
    originals_hash,
    originals_of,
    render_fields,
    segments_json,
)


class ReviewError(ValueError):
    """An editor's translation that cannot be used; `str()` says which segment and why."""


# The article's fields in the newsroom's words (the review screen's labels).
FIELD_LABELS = {
    "title": "Headline",
    "standfirst": "Standfirst",
    "body_html": "Body",
    "image_caption": "Image caption",
    "image_alt": "Image description (alt text)",
}


@dataclass(frozen=True)
class ReviewRow:
    """One segment on the review screen: both sides as readable, highlighted HTML.

    `target` is the text the form sends back (placeholders and all); `target_html` shows it
    with glossary terms and inline markup as highlighted words the editor can see and keep.
    """

    number: int
    field: str
    label: str
    first_of_field: bool
    source_html: SafeString
    target: str
    target_html: SafeString
    origin: str
    editable: bool
    untranslated: bool


def origin_label(origin: str) -> str:
    """Where a segment's translation came from, in words."""
    if origin in (SegmentOrigin.EDITOR, EDITOR):
        return "Corrected by an editor"
    if origin == SegmentOrigin.KEPT:
        return "Kept: already in the site's language"
    if origin == SegmentOrigin.COPY:
        return "No words to translate"
    return f"Machine translation ({origin})" if origin else "Not translated yet"


def _describe(element: etree._Element | None) -> tuple[str, str]:
    """(CSS kind, tooltip) of an inline element of the original."""
    if element is None:
        return "markup", "Markup of the original"
    tag = str(element.tag)
    if tag == "a":
        return "link", f"Link to {element.get('href') or '(no address)'}"
    if tag in ("em", "i", "cite"):
        return "emphasis", "Emphasis (italic)"
    if tag in ("strong", "b"):
        return "strong", "Strong emphasis (bold)"
    if tag == "br":
        return "break", "Line break"
    if tag == "img":
        return "image", f"Image: {element.get('alt') or 'no description'}"
    return "markup", f"Formatting of the original ({tag})"


def _chip(kind: str, title: str, text: str, number: int, *, editable: bool) -> str:
    """A void placeholder or glossary term as a word the editor sees but cannot break."""
    lock = "" if not editable else ' contenteditable="false"'
    return (
        f'<mark class="ph ph-{kind}" data-x="{number}" title="{escape(title)}"{lock}>'
        f"{escape(text)}</mark>"
    )


def _term_title(term: Term) -> str:
    return f"Glossary: {term.source} → {term.target}"


def _source_html(segment: Segment, inline: list[etree._Element]) -> SafeString:
    parts: list[str] = []
    for token in segment.tokens:
        if isinstance(token, str):
            parts.append(escape(token))
        elif isinstance(token, Term):
            parts.append(
                f'<mark class="ph ph-term" title="{escape(_term_title(token))}">'
                f"{escape(token.source)}</mark>"
            )
        elif isinstance(token, Open):
            kind, title = _describe(inline[token.ref] if token.ref < len(inline) else None)
            parts.append(f'<span class="ph ph-{kind}" title="{escape(title)}">')
        elif isinstance(token, Close):
            parts.append("</span>")
        else:
            element = inline[token.ref] if token.ref < len(inline) else None
            kind, title = _describe(element)
            parts.append(
                f'<mark class="ph ph-{kind}" title="{escape(title)}">'
                f"{'↵' if kind == 'break' else '▣'}</mark>"
            )
    return mark_safe("".join(parts).strip())  # noqa: S308 - every text part is escaped


def _corrected_html(text: str, glossary: Glossary) -> str:
    """Escaped `text` with the glossary's output corrections applied and highlighted, as
    the public page will show them ("Kiev" → "Kyiv")."""
    if not glossary.corrections:
        return escape(text)
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(t) for t in sorted(glossary.corrections, key=len, reverse=True))
        + r")(?!\w)"
    )
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        wrong, right = match.group(1), glossary.corrections[match.group(1)]
        parts.append(escape(text[position : match.start()]))
        title = f"Glossary: {wrong} → {right} (corrected in every translation)"
        parts.append(f'<mark class="ph ph-term" title="{escape(title)}">{escape(right)}</mark>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def _target_html(
    segment: Segment,
    inline: list[etree._Element],
    target: str,
    *,
    editable: bool,
    glossary: Glossary | None = None,
) -> SafeString:
    """`target` with its placeholders as the highlighted words they stand for.

    A text whose placeholders do not match the original's is shown as it is (escaped), so
    the editor can see and repair it.
    """
    try:
        segment.rebuild(target)
    except PlaceholderMismatch:
        return mark_safe(escape(target))  # noqa: S308 - escaped
    glossary = glossary or Glossary()
    kinds = segment.placeholders()
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(target):
        parts.append(_corrected_html(target[position : match.start()], glossary))
        position = match.end()
        closing, kind, number_text, _self_closing = match.groups()
        number = int(number_text)
        token: Token = kinds[number][1]
        if kind == "x":
            if isinstance(token, Term):
                parts.append(
                    _chip("term", _term_title(token), token.target, number, editable=editable)
                )
            else:
                assert isinstance(token, Void)
                element = inline[token.ref] if token.ref < len(inline) else None
                what, title = _describe(element)
                text = "↵" if what == "break" else "▣"
                parts.append(_chip(what, title, text, number, editable=editable))
        elif closing:
            parts.append("</span>")
        else:
            assert isinstance(token, Open)
            what, title = _describe(inline[token.ref] if token.ref < len(inline) else None)
            parts.append(f'<span class="ph ph-{what}" data-g="{number}" title="{escape(title)}">')
    parts.append(_corrected_html(target[position:], glossary))
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped


def review_rows(
    translation: ArticleTranslation, targets: list[str] | None = None
) -> list[ReviewRow]:
    """The rows of the review screen, in the order of the stored segments.

    `targets` (an editor's submitted texts) replace the stored translations when given.
    A segment not translated yet starts as its original, glossary terms already rendered.
    """
    pair = LanguagePair(translation.source_language, translation.language)
    glossary = glossary_for(pair)
    documents = field_documents(originals_of(translation), glossary)
    located = [
        (field, segment, block.inline)
        for field, document in documents.items()
        for block in document.blocks
        for segment in block.segments
    ]
    stored = list(translation.segments)
    rows: list[ReviewRow] = []
    if len(located) != len(stored):  # the original changed since: show the stored text
        for index, old in enumerate(stored):
            target = targets[index] if targets and index < len(targets) else old.get("target", "")
            rows.append(
                ReviewRow(
                    number=index + 1,
                    field=str(old.get("field", "")),
                    label=FIELD_LABELS.get(str(old.get("field", "")), str(old.get("field", ""))),
                    first_of_field=index == 0 or stored[index - 1].get("field") != old.get("field"),
                    source_html=mark_safe(escape(old.get("source", ""))),  # noqa: S308
                    target=str(target),
                    target_html=mark_safe(escape(target)),  # noqa: S308
                    origin=origin_label(str(old.get("origin", ""))),
                    editable=False,
                    untranslated=not target,
                )
            )
        return rows
    previous = ""
    for index, ((field, segment, inline), old) in enumerate(zip(located, stored, strict=True)):
        target = targets[index] if targets is not None else str(old.get("target") or "")
        untranslated = segment.has_text and not target
        if untranslated:
            target = segment.source
        editable = segment.has_text
        rows.append(
            ReviewRow(
                number=index + 1,
                field=field,
                label=FIELD_LABELS.get(field, field),
                first_of_field=field != previous,
                source_html=_source_html(segment, inline),
                target=target,
                target_html=_target_html(
                    segment, inline, target, editable=editable, glossary=glossary
                ),
                origin=origin_label(str(old.get("origin") or "")),
                editable=editable,
                untranslated=untranslated,
            )
        )
        previous = field
    return rows


def translation_review(
    *,
    translation: ArticleTranslation,
    targets: list[str],
    editor: AbstractBaseUser,
    then: Shown | None,
    mark_reviewed: bool | None = None,
) -> ArticleTranslation:
    """Save an editor's version of every segment and enter the corrections in memory; with
    `then`, the article shows the translation and `then` follows (in the transaction).

    `targets` is one text per stored segment, in order, with the same placeholders. The
    translation is marked reviewed when the article shows it (`then`) unless `mark_reviewed`
    says otherwise; saved without showing it, it waits in review for someone who may publish.
    """
    if mark_reviewed is None:
        mark_reviewed = then is not None
    article = Article.objects.select_related("source").get(pk=translation.article_id)
    pair = LanguagePair(translation.source_language, translation.language)
    glossary = glossary_for(pair)
    originals = originals_of(translation)
    documents = field_documents(originals, glossary)
    items = [
        Item(field, segment)
        for field, document in documents.items()
        for segment in document.segments
    ]
    stored = list(translation.segments)
    if len(targets) != len(items) or len(stored) != len(items):
        raise ReviewError("the article changed since this translation was made; reload the page")
    corrections: list[tuple[str, str]] = []
    for number, (item, text, old) in enumerate(zip(items, targets, stored, strict=True), start=1):
        text = normalise(text)
        if item.segment.has_text and not text:
            raise ReviewError(
                f"Segment {number} ({FIELD_LABELS.get(item.field, item.field)}) is empty: "
                "write its translation."
            )
        try:
            item.tokens = (
                item.segment.rebuild(text) if item.segment.has_text else list(item.segment.tokens)
            )
        except PlaceholderMismatch as exc:
            raise ReviewError(
                f"Segment {number} ({FIELD_LABELS.get(item.field, item.field)}) lost or "
                f"changed a highlighted word or link of the original ({exc}). Keep every "
                "highlighted glossary term, link and emphasis; use “Undo changes” on the "
                "segment to start again."
            ) from None
        item.target = text
        item.origin = (
            SegmentOrigin.EDITOR if text != old.get("target") else str(old.get("origin", ""))
        )
        if text != old.get("target") and item.segment.has_text:
            corrections.append((item.segment.source, text))
    rendered = render_fields(documents, items, glossary)
    with transaction.atomic():
        memory_store_many(
            translations=corrections, pair=pair, engine=EDITOR, origin=TranslationOrigin.EDITOR
        )
        for field in FIELDS:
            setattr(translation, field, rendered.get(field, ""))
        translation.segments = segments_json(items)
        if not translation.engine:
            translation.engine, translation.engine_label = EDITOR, EDITORS_LABEL
        translation.source_hash = originals_hash(originals, glossary)
        translation.error = ""
        if mark_reviewed:
            translation.state = TranslationState.REVIEWED
            translation.reviewed_by = editor  # type: ignore[assignment]
            translation.reviewed_at = timezone.now()
        else:
            translation.state = TranslationState.IN_REVIEW
        translation.translated_at = translation.translated_at or timezone.now()
        translation.save()
        if then is not None:
            article_apply_translation(
                article=article,
                fields={f: rendered.get(f, "") for f in FIELDS},
                language=pair.target,
                from_language=pair.source,
            )
            then(article)
    return translation
