"""Reads for the desk's status page: what is queued, what was polled, what failed, what it cost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Max

from gazette.articles.models import Article
from gazette.ingest.models import Entry
from gazette.sources.models import Source
from gazette.translation.selectors import translation_status


@dataclass(frozen=True)
class DeskStatus:
    queue: dict[str, int]  # task state → count (or "waiting" for RQ)
    queue_error: str
    last_poll: datetime | None
    sources_by_health: dict[str, int]
    entries_by_state: dict[str, int]
    articles_by_state: dict[str, int]
    translation: dict[str, object]


def _counts(rows: object) -> dict[str, int]:
    return {str(key): int(count) for key, count in rows}  # type: ignore[attr-defined]


def _queue_depth() -> tuple[dict[str, int], str]:
    try:
        if settings.TASKS_BACKEND == "rq":
            import django_rq

            return {"waiting": django_rq.get_queue("default").count}, ""
        if settings.TASKS_BACKEND == "database":
            from django_tasks_db.models import DBTaskResult

            rows = DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by()
            return _counts(rows), ""
        return {}, "tasks run inline (TASKS_BACKEND=immediate): there is no queue"
    except Exception as exc:  # the page must show even when the queue is down
        return {}, f"queue unreachable: {exc}"


def desk_status() -> DeskStatus:
    queue, queue_error = _queue_depth()
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
    )
