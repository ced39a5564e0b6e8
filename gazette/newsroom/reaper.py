"""Nothing waits for a person to notice: what a dead worker left behind is queued again.

Two nets, run by every scheduler tick:
- **tasks**: a task still marked running whose worker stopped beating (`run_worker`'s
  heartbeat) for TASK_LEASE_SECONDS goes back to the queue (the database backend); on RQ,
  jobs of dead workers (RQ's own heartbeat) found abandoned are queued again.
- **items**: an entry, article or translation left in an unfinished state for
  REAP_AFTER_SECONDS, whatever happened to its task, is handed to the flow again.

Every stage is idempotent (an entry already extracted stores the same article again, a
translation of the same text is reused from memory, discovery of an indexed article changes
nothing), so the worst a second run costs is time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gazette.articles.models import Article
from gazette.discovery.models import ArticleEmbedding
from gazette.ingest.models import Entry
from gazette.newsroom.flow import discover_later, fetch_later, translate_later
from gazette.newsroom.models import WorkerHeartbeat
from gazette.newsroom.newsletter import digest_send_later
from gazette.states import ArticleState, EntryState, TranslationState
from gazette.subscriptions import services as subscriptions
from gazette.subscriptions.models import Digest
from gazette.translation.models import ArticleTranslation

logger = logging.getLogger(__name__)
BATCH = 500  # items per kind per tick: a large backlog drains over several ticks


@dataclass(frozen=True)
class ReapReport:
    tasks: int = 0
    entries: int = 0
    translations: int = 0
    discoveries: int = 0
    digests: int = 0

    def __bool__(self) -> bool:
        return any((self.tasks, self.entries, self.translations, self.discoveries, self.digests))


def reap(*, now: datetime | None = None) -> ReapReport:
    """Queue again what was left behind; call it inside a transaction (the scheduler's)."""
    now = now or timezone.now()
    return ReapReport(
        tasks=tasks_requeue_abandoned(now=now),
        entries=_entries(now - timedelta(seconds=settings.REAP_AFTER_SECONDS)),
        translations=_translations(now - timedelta(seconds=settings.REAP_AFTER_SECONDS)),
        discoveries=_discoveries(now - timedelta(seconds=settings.REAP_AFTER_SECONDS)),
        digests=_digests(now - timedelta(seconds=settings.REAP_AFTER_SECONDS), now=now),
    )


def tasks_requeue_abandoned(*, now: datetime) -> int:
    """Queue again the tasks whose worker died while running them."""
    try:
        if settings.TASKS_BACKEND == "database":
            return _database_tasks(now)
        if settings.TASKS_BACKEND == "rq":
            return _rq_jobs()
    except Exception:  # the queue being down must not stop the item net below
        logger.exception("could not look for abandoned tasks")
    return 0


def _database_tasks(now: datetime) -> int:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    lease = now - timedelta(seconds=settings.TASK_LEASE_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=lease).values_list("worker_id", flat=True)
    )
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=lease
    ).values_list("pk", "worker_ids", "started_at")
    requeued = 0
    for pk, workers, started in running:
        if workers and workers[-1] in alive:
            continue
        # Conditional, as a claim: a worker that finished it meanwhile wins.
        requeued += DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started
        ).update(status=TaskResultStatus.READY, started_at=None)
    WorkerHeartbeat.objects.filter(beat_at__lt=lease - timedelta(days=1)).delete()
    if requeued:
        logger.warning("queued %d task(s) of dead workers again", requeued)
    return requeued


def _rq_jobs() -> int:
    import django_rq
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    requeued = 0
    for name in settings.TASK_QUEUES:
        queue = django_rq.get_queue(name)
        StartedJobRegistry(queue=queue).cleanup()  # moves jobs of dead workers to "failed"
        failed = FailedJobRegistry(queue=queue)
        for job_id in failed.get_job_ids():
            job = queue.fetch_job(job_id)
            result = job.latest_result() if job is not None else None
            if result is not None and "AbandonedJobError" in (result.exc_string or ""):
                failed.requeue(job_id)
                requeued += 1
    return requeued


def _entries(stale: datetime) -> int:
    """Entries never fetched, fetched but never extracted, or claimed for a retry that never
    ran, untouched since `stale`."""
    ids = list(
        Entry.objects.filter(updated_at__lt=stale)
        .filter(
            Q(state__in=[EntryState.DISCOVERED, EntryState.FETCHED])
            | Q(state=EntryState.FAILED, next_attempt_at__isnull=True)
        )
        .order_by("updated_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    if ids:
        Entry.objects.filter(pk__in=ids).update(updated_at=timezone.now())  # not again next tick
        fetch_later(ids)
    return len(ids)


def _translations(stale: datetime) -> int:
    """Articles awaiting a translation whose task is gone: never started, or a retry whose
    time has passed."""
    translation = ArticleTranslation.objects.filter(article=OuterRef("pk"))
    pending = translation.filter(
        Q(state=TranslationState.QUEUED)
        | Q(
            state__in=[TranslationState.FAILED, TranslationState.WAITING_FOR_BUDGET],
            next_attempt_at__lt=stale,
        )
    )
    ids = list(
        Article.objects.filter(state=ArticleState.AWAITING_TRANSLATION, updated_at__lt=stale)
        .filter(~Exists(translation) | Exists(pending))
        .order_by("updated_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    ids = _not_reaped_lately("translate", ids)
    for article_id in ids:
        translate_later(article_id)
    return len(ids)


def _digests(stale: datetime, *, now: datetime) -> int:
    """Newsletter editions still sending whose task is gone (no batch claimed since `stale`)."""
    ids = subscriptions.digests_stalled(before=stale)
    for digest_id in ids:
        Digest.objects.filter(pk=digest_id).update(progress_at=now)  # not again next tick
        digest_send_later(digest_id)
    return len(ids)


def _discoveries(stale: datetime) -> int:
    """Published articles never embedded (their discovery task was lost)."""
    ids = list(
        Article.objects.filter(
            state=ArticleState.PUBLISHED,
            duplicate_of__isnull=True,
            made_public_at__lt=stale,
        )
        .filter(~Exists(ArticleEmbedding.objects.filter(article=OuterRef("pk"))))
        .order_by("made_public_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    ids = _not_reaped_lately("discover", ids)
    for article_id in ids:
        discover_later(article_id)
    return len(ids)


def _not_reaped_lately(kind: str, ids: list[int]) -> list[int]:
    """The ids not queued again by this net within REAP_AFTER_SECONDS: an article that fails
    every time is retried at that pace, not at every tick. (The articles' own `updated_at`
    is left alone: it tells the public pages when something changed.)"""
    timeout = max(int(settings.REAP_AFTER_SECONDS), 1)
    return [pk for pk in ids if cache.add(f"reaped:{kind}:{pk}", 1, timeout=timeout)]
