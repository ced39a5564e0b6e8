"""Reads for the desk's status page: the processes' heartbeats, what is queued, what failed
in the last day and where, what translation cost, how big the database is."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count, Max, Min
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gazette.articles.models import Article
from gazette.ingest.models import Entry
from gazette.newsroom.models import WorkerHeartbeat
from gazette.sources.models import Source
from gazette.states import EntryState, SourceHealth, TranslationState
from gazette.translation.models import ArticleTranslation
from gazette.translation.selectors import translation_status

SCHEDULER_PREFIX = "scheduler-"


@dataclass(frozen=True)
class Beat:
    name: str
    host: str
    pid: int
    beat_at: datetime
    fresh: bool


@dataclass(frozen=True)
class StageFailures:
    stage: str
    count: int
    url: str
    permission: str = ""  # what opening `url` takes


@dataclass(frozen=True)
class DeskStatus:
    queue: dict[str, int]  # task state → count (or "waiting" for RQ)
    queue_error: str
    last_poll: datetime | None
    sources_by_health: dict[str, int]
    entries_by_state: dict[str, int]
    articles_by_state: dict[str, int]
    translation: dict[str, object]
    schedulers: list[Beat] = field(default_factory=list)
    workers: list[Beat] = field(default_factory=list)
    oldest_pending: datetime | None = None
    failures: list[StageFailures] = field(default_factory=list)
    database_size: int | None = None

    @property
    def scheduler_fresh(self) -> bool:
        return any(beat.fresh for beat in self.schedulers)

    @property
    def workers_alive(self) -> int:
        return sum(beat.fresh for beat in self.workers)


def _counts(rows: object) -> dict[str, int]:
    return {str(key): int(count) for key, count in rows}  # type: ignore[attr-defined]


def scheduler_stale_after() -> timedelta:
    """A scheduler that has not ticked for this long is taken for stopped."""
    return timedelta(seconds=max(settings.SCHEDULER_INTERVAL * 5, 60))


def worker_stale_after() -> timedelta:
    return timedelta(seconds=settings.TASK_LEASE_SECONDS)


def heartbeats(now: datetime | None = None) -> tuple[list[Beat], list[Beat]]:
    """(schedulers, workers), newest beat first; stopped ones too, marked stale."""
    now = now or timezone.now()
    schedulers: list[Beat] = []
    workers: list[Beat] = []
    for row in WorkerHeartbeat.objects.order_by("-beat_at")[:50]:
        is_scheduler = row.worker_id.startswith(SCHEDULER_PREFIX)
        limit = scheduler_stale_after() if is_scheduler else worker_stale_after()
        beat = Beat(row.worker_id, row.host, row.pid, row.beat_at, now - row.beat_at <= limit)
        (schedulers if is_scheduler else workers).append(beat)
    return schedulers, workers


def scheduler_heartbeat_fresh(now: datetime | None = None) -> bool:
    since = (now or timezone.now()) - scheduler_stale_after()
    return WorkerHeartbeat.objects.filter(
        worker_id__startswith=SCHEDULER_PREFIX, beat_at__gte=since
    ).exists()


def _queue_depth() -> tuple[dict[str, int], str, datetime | None]:
    try:
        if settings.TASKS_BACKEND == "rq":
            import django_rq

            return {"waiting": django_rq.get_queue("default").count}, "", None
        if settings.TASKS_BACKEND == "database":
            from django_tasks_db.models import DBTaskResult

            rows = DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by()
            oldest = DBTaskResult.objects.filter(status="READY").aggregate(o=Min("enqueued_at"))
            return _counts(rows), "", oldest["o"]
        return {}, "tasks run inline (TASKS_BACKEND=immediate): there is no queue", None
    except Exception as exc:  # the page must show even when the queue is down
        return {}, f"queue unreachable: {exc}", None


def _url(name: str, query: str) -> str:
    try:
        return f"{reverse(name)}?{query}"
    except NoReverseMatch:
        return ""


def failures_by_stage(now: datetime | None = None) -> list[StageFailures]:
    """What failed in the last 24 hours, per stage of the flow, each with its list."""
    since = (now or timezone.now()) - timedelta(hours=24)
    failing = (SourceHealth.FAILING, SourceHealth.NEEDS_ATTENTION)
    entry_states = (EntryState.FAILED, EntryState.NEEDS_ATTENTION)
    rows = [
        StageFailures(
            "Polling sources",
            Source.objects.filter(health__in=failing, last_polled_at__gte=since).count(),
            _url("admin:sources_source_changelist", "health__in=" + ",".join(failing)),
            "sources.view_source",
        ),
        StageFailures(
            "Fetching and extracting articles",
            Entry.objects.filter(state__in=entry_states, updated_at__gte=since).count(),
            _url("admin:ingest_entry_changelist", "state__in=" + ",".join(entry_states)),
            "ingest.view_entry",
        ),
        StageFailures(
            "Translation",
            ArticleTranslation.objects.filter(
                state=TranslationState.FAILED, updated_at__gte=since
            ).count(),
            _url(
                "admin:translation_articletranslation_changelist",
                f"state__exact={TranslationState.FAILED}",
            ),
            "translation.view_articletranslation",
        ),
    ]
    if settings.TASKS_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult

        crashed = DBTaskResult.objects.filter(status="FAILED", finished_at__gte=since).count()
        rows.append(
            StageFailures(
                "Background tasks that crashed",
                crashed,
                _url("admin:django_tasks_database_dbtaskresult_changelist", "status__exact=FAILED"),
                "django_tasks_database.view_dbtaskresult",
            )
        )
    return rows


def database_size() -> int | None:
    """Bytes the database takes on disk, when the database can say."""
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_database_size(current_database())")
                return int(cursor.fetchone()[0])
        if connection.vendor == "sqlite":
            name = Path(str(connection.settings_dict["NAME"]))
            return sum(
                os.path.getsize(f"{name}{suffix}")
                for suffix in ("", "-wal")
                if os.path.exists(f"{name}{suffix}")
            )
    except Exception:  # a size is a nicety; the page must show without it
        return None
    return None


def desk_status() -> DeskStatus:
    queue, queue_error, oldest = _queue_depth()
    schedulers, workers = heartbeats()
    return DeskStatus(
        queue=queue,
        queue_error=queue_error,
        last_poll=Source.objects.aggregate(last=Max("last_polled_at"))["last"],
        sources_by_health=_counts(
            Source.objects.values_list("health").annotate(n=Count("pk")).order_by()
        ),
        entries_by_state=_counts(
            Entry.objects.values_list("state").annotate(n=Count("pk")).order_by()
        ),
        articles_by_state=_counts(
            Article.objects.values_list("state").annotate(n=Count("pk")).order_by()
        ),
        translation=translation_status(),
        schedulers=schedulers,
        workers=workers,
        oldest_pending=oldest,
        failures=failures_by_stage(),
        database_size=database_size(),
    )
