"""The scheduler queues again what a dead worker left behind: its running task, and any entry
or article left unfinished, without anyone pressing "retry"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gazette.articles.models import Article
from gazette.ingest.models import Entry
from gazette.newsroom import flow
from gazette.newsroom.models import WorkerHeartbeat
from gazette.newsroom.reaper import reap
from gazette.states import ArticleState, EntryState
from tests.factories import make_article, make_source

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("database_queue"),
]


@pytest.fixture
def database_queue(settings: Any) -> None:
    settings.TASKS_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_LEASE_SECONDS = 60
    settings.REAP_AFTER_SECONDS = 300


def queued(task_name: str) -> list[Any]:
    return [
        task.args_kwargs["args"]
        for task in DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        if task.task_path.endswith(f".{task_name}")
    ]


def running_task(worker_id: str, *, started_ago: timedelta) -> DBTaskResult:
    flow.discover_article.enqueue(1)
    task = DBTaskResult.objects.get()
    task.claim(worker_id)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - started_ago)
    return task


def beat(worker_id: str, *, ago: timedelta) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, started_at=now - ago, beat_at=now - ago, pid=1
    )


def test_a_task_of_a_worker_that_stopped_beating_goes_back_to_the_queue(
    django_capture_on_commit_callbacks: Any,
):
    beat("dead-worker", ago=timedelta(minutes=5))
    task = running_task("dead-worker", started_ago=timedelta(minutes=5))
    assert reap().tasks == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None


def test_a_task_of_a_live_worker_or_one_started_within_the_lease_stays_running():
    beat("busy-worker", ago=timedelta(seconds=5))
    task = running_task("busy-worker", started_ago=timedelta(minutes=30))
    assert reap().tasks == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING

    DBTaskResult.objects.all().delete()
    fresh = running_task("no-heartbeat-yet", started_ago=timedelta(seconds=10))
    assert reap().tasks == 0
    fresh.refresh_from_db()
    assert fresh.status == TaskResultStatus.RUNNING


def test_entries_left_unfetched_or_half_done_are_fetched_again(
    django_capture_on_commit_callbacks: Any,
):
    source = make_source()
    long_ago = timezone.now() - timedelta(minutes=10)

    def entry(n: int, state: str, **fields: Any) -> Entry:
        url = f"http://127.0.0.1:9/{n}"
        made = Entry.objects.create(source=source, url=url, canonical_url=url, state=state)
        Entry.objects.filter(pk=made.pk).update(updated_at=long_ago, **fields)
        return made

    never_fetched = entry(1, EntryState.DISCOVERED)
    extraction_died = entry(2, EntryState.FETCHED)
    retry_claimed_then_lost = entry(3, EntryState.FAILED, next_attempt_at=None)
    entry(4, EntryState.FAILED, next_attempt_at=timezone.now() + timedelta(hours=1))  # waits
    entry(5, EntryState.EXTRACTED)  # done
    entry(6, EntryState.NEEDS_ATTENTION)  # parked for a person, on purpose
    just_seen = Entry.objects.create(source=source, url="http://x/7", canonical_url="http://x/7")

    with django_capture_on_commit_callbacks(execute=True):
        assert reap().entries == 3
    ids = sorted(pk for args in queued("fetch_entries") + queued("fetch_entry") for pk in (
        args[0] if isinstance(args[0], list) else args
    ))  # fmt: skip
    assert ids == sorted([never_fetched.pk, extraction_died.pk, retry_claimed_then_lost.pk])
    assert just_seen.pk not in ids
    with django_capture_on_commit_callbacks(execute=True):
        assert reap().entries == 0, "queued again once, not at every tick"


def test_published_articles_never_discovered_and_untranslated_ones_are_queued_again(
    django_capture_on_commit_callbacks: Any,
):
    long_ago = timezone.now() - timedelta(minutes=10)
    undiscovered = make_article(made_public_at=long_ago)
    make_article()  # published a moment ago: its discovery task may still be on its way
    german = make_source(language="de")
    untranslated = make_article(
        source=german, language="de", state=ArticleState.AWAITING_TRANSLATION
    )
    Article.objects.filter(pk=untranslated.pk).update(updated_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        report = reap()
    assert (report.discoveries, report.translations) == (1, 1)
    assert queued("discover_article") == [[undiscovered.pk]]
    assert queued("translate_article") == [[untranslated.pk]]
    with django_capture_on_commit_callbacks(execute=True):
        again = reap()
    assert (again.discoveries, again.translations) == (0, 0), "not at every tick"
