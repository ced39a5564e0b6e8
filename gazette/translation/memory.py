"""The translation memory: every translated segment, by engine and model version, and
editors' corrections, which come before any engine's output."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from gazette.states import SegmentOrigin, TranslationOrigin
from gazette.translation.engines.base import LanguagePair
from gazette.translation.models import TranslationMemory
from gazette.translation.segments import normalise

# The engine name of editors' corrections in the memory, and of a translation no engine made.
EDITOR = SegmentOrigin.EDITOR

# Hashes per IN (...) query: below SQLite's oldest limit of 999 variables, with room to spare.
_LOOKUP_CHUNK = 500
MEMORY_KEY = ["source_hash", "source_language", "target_language", "engine", "model_version"]


@lru_cache(maxsize=8192)
def source_hash(text: str) -> str:
    """The memory's key of a text (its normalised form's SHA-256); the same text comes often."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


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
