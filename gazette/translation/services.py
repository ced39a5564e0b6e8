"""Every write of translation: translating an article, the memory, metering, review."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
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
from gazette.translation.engines.registry import engines_for
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
EDITORS_LABEL = "our editors"  # "Translated from German by our editors"
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_GARBAGE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


class OverBudget(EngineError):
    """Sending this text would take the engine over TRANSLATION_DAILY_BUDGET today."""


@lru_cache(maxsize=8192)
def source_hash(text: str) -> str:
    """The memory's key of a text (its normalised form's SHA-256); the same text comes often."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


# --- Metering ------------------------------------------------------------------------


def engine_usage_today(engine: str) -> int:
    usage = EngineUsage.objects.filter(engine=engine, day=timezone.localdate()).first()
    return usage.characters if usage else 0


def engine_record_usage(*, engine: str, characters: int) -> None:
    """Add `characters` sent to `engine` today (one row per engine per day)."""
    day = timezone.localdate()
    connection = connections[router.db_for_write(EngineUsage)]
    if connection.vendor in ("sqlite", "postgresql"):
        # One statement, atomic in the database: no lost count when two workers start a day.
        with connection.cursor() as cursor:
            cursor.execute(
                _usage_upsert(connection.ops.quote_name),
                [engine, connection.ops.adapt_datefield_value(day), characters],
            )
        return
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


def _usage_upsert(quote: Callable[[str], str]) -> str:
    """INSERT … ON CONFLICT adding to today's row (SQLite ≥ 3.24 and PostgreSQL ≥ 9.5)."""
    table = quote(EngineUsage._meta.db_table)
    engine, day, characters, requests = map(quote, ("engine", "day", "characters", "requests"))
    return (
        f"INSERT INTO {table} ({engine}, {day}, {characters}, {requests}) "  # noqa: S608
        f"VALUES (%s, %s, %s, 1) ON CONFLICT ({engine}, {day}) DO UPDATE SET "
        f"{characters} = {table}.{characters} + excluded.{characters}, "
        f"{requests} = {table}.{requests} + excluded.{requests}"
    )


def _check_budget(engine: TranslationEngine, characters: int) -> None:
    budget = settings.TRANSLATION_DAILY_BUDGET
    if engine.remote and budget and engine_usage_today(engine.name) + characters > budget:
        raise OverBudget(
            f"{engine.name}: {characters:,} more characters would pass today's budget of "
            f"{budget:,} (TRANSLATION_DAILY_BUDGET)"
        )


# --- Memory ----------------------------------------------------------------------------

# Hashes per IN (...) query: below SQLite's oldest limit of 999 variables, with room to spare.
_LOOKUP_CHUNK = 500
MEMORY_KEY = ["source_hash", "source_language", "target_language", "engine", "model_version"]


def _memory_entries(digests: list[str], pair: LanguagePair) -> list[tuple[str, ...]]:
    """(source_hash, engine, model_version, origin, target_text) of `digests`, newest first.

    Written as SQL because the ORM took ten times as long to build this query as the
    database took to answer it, on every article.
    """
    connection = connections[router.db_for_read(TranslationMemory)]
    q = connection.ops.quote_name
    sql = (
        f"SELECT {q('source_hash')}, {q('engine')}, {q('model_version')}, {q('origin')}, "  # noqa: S608
        f"{q('target_text')} FROM {q(TranslationMemory._meta.db_table)} "
        f"WHERE {q('source_hash')} IN ({', '.join(['%s'] * len(digests))}) "
        f"AND {q('source_language')} = %s AND {q('target_language')} = %s "
        f"ORDER BY {q('updated_at')} DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*digests, pair.source, pair.target])
        return cursor.fetchall()


@dataclass(frozen=True)
class Remembered:
    """One memory entry, as much of it as choosing a translation needs."""

    engine: str
    model_version: str
    origin: str
    target_text: str


@dataclass
class Memory:
    """The memory's entries for the texts of one article and language pair, read in bulk.

    `load` reads the entries of every text not read yet in one query (per 500 texts), so an
    article costs one lookup whatever its length; editors' corrections and each engine's
    output are then picked from what was read.
    """

    pair: LanguagePair
    rows: dict[str, list[Remembered]] = dataclasses.field(default_factory=dict)  # by hash

    def load(self, texts: Iterable[str]) -> Memory:
        wanted = dict.fromkeys(source_hash(text) for text in texts)
        missing = [digest for digest in wanted if digest not in self.rows]
        for start in range(0, len(missing), _LOOKUP_CHUNK):
            chunk = missing[start : start + _LOOKUP_CHUNK]
            for digest in chunk:
                self.rows[digest] = []
            for digest, *entry in _memory_entries(chunk, self.pair):
                self.rows[digest].append(Remembered(*entry))
        return self

    def editor(self, text: str) -> str | None:
        """The newest editor's correction of `text`, if any."""
        for entry in self.rows.get(source_hash(text), ()):
            if entry.origin == TranslationOrigin.EDITOR:
                return entry.target_text
        return None

    def machine(self, text: str, engine: str, model_version: str) -> str | None:
        """What `engine` with `model_version` made of `text` before, if anything."""
        for entry in self.rows.get(source_hash(text), ()):
            if entry.engine == engine and entry.model_version == model_version:
                return entry.target_text
        return None

    def remember(self, row: TranslationMemory) -> None:
        entry = Remembered(row.engine, row.model_version, row.origin, row.target_text)
        self.rows.setdefault(row.source_hash, []).insert(0, entry)


def memory_lookup(
    *, texts: list[str], pair: LanguagePair, engine: str = "", model_version: str = ""
) -> dict[str, str]:
    """Stored translations of `texts`: editors' corrections first, then this engine's output."""
    memory = Memory(pair).load(texts)
    found: dict[str, str] = {}
    for text in texts:
        target = memory.editor(text)
        if target is None and engine:
            target = memory.machine(text, engine, model_version)
        if target is not None:
            found[text] = target
    return found


def memory_store_many(
    *,
    translations: Iterable[tuple[str, str]],
    pair: LanguagePair,
    engine: str,
    model_version: str = "",
    origin: str = TranslationOrigin.MACHINE,
) -> list[TranslationMemory]:
    """Store (source, target) pairs in one statement, replacing what the same key held."""
    rows: dict[str, TranslationMemory] = {}
    for source, target in translations:
        digest = source_hash(source)
        rows[digest] = TranslationMemory(  # one row per key: an upsert may touch a row once
            source_hash=digest,
            source_text=normalise(source),
            source_language=pair.source,
            target_language=pair.target,
            engine=engine,
            model_version=model_version,
            target_text=target,
            origin=origin,
        )
    if not rows:
        return []
    connection = connections[router.db_for_write(TranslationMemory)]
    if (
        connection.vendor in ("sqlite", "postgresql")
        and connection.features.can_return_rows_from_bulk_insert
    ):
        _memory_upsert(connection, list(rows.values()))
        return list(rows.values())
    features = connections[TranslationMemory.objects.db].features
    TranslationMemory.objects.bulk_create(
        list(rows.values()),
        update_conflicts=True,
        # MySQL upserts on any unique key and refuses to be told which one.
        unique_fields=(MEMORY_KEY if features.supports_update_conflicts_with_target else None),
        update_fields=["source_text", "target_text", "origin", "updated_at"],
    )
    return list(rows.values())


_MEMORY_COLUMNS = (
    *MEMORY_KEY,
    *("source_text", "target_text", "origin", "hits", "created_at", "updated_at"),
)
_MEMORY_UPDATED = ("source_text", "target_text", "origin", "updated_at")


def _memory_upsert(connection: BaseDatabaseWrapper, rows: list[TranslationMemory]) -> None:
    """What bulk_create(update_conflicts=True) does on SQLite and PostgreSQL, as SQL.

    The ORM took longer to build the statement than the database took to run it, once or
    twice per article. Like bulk_create, it sets `updated_at` and each row's primary key.
    """
    now = timezone.now()
    q, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    fields = [TranslationMemory._meta.get_field(name) for name in _MEMORY_COLUMNS]
    row_placeholders = f"({', '.join(['%s'] * len(_MEMORY_COLUMNS))})"
    size = connection.ops.bulk_batch_size(fields, rows)
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        values: list[Any] = []
        for row in batch:
            row.updated_at = now
            values += [getattr(row, name) for name in _MEMORY_COLUMNS[:-2]]
            values += [adapt(row.created_at), adapt(now)]
        sql = (
            f"INSERT INTO {q(TranslationMemory._meta.db_table)} "  # noqa: S608
            f"({', '.join(map(q, _MEMORY_COLUMNS))}) "
            f"VALUES {', '.join([row_placeholders] * len(batch))} "
            f"ON CONFLICT ({', '.join(map(q, MEMORY_KEY))}) DO UPDATE SET "
            f"{', '.join(f'{q(name)} = excluded.{q(name)}' for name in _MEMORY_UPDATED)} "
            f"RETURNING {q(TranslationMemory._meta.pk.column)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            for row, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                row.pk, row._state.adding, row._state.db = pk, False, connection.alias


def memory_store(
    *,
    source: str,
    target: str,
    pair: LanguagePair,
    engine: str,
    model_version: str = "",
    origin: str = TranslationOrigin.MACHINE,
) -> None:
    memory_store_many(
        translations=[(source, target)],
        pair=pair,
        engine=engine,
        model_version=model_version,
        origin=origin,
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
    engine: TranslationEngine,
    texts: list[str],
    pair: LanguagePair,
    glossary: Glossary,
    *,
    version: str,
    memory: Memory,
) -> dict[str, str]:
    """Translate unique texts with one engine, using and filling the memory; metered."""
    unique = list(dict.fromkeys(texts))
    memory.load(unique)  # nothing to read when the article's lookup covered them
    done: dict[str, str] = {}
    missing: list[str] = []
    for text in unique:
        known = memory.editor(text)
        if known is None:
            known = memory.machine(text, engine.name, version)
        if known is None:
            missing.append(text)
        else:
            done[text] = known
    _check_budget(engine, sum(len(text) for text in missing))
    for batch in engine.batches(missing):
        received = engine.translate(batch, pair=pair, glossary=glossary.terms)
        refused: EngineOutputError | None = None
        # One transaction per batch: what was sent is metered even when the answer is
        # refused, and what was paid for is kept even if a later batch fails.
        with transaction.atomic():
            engine_record_usage(engine=engine.name, characters=sum(len(text) for text in batch))
            try:
                check_output(engine, batch, received)
            except EngineOutputError as exc:
                refused = exc
            else:
                targets = [normalise(target) for target in received]
                for row in memory_store_many(
                    translations=zip(batch, targets, strict=True),
                    pair=pair,
                    engine=engine.name,
                    model_version=version,
                ):
                    memory.remember(row)
                done.update(zip(batch, targets, strict=True))
        if refused is not None:
            raise refused
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
    engine: TranslationEngine,
    items: list[Item],
    pair: LanguagePair,
    glossary: Glossary,
    *,
    version: str,
    memory: Memory,
) -> None:
    whole = [item for item in items if not item.segment.is_long]
    done = _engine_translate(
        engine,
        [item.segment.source for item in whole],
        pair,
        glossary,
        version=version,
        memory=memory,
    )
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
        done = _engine_translate(engine, pieces, pair, glossary, version=version, memory=memory)
        for item in piecewise:
            item.tokens = item.segment.rebuild_from_pieces(
                [done[piece] for piece in item.segment.pieces()]
            )
            item.target = _placeholder_text(item.segment, item.tokens)
            item.origin = engine.name


# --- Articles ----------------------------------------------------------------------------


def segments_to_translate(originals: Mapping[str, str], pair: LanguagePair) -> list[str]:
    """The texts of `originals` (FIELDS) an engine or an editor translates, in order and
    once each, as the memory keys them (inline markup and glossary terms as placeholders)."""
    documents = _documents(dict(originals), glossary_for(pair))
    texts = [seg.source for doc in documents.values() for seg in doc.segments if seg.has_text]
    return list(dict.fromkeys(texts))


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
    try:
        policy = article.source.translation_policy
    except SourceTranslationPolicy.DoesNotExist:
        return not article.source.auto_publish
    return policy.review_machine_translations


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
    target = site_language()
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


def article_translate(*, article_id: int) -> ArticleTranslation | None:
    """Translate the article into the site's language, or record why it waits.

    All of the translation is computed before anything is written; the article is published
    (when its source allows) only with a complete translation, never half-translated.

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
    target = site_language()
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
            article_store_detected_language(article=article, language=target)
            return None
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
            item.tokens, item.origin = list(item.segment.tokens), "copy"
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
                item.target, item.origin = corrected, EDITOR
                continue
            except PlaceholderMismatch:
                pass
        if any(
            memory.machine(source, name, version) is not None for name, version in versions.items()
        ):
            continue  # translated before, so not in the site's language: no detection needed
        if is_language(item.segment.text, target, extra=(pair.source,)):
            # A quote or name already in the site's language stays as it is.
            item.tokens, item.target, item.origin = list(item.segment.tokens), source, "kept"
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
            _translate_items(
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
        memory_store_many(
            translations=corrections, pair=pair, engine=EDITOR, origin=TranslationOrigin.EDITOR
        )
        for field in FIELDS:
            setattr(translation, field, rendered.get(field, ""))
        translation.segments = _segments_json(items)
        if not translation.engine:
            translation.engine, translation.engine_label = EDITOR, EDITORS_LABEL
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
