"""An editor's review of a translation: every segment saved, corrections remembered."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from gazette.articles.models import Article
from gazette.articles.services import article_apply_translation
from gazette.states import SegmentOrigin, TranslationOrigin, TranslationState
from gazette.translation.dispatch import Item
from gazette.translation.engines.base import LanguagePair
from gazette.translation.glossary import glossary_for
from gazette.translation.memory import EDITOR, memory_store_many
from gazette.translation.models import ArticleTranslation
from gazette.translation.segments import PlaceholderMismatch, normalise
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


def translation_review(
    *,
    translation: ArticleTranslation,
    targets: list[str],
    editor: AbstractBaseUser,
    then: Shown | None,
) -> ArticleTranslation:
    """Save an editor's version of every segment and enter the corrections in memory; with
    `then`, the article shows the translation and `then` follows (in the transaction).

    `targets` is one text per stored segment, in order, with the same placeholders.
    """
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
            raise ReviewError(f"segment {number} has no translation")
        try:
            item.tokens = (
                item.segment.rebuild(text) if item.segment.has_text else list(item.segment.tokens)
            )
        except PlaceholderMismatch as exc:
            raise ReviewError(f"segment {number}: {exc}; keep every <g1>…</g1> and <x1/>") from None
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
        translation.state = TranslationState.REVIEWED
        translation.error = ""
        translation.reviewed_by = editor  # type: ignore[assignment]
        translation.reviewed_at = timezone.now()
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
