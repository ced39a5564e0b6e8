"""Metering: the characters sent to each engine per day, against the daily budget."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.utils import timezone

from gazette.translation.engines.base import EngineError, TranslationEngine
from gazette.translation.models import EngineUsage


class OverBudget(EngineError):
    """Sending this text would take the engine over TRANSLATION_DAILY_BUDGET today."""


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


def check_budget(engine: TranslationEngine, characters: int) -> None:
    """Raise OverBudget when sending `characters` more to a remote engine passes today's budget."""
    budget = settings.TRANSLATION_DAILY_BUDGET
    if engine.remote and budget and engine_usage_today(engine.name) + characters > budget:
        raise OverBudget(
            f"{engine.name}: {characters:,} more characters would pass today's budget of "
            f"{budget:,} (TRANSLATION_DAILY_BUDGET)"
        )
