"""Every write of translation: translating an article, the memory, metering, review."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gazette.articles.models import Article
from gazette.articles.services import (
    article_apply_translation,
    article_store_detected_language,
    site_language,
)
from gazette.states import ArticleState, TranslationOrigin, TranslationState
from gazette.translation.detection import detect_language, is_language
from gazette.translation.engines.base import (
    EngineError,
    EngineOutputError,
    LanguagePair,
    TranslationEngine,
)
from gazette.translation.engines.registry import engine_label, engines_for
from gazette.translation.glossary import Glossary, glossary_for
from gazette.translation.models import (
    ArticleTranslation,
    EngineUsage,
    SourceTranslationPolicy,
    TranslationMemory,
)
from gazette.translation.segments import (
    PLACEHOLDER,
    Document,
    PlaceholderMismatch,
    Segment,
    Term,
    Token,
    markup_signature,
    normalise,
    segment_html,
    segment_text,
)

logger = logging.getLogger(__name__)

FIELDS = ("title", "standfirst", "body_html", "image_caption", "image_alt")
EDITOR = "editor"
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_GARBAGE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


class OverBudget(EngineError):
    """Sending this text would take the engine over TRANSLATION_DAILY_BUDGET today."""


def source_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


# --- Metering ------------------------------------------------------------------------


def engine_usage_today(engine: str) -> int:
    usage = EngineUsage.objects.filter(engine=engine, day=timezone.localdate()).first()
    return usage.characters if usage else 0


def engine_record_usage(*, engine: str, characters: int) -> None:
    """Add `characters` sent to `engine` today (one row per engine per day)."""
    day = timezone.localdate()
    updated = EngineUsage.objects.filter(engine=engine, day=day).update(
        characters=F("characters") + characters, requests=F("requests") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                EngineUsage.objects.create(
                    engine=engine, day=day, characters=characters, requests=1
                )
        except IntegrityError:  # another worker created today's row a moment ago
            EngineUsage.objects.filter(engine=engine, day=day).update(
                characters=F("characters") + characters, requests=F("requests") + 1
            )


def _check_budget(engine: TranslationEngine, characters: int) -> None:
    budget = settings.TRANSLATION_DAILY_BUDGET
    if engine.remote and budget and engine_usage_today(engine.name) + characters > budget:
        raise OverBudget(
            f"{engine.name}: {characters:,} more characters would pass today's budget of "
            f"{budget:,} (TRANSLATION_DAILY_BUDGET)"
        )


# --- Memory ----------------------------------------------------------------------------


def memory_lookup(
    *, texts: list[str], pair: LanguagePair, engine: str = "", model_version: str = ""
) -> dict[str, str]:
    """Stored translations of `texts`: editors' corrections first, then this engine's output."""
    hashes = {source_hash(text): text for text in texts}
    found: dict[str, str] = {}
    rows = TranslationMemory.objects.filter(
        source_hash__in=list(hashes),
        source_language=pair.source,
        target_language=pair.target,
    ).order_by("-updated_at")
    for row in rows:
        text = hashes[row.source_hash]
        if row.origin == TranslationOrigin.EDITOR or (
            engine
            and row.engine == engine
            and row.model_version == model_version
            and text not in found
        ):
            found[text] = row.target_text
    return found


def memory_store(
    *,
    source: str,
    target: str,
    pair: LanguagePair,
    engine: str,
    model_version: str = "",
    origin: str = TranslationOrigin.MACHINE,
) -> None:
    TranslationMemory.objects.update_or_create(
        source_hash=source_hash(source),
        source_language=pair.source,
        target_language=pair.target,
        engine=engine,
        model_version=model_version,
        defaults={"source_text": normalise(source), "target_text": target, "origin": origin},
    )


# --- Engines ---------------------------------------------------------------------------


def check_output(engine: TranslationEngine, sent: list[str], received: list[str]) -> None:
    """Refuse an answer that is not a translation of what was sent; the reason names it."""
    if len(received) != len(sent):
        raise EngineOutputError(
            f"{engine.name} returned {len(received)} translations for {len(sent)} segments"
        )
    for number, (source, target) in enumerate(zip(sent, received, strict=True), start=1):
        if not isinstance(target, str) or (source.strip() and not target.strip()):
            raise EngineOutputError(
                f"{engine.name} returned an empty translation for segment {number}"
            )
        if _HTML_TAG.search(PLACEHOLDER.sub("", target)) and not _HTML_TAG.search(
            PLACEHOLDER.sub("", source)
        ):
            raise EngineOutputError(
                f"{engine.name} returned HTML in segment {number}: {target[:120]!r}"
            )
        if _GARBAGE.search(target) or len(target) > 4 * len(source) + 80:
            raise EngineOutputError(
                f"{engine.name} returned garbage for segment {number}: {target[:120]!r}"
            )


def _engine_translate(
    engine: TranslationEngine, texts: list[str], pair: LanguagePair, glossary: Glossary
) -> dict[str, str]:
    """Translate unique texts with one engine, using and filling the memory; metered."""
    version = engine.model_version(pair)
    unique = list(dict.fromkeys(texts))
    done = memory_lookup(texts=unique, pair=pair, engine=engine.name, model_version=version)
    missing = [text for text in unique if text not in done]
    _check_budget(engine, sum(len(text) for text in missing))
    for batch in engine.batches(missing):
        received = engine.translate(batch, pair=pair, glossary=glossary.terms)
        engine_record_usage(engine=engine.name, characters=sum(len(text) for text in batch))
        check_output(engine, batch, received)
        for source, target in zip(batch, received, strict=True):
            target = normalise(target)
            memory_store(
                source=source, target=target, pair=pair, engine=engine.name, model_version=version
            )
            done[source] = target
    return done


@dataclass
class Item:
    """One segment of one field on its way through translation."""

    field: str
    segment: Segment
    target: str = ""
    origin: str = ""
    tokens: list[Token] | None = None


def _placeholder_text(segment: Segment, tokens: list[Token]) -> str:
    numbers = segment._numbering()
    parts: list[str] = []
    for token in tokens:
        if isinstance(token, str):
            parts.append(token)
        elif isinstance(token, Term):
            match = [n for key, n in numbers.items() if key == id(token)]
            parts.append(f"<x{match[0]}/>" if match else token.target)
        else:
            tag = {"Open": "<g{}>", "Close": "</g{}>", "Void": "<x{}/>"}[type(token).__name__]
            parts.append(tag.format(numbers[token.ref]))
    return normalise("".join(parts))


def _translate_items(
    engine: TranslationEngine, items: list[Item], pair: LanguagePair, glossary: Glossary
) -> None:
    whole = [item for item in items if not item.segment.is_long]
    done = _engine_translate(engine, [item.segment.source for item in whole], pair, glossary)
    piecewise = [item for item in items if item.segment.is_long]
    for item in whole:
        try:
            item.tokens = item.segment.rebuild(done[item.segment.source])
            item.target, item.origin = done[item.segment.source], engine.name
        except PlaceholderMismatch as exc:
            logger.info("segment translated piece by piece (%s): %s", exc, item.segment.source[:80])
            piecewise.append(item)
    if piecewise:
        pieces = [piece for item in piecewise for piece in item.segment.pieces()]
        done = _engine_translate(engine, pieces, pair, glossary)
        for item in piecewise:
            item.tokens = item.segment.rebuild_from_pieces(
                [done[piece] for piece in item.segment.pieces()]
            )
            item.target = _placeholder_text(item.segment, item.tokens)
            item.origin = engine.name


# --- Articles ----------------------------------------------------------------------------


def _documents(originals: dict[str, str], glossary: Glossary) -> dict[str, Document]:
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


def _article_hash(originals: dict[str, str], glossary: Glossary) -> str:
    payload = [originals.get(field, "") for field in FIELDS] + [glossary.fingerprint()]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def originals_of(translation: ArticleTranslation) -> dict[str, str]:
    return {field: str(getattr(translation, f"original_{field}")) for field in FIELDS}


def _store_originals(translation: ArticleTranslation, originals: dict[str, str]) -> None:
    for field, value in originals.items():
        setattr(translation, f"original_{field}", value)


def _holds_for_review(article: Article) -> bool:
    policy = SourceTranslationPolicy.objects.filter(source=article.source_id).first()
    if policy is not None:
        return policy.review_machine_translations
    return not article.source.auto_publish


def _render(
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


def _enqueue(article_id: int, *, run_after: datetime | None = None) -> None:
    from gazette.translation.tasks import translate_article

    task = translate_article
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # an editor retries from the admin
        task = task.using(run_after=run_after)
    task.enqueue(article_id)


def translation_source_updated(*, article: Article) -> None:
    """The article was (re-)extracted in another language: queue its translation on commit.

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
    article_id = article.pk
    transaction.on_commit(lambda: _enqueue(article_id))


def _record_wait(
    translation: ArticleTranslation, *, state: str, error: str, retry_at: datetime | None
) -> ArticleTranslation:
    translation.state = state
    translation.error = error[:4000]
    translation.next_attempt_at = retry_at
    if state == TranslationState.FAILED:
        translation.attempts += 1
    translation.save()
    if retry_at is not None:
        article_id = translation.article_id
        transaction.on_commit(lambda: _enqueue(article_id, run_after=retry_at))
    return translation


def _next_midnight() -> datetime:
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def article_translate(*, article_id: int) -> ArticleTranslation | None:
    """Translate the article into the site's language, or record why it waits.

    All of the translation is computed before anything is written; the article is published
    (when its source allows) only with a complete translation, never half-translated.
    """
    article = Article.objects.select_related("source").get(pk=article_id)
    target = site_language()
    if article.state not in (ArticleState.AWAITING_TRANSLATION, ArticleState.PUBLISHED):
        return None
    translation = ArticleTranslation.objects.filter(article=article).first()
    if article.language != target:
        originals = {field: str(getattr(article, field) or "") for field in FIELDS}
        sample = f"{article.title}\n{article.standfirst}\n{article.body_html[:3000]}"
        detected = detect_language(
            re.sub(r"<[^>]+>", " ", sample), extra=(article.language, target)
        )
        if detected == target and translation is None:
            article_store_detected_language(article=article, language=target)
            return None
        source_language = detected if detected and detected != target else article.language
    elif translation is not None and translation.original_title:
        originals, source_language = originals_of(translation), translation.source_language
    else:
        return None
    pair = LanguagePair(source_language, target)
    glossary = glossary_for(pair)
    if translation is None:
        translation = ArticleTranslation(article=article)
    digest = _article_hash(originals, glossary)
    if translation.source_hash == digest and translation.translated_at is not None:
        return translation  # nothing changed since the last translation
    _store_originals(translation, originals)
    documents = _documents(originals, glossary)
    items = [
        Item(field, segment)
        for field, document in documents.items()
        for segment in document.segments
    ]
    for item in items:
        if not item.segment.has_text:
            item.tokens, item.target, item.origin = (
                list(item.segment.tokens),
                item.segment.source,
                "copy",
            )
        elif is_language(item.segment.text, target, extra=(pair.source,)):
            # A quote or name already in the site's language stays as it is.
            item.tokens, item.target, item.origin = (
                list(item.segment.tokens),
                item.segment.source,
                "kept",
            )
    editors = memory_lookup(texts=[i.segment.source for i in items if i.tokens is None], pair=pair)
    for item in items:
        if item.tokens is None and item.segment.source in editors:
            try:
                item.tokens = item.segment.rebuild(editors[item.segment.source])
                item.target, item.origin = editors[item.segment.source], EDITOR
            except PlaceholderMismatch:
                pass
    engines = engines_for(pair)
    used: list[TranslationEngine] = []
    errors: list[str] = []
    budget_only = True
    for engine in engines:
        pending = [item for item in items if item.tokens is None]
        if not pending:
            break
        if problem := engine.problem(pair):
            errors.append(f"{engine.name}: {problem}")
            budget_only = False
            continue
        try:
            _translate_items(engine, pending, pair, glossary)
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
            translation.segments = _segments_json(items)
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
            timezone.now() + timedelta(seconds=settings.RETRY_BASE_SECONDS * 2 ** (attempts - 1))
            if attempts < settings.MAX_ATTEMPTS
            else None
        )
        return _record_wait(
            translation,
            state=TranslationState.FAILED,
            error="; ".join(errors) or "no engine could translate the article",
            retry_at=retry_at,
        )
    rendered = _render(documents, items, glossary)
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
        translation.segments = _segments_json(items)
        translation.engine = ",".join(engine.name for engine in used) or "memory"
        translation.engine_label = " and ".join(engine.label for engine in used) or engine_label(
            engines[0].name if engines else EDITOR
        )
        translation.model_version = ",".join(engine.model_version(pair) for engine in used)
        translation.source_hash = digest
        translation.state = TranslationState.IN_REVIEW if hold else TranslationState.TRANSLATED
        translation.error = ""
        translation.attempts = 0
        translation.next_attempt_at = None
        translation.characters_sent = sum(
            len(i.segment.source) for i in items if i.origin not in ("copy", "kept", EDITOR)
        )
        translation.segments_from_memory = sum(1 for i in items if i.origin == EDITOR)
        translation.reviewed_by = None
        translation.reviewed_at = None
        translation.translated_at = timezone.now()
        translation.save()
        if not hold:
            article_apply_translation(
                article=article, fields={f: rendered.get(f, "") for f in FIELDS}, language=target
            )
    return translation


def _segments_json(items: list[Item]) -> list[dict[str, str]]:
    return [
        {
            "field": item.field,
            "source": item.segment.source,
            "target": item.target,
            "origin": item.origin,
        }
        for item in items
    ]


# --- Review -------------------------------------------------------------------------------


class ReviewError(ValueError):
    """An editor's translation that cannot be used; `str()` says which segment and why."""


def translation_review(
    *,
    translation: ArticleTranslation,
    targets: list[str],
    editor: AbstractBaseUser,
    publish: bool = True,
) -> ArticleTranslation:
    """Save an editor's version of every segment, enter corrections in memory, publish.

    `targets` is one text per stored segment, in order, with the same placeholders.
    """
    article = Article.objects.select_related("source").get(pk=translation.article_id)
    pair = LanguagePair(translation.source_language, translation.language)
    glossary = glossary_for(pair)
    originals = originals_of(translation)
    documents = _documents(originals, glossary)
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
        item.origin = EDITOR if text != old.get("target") else str(old.get("origin", ""))
        if text != old.get("target") and item.segment.has_text:
            corrections.append((item.segment.source, text))
    rendered = _render(documents, items, glossary)
    with transaction.atomic():
        for source, target in corrections:
            memory_store(
                source=source,
                target=target,
                pair=pair,
                engine=EDITOR,
                origin=TranslationOrigin.EDITOR,
            )
        for field in FIELDS:
            setattr(translation, field, rendered.get(field, ""))
        translation.segments = _segments_json(items)
        if not translation.engine:
            translation.engine, translation.engine_label = EDITOR, "our editors"
        translation.source_hash = _article_hash(originals, glossary)
        translation.state = TranslationState.REVIEWED
        translation.error = ""
        translation.reviewed_by = editor  # type: ignore[assignment]
        translation.reviewed_at = timezone.now()
        translation.translated_at = translation.translated_at or timezone.now()
        translation.save()
        if publish:
            article_apply_translation(
                article=article,
                fields={f: rendered.get(f, "") for f in FIELDS},
                language=pair.target,
            )
    return translation


def translation_retry(*, translation: ArticleTranslation) -> None:
    """Editor's retry: forget the failure and translate again."""
    ArticleTranslation.objects.filter(pk=translation.pk).update(
        state=TranslationState.QUEUED, attempts=0, next_attempt_at=None, source_hash=""
    )
    article_id = translation.article_id
    transaction.on_commit(lambda: _enqueue(article_id))
