"""Metering: the characters sent to each engine per day, counted once however workers race."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from gazette.translation import metering
from gazette.translation.models import EngineUsage


@pytest.fixture(params=["upsert", "update then insert"])
def metering_path(request, monkeypatch):
    """Both ways of metering: the one-statement upsert (SQLite, PostgreSQL) and the others'."""
    if request.param == "update then insert":
        monkeypatch.setattr(connection, "vendor", "other")
    return request.param


def usage() -> dict[tuple[str, str], tuple[int, int]]:
    return {
        (row.engine, row.day.isoformat()): (row.characters, row.requests)
        for row in EngineUsage.objects.all()
    }


@pytest.mark.django_db
def test_it_adds_up_calls_per_engine_and_starts_a_row_each_day(metering_path, monkeypatch):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    metering.engine_record_usage(engine="deepl", characters=120)
    metering.engine_record_usage(engine="deepl", characters=30)
    metering.engine_record_usage(engine="ctranslate2", characters=7)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    metering.engine_record_usage(engine="deepl", characters=5)

    assert usage() == {
        ("deepl", today.isoformat()): (150, 2),
        ("ctranslate2", today.isoformat()): (7, 1),
        ("deepl", tomorrow.isoformat()): (5, 1),
    }
    assert metering.engine_usage_today("deepl") == 5


@pytest.mark.django_db
def test_it_adds_to_a_row_another_worker_created(metering_path):
    EngineUsage.objects.create(
        engine="deepl", day=timezone.localdate(), characters=1000, requests=4
    )
    metering.engine_record_usage(engine="deepl", characters=25)
    assert usage() == {("deepl", timezone.localdate().isoformat()): (1025, 5)}


@pytest.mark.django_db(transaction=True)
def test_workers_starting_the_day_together_lose_no_count():
    workers, calls = 4, 10
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(calls):
                metering.engine_record_usage(engine="deepl", characters=3)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()  # a thread's own connection; left open it blocks the DB drop

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    total = workers * calls
    assert usage() == {("deepl", timezone.localdate().isoformat()): (3 * total, total)}
