"""Translating an article: into the site's language, all fields at once, or recording why it
waits; and queueing that work when an article's text changes or an editor retries."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gazette.articles.models import Article
from gazette.articles.services import article_apply_translation, article_store_detected_language
from gazette.lib.retry import backoff_delay
from gazette.states import ArticleState, SegmentOrigin, TranslationState
from gazette.translation.detection import detect_language, is_language
from gazette.translation.dispatch import Item, translate_items
from gazette.translation.engines.base import EngineError, LanguagePair, TranslationEngine
from gazette.translation.engines.registry import engines_for
from gazette.translation.glossary import Glossary, glossary_for
from gazette.translation.memory import EDITOR, Memory
from gazette.translation.metering import OverBudget
from gazette.translation.models import ArticleTranslation, SourceTranslationPolicy
from gazette.translation.segments import (
    Document,
    PlaceholderMismatch,
    markup_signature,
    segment_html,
    segment_text,
)

logger = logging.getLogger(__name__)

FIELDS = ("title", "standfirst", "body_html", "image_caption", "image_alt")
EDITORS_LABEL = "our editors"  # "Translated from German by our editors"
# The flow's next step once an article shows the site's language (called in the transaction).
Shown = Callable[[Article], None]


def segments_to_translate(originals: Mapping[str, str], pair: LanguagePair) -> list[str]:
    """The texts of `originals` (FIELDS) an engine or an editor translates, in order and
    once each, as the memory keys them (inline markup and glossary terms as placeholders)."""
    documents = field_documents(dict(originals), glossary_for(pair))
    texts = [seg.source for doc in documents.values() for seg in doc.segments if seg.has_text]
    return list(dict.fromkeys(texts))


def field_documents(originals: dict[str, str], glossary: Glossary) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for field, value in originals.items():
        if not value.strip():
            continue
        documents[field] = (
            segment_html(value, terms=glossary.terms)
            if field == "body_html"
            else segment_text(value, terms=glossary.terms)
        )
    return documents


def originals_hash(originals: dict[str, str], glossary: Glossary) -> str:
    payload = [originals.get(field, "") for field in FIELDS] + [glossary.fingerprint()]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def originals_of(translation: ArticleTranslation) -> dict[str, str]:
    return {field: str(getattr(translation, f"original_{field}")) for field in FIELDS}


def _store_originals(translation: ArticleTranslation, originals: dict[str, str]) -> None:
    for field, value in originals.items():
        setattr(translation, f"original_{field}", value)


def _holds_for_review(article: Article) -> bool:
    try:
        policy = article.source.translation_policy
    except SourceTranslationPolicy.DoesNotExist:
        return not article.source.auto_publish
    return policy.review_machine_translations


def render_fields(
    documents: dict[str, Document], items: list[Item], glossary: Glossary
) -> dict[str, str]:
    rendered: dict[str, str] = {}
    for field, document in documents.items():
        translations = [
            [glossary.correct(t) if isinstance(t, str) else t for t in (item.tokens or [])]
            for item in items
            if item.field == field
        ]
        rendered[field] = document.render(translations)
    return rendered


def translation_source_updated(*, article: Article) -> None:
    """The article was (re-)extracted in another language; the flow translates it next.

    When a translation of it is already on show, the new original text goes to the
    translation and the article keeps showing the last translation until the new one is
    done, so readers never see the untranslated text.
    """
    translation = ArticleTranslation.objects.filter(article=article).first()
    if translation is not None and translation.translated_at is not None:
        _store_originals(translation, {field: str(getattr(article, field)) for field in FIELDS})
        translation.source_language = article.language
        translation.save()
        shown = {field: str(getattr(translation, field)) for field in FIELDS}
        for field, value in shown.items():
            setattr(article, field, value)
        article.language = translation.language
        article.save(update_fields=[*FIELDS, "language", "updated_at"])
    if translation is not None and not translation.is_complete:
        ArticleTranslation.objects.filter(pk=translation.pk).update(
            state=TranslationState.QUEUED, next_attempt_at=None
        )


def _record_wait(
    translation: ArticleTranslation, *, state: str, error: str, retry_at: datetime | None
) -> ArticleTranslation:
    translation.state = state
    translation.error = error[:4000]
    translation.next_attempt_at = retry_at
    if state == TranslationState.FAILED:
        translation.attempts += 1
    translation.save()  # the flow tries again at `next_attempt_at`
    return translation


def _next_midnight() -> datetime:
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def _detection_sample(originals: dict[str, str]) -> str:
    """The text language detection reads: title, standfirst and the start of the body."""
    body = originals.get("body_html", "")[:3000]
    return f"{originals.get('title', '')}\n{originals.get('standfirst', '')}\n{body}"


def _source_language(
    article: Article, translation: ArticleTranslation | None, originals: dict[str, str]
) -> str:
    """The language to translate from: detected, or the one found last time for the same text.

    Returns the site's language when the article turns out to be in it.
    """
    target = settings.SITE_LANGUAGE
    sample = _detection_sample(originals)
    if (
        translation is not None
        and translation.source_language
        and translation.source_language != target
        and _detection_sample(originals_of(translation)) == sample
    ):
        return translation.source_language  # the same text reads as the same language
    detected = detect_language(re.sub(r"<[^>]+>", " ", sample), extra=(article.language, target))
    if detected == target and translation is None:
        return target
    return detected if detected and detected != target else article.language


def _engine_versions(engines: list[TranslationEngine], pair: LanguagePair) -> dict[str, str]:
    """The model version of each engine able to serve `pair` (what its memory entries carry)."""
    return {
        engine.name: engine.model_version(pair) for engine in engines if not engine.problem(pair)
    }


def article_translate(*, article_id: int, then: Shown) -> ArticleTranslation | None:
    """Translate the article into the site's language, or record why it waits.

    All of the translation is computed before anything is written; the article shows it
    (and `then` is called with it, in the same transaction) only when it is complete, never
    half-translated, and not when the source's policy holds it for an editor's review.
    `then` is also called when the article turns out to be in the site's language already.

    What the cost of a re-translation scales with is the text that changed: the memory of
    every segment is read in one query, only segments the memory cannot serve are checked
    for being in the site's language already, and only the new ones reach an engine.
    """
    article = (
        Article.objects.select_related("source", "source__translation_policy", "translation")
        # Only what translating reads: building the SQL of all 94 columns cost more than
        # running it. The translation is read whole, as it is saved whole.
        .only(
            *FIELDS,
            "state",
            "language",
            "made_public_at",
            "source__auto_publish",
            "source__translation_policy__review_machine_translations",
            "translation",
        )
        .get(pk=article_id)
    )
    target = settings.SITE_LANGUAGE
    if article.state not in (ArticleState.AWAITING_TRANSLATION, ArticleState.PUBLISHED):
        return None
    try:
        translation: ArticleTranslation | None = article.translation
    except ArticleTranslation.DoesNotExist:
        translation = None
    if article.language != target:
        originals = {field: str(getattr(article, field) or "") for field in FIELDS}
        source_language = _source_language(article, translation, originals)
        if source_language == target:
            with transaction.atomic():
                article_store_detected_language(article=article, language=target)
                then(article)
            return None
    elif translation is not None and translation.original_title:
        originals, source_language = originals_of(translation), translation.source_language
    else:
        return None
    pair = LanguagePair(source_language, target)
    glossary = glossary_for(pair)
    if translation is None:
        translation = ArticleTranslation(article=article)
    digest = originals_hash(originals, glossary)
    if translation.source_hash == digest and translation.translated_at is not None:
        return translation  # nothing changed since the last translation
    _store_originals(translation, originals)
    documents = field_documents(originals, glossary)
    items = [
        Item(field, segment)
        for field, document in documents.items()
        for segment in document.segments
    ]
    for item in items:
        if not item.segment.has_text:
            item.tokens, item.origin = list(item.segment.tokens), SegmentOrigin.COPY
            item.target = item.segment.source
    engines = engines_for(pair)
    versions = _engine_versions(engines, pair)
    texts = [item for item in items if item.tokens is None]
    memory = Memory(pair).load(item.segment.source for item in texts)
    for item in texts:
        source = item.segment.source
        corrected = memory.editor(source)
        if corrected is not None:
            try:
                item.tokens = item.segment.rebuild(corrected)
                item.target, item.origin = corrected, SegmentOrigin.EDITOR
                continue
            except PlaceholderMismatch:
                pass
        if any(
            memory.machine(source, name, version) is not None for name, version in versions.items()
        ):
            continue  # translated before, so not in the site's language: no detection needed
        if is_language(item.segment.text, target, extra=(pair.source,)):
            # A quote or name already in the site's language stays as it is.
            item.tokens, item.target = list(item.segment.tokens), source
            item.origin = SegmentOrigin.KEPT
    used: list[TranslationEngine] = []
    errors: list[str] = []
    budget_only = True
    for engine in engines:
        pending = [item for item in items if item.tokens is None]
        if not pending:
            break
        if engine.name not in versions:
            errors.append(f"{engine.name}: {engine.problem(pair)}")
            budget_only = False
            continue
        try:
            translate_items(
                engine, pending, pair, glossary, version=versions[engine.name], memory=memory
            )
            used.append(engine)
        except OverBudget as exc:
            errors.append(str(exc))
        except EngineError as exc:
            logger.warning(
                "translation of article %s by %s failed: %s", article.pk, engine.name, exc
            )
            errors.append(f"{engine.name}: {exc}")
            budget_only = False
            for item in pending:
                if item.origin == engine.name:
                    item.tokens, item.target, item.origin = None, "", ""
    pending = [item for item in items if item.tokens is None]
    translation.source_language = pair.source
    translation.language = target
    if pending:
        if not engines:
            translation.segments = segments_json(items)
            translation.source_hash = ""
            return _record_wait(
                translation,
                state=TranslationState.WAITING_FOR_HUMAN,
                error=f"No translation engine is configured for {pair.source}→{pair.target}; "
                "an editor can translate it on the review screen (TRANSLATION_ENGINES).",
                retry_at=None,
            )
        if budget_only and errors:
            return _record_wait(
                translation,
                state=TranslationState.WAITING_FOR_BUDGET,
                error="; ".join(errors),
                retry_at=_next_midnight(),
            )
        attempts = translation.attempts + 1
        retry_at = (
            timezone.now()
            + backoff_delay(
                attempts,
                base_seconds=settings.RETRY_BASE_SECONDS,
                max_seconds=settings.RETRY_MAX_SECONDS,
            )
            if attempts < settings.MAX_ATTEMPTS
            else None
        )
        return _record_wait(
            translation,
            state=TranslationState.FAILED,
            error="; ".join(errors) or "no engine could translate the article",
            retry_at=retry_at,
        )
    rendered = render_fields(documents, items, glossary)
    if "body_html" in rendered and markup_signature(rendered["body_html"]) != markup_signature(
        originals["body_html"]
    ):
        return _record_wait(
            translation,
            state=TranslationState.FAILED,
            error="the translated body lost or gained markup; not published",
            retry_at=None,
        )
    hold = _holds_for_review(article)
    with transaction.atomic():
        for field in FIELDS:
            setattr(translation, field, rendered.get(field, ""))
        translation.segments = segments_json(items)
        # No engine at work: every segment came from the editors' memory (or needed none).
        translation.engine = ",".join(engine.name for engine in used) or EDITOR
        translation.engine_label = " and ".join(engine.label for engine in used) or EDITORS_LABEL
        translation.model_version = ",".join(versions[engine.name] for engine in used)
        translation.source_hash = digest
        translation.state = TranslationState.IN_REVIEW if hold else TranslationState.TRANSLATED
        translation.error = ""
        translation.attempts = 0
        translation.next_attempt_at = None
        translation.characters_sent = sum(
            len(i.segment.source)
            for i in items
            if i.origin not in (SegmentOrigin.COPY, SegmentOrigin.KEPT, SegmentOrigin.EDITOR)
        )
        translation.segments_from_memory = sum(1 for i in items if i.origin == SegmentOrigin.EDITOR)
        translation.reviewed_by = None
        translation.reviewed_at = None
        translation.translated_at = timezone.now()
        translation.save()
        if not hold:
            article_apply_translation(
                article=article,
                fields={f: rendered.get(f, "") for f in FIELDS},
                language=target,
                from_language=pair.source,
            )
            then(article)
    return translation


def segments_json(items: list[Item]) -> list[dict[str, str]]:
    return [
        {
            "field": item.field,
            "source": item.segment.source,
            "target": item.target,
            "origin": item.origin,
        }
        for item in items
    ]


def translation_retry(*, translation: ArticleTranslation) -> None:
    """Editor's retry: forget the failure, so the flow's next run translates it afresh."""
    ArticleTranslation.objects.filter(pk=translation.pk).update(
        state=TranslationState.QUEUED, attempts=0, next_attempt_at=None, source_hash=""
    )
