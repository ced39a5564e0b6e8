"""The status page: heartbeats, queue, failures by stage, spend, size; and a one-click retry
of what is parked. `/readyz` says whether this process can serve, with the reason."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from gazette.ingest.models import Entry
from gazette.newsroom.models import WorkerHeartbeat
from gazette.sources.models import Source
from gazette.states import EntryState, SourceHealth
from tests.factories import make_source


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _beat(worker_id: str, ago: timedelta) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, host="desk-host", pid=42, started_at=now - ago, beat_at=now - ago
    )


@pytest.mark.django_db
def test_it_lists_parked_work_and_retries_it_in_one_click(django_capture_on_commit_callbacks):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-123456789")
    client = Client()
    client.force_login(editor)
    source = make_source(
        health=SourceHealth.NEEDS_ATTENTION,
        last_error="cannot fetch http://127.0.0.1:9/feed: [Errno 111] Connection refused",
        last_polled_at=timezone.now(),
    )
    entry = Entry.objects.create(
        source=source, url="http://127.0.0.1:9/x", canonical_url="http://127.0.0.1:9/x",
        state=EntryState.NEEDS_ATTENTION, attempts=6, last_error="timed out after 10s",
    )  # fmt: skip

    page = _text(client.get("/admin/status/").content.decode())
    assert "127.0.0.1:9 refused the connection" in page and "Errno" not in page
    assert "timed out after 10s" in page
    assert "parked: waits for you" in page
    assert "Needs attention: 1" in page, "entries and sources counted by state, in words"
    assert "no source polled yet" not in page
    assert "no characters sent" in page
    assert "Polling sources 1" in page and "Fetching and extracting articles 1" in page
    assert "never ticked" in page, "no scheduler has run"
    assert (
        "django_tasks_database/dbtaskresult/?status__exact=FAILED"
        in client.get("/admin/status/").content.decode()
    ), "a superuser reaches the crashed tasks"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/admin/status/", {"entry": entry.pk})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == EntryState.FAILED and len(callbacks) == 1, "queued for a fetch"

    client.post("/admin/status/", {"source": source.pk})
    source = Source.objects.get(pk=source.pk)
    assert source.claimed_at is None and source.next_poll_at is not None
    assert Client().get("/admin/status/").status_code == 302, "staff only"
    assert client.get("/admin/ingest/entry/attention/").status_code == 200, "the old address"


@pytest.mark.django_db
def test_it_shows_the_scheduler_and_workers_alive_or_stopped():
    from gazette.desk.status import desk_status

    _beat("scheduler-desk-host-7", timedelta(seconds=3))
    _beat("worker-a", timedelta(seconds=2))
    _beat("worker-b", timedelta(hours=2))
    status = desk_status()
    assert status.scheduler_fresh
    assert status.workers_alive == 1 and len(status.workers) == 2
    assert status.database_size and status.database_size > 0

    WorkerHeartbeat.objects.filter(worker_id__startswith="scheduler-").update(
        beat_at=timezone.now() - timedelta(hours=1)
    )
    assert not desk_status().scheduler_fresh


@pytest.mark.django_db
def test_it_counts_the_queue_and_the_oldest_waiting_task(django_capture_on_commit_callbacks):
    from gazette.desk.status import desk_status
    from gazette.newsroom.flow import poll_source

    source = make_source(last_polled_at=timezone.now())
    poll_source.enqueue(source.pk)
    poll_source.enqueue(source.pk)
    status = desk_status()
    assert status.queue == {"READY": 2}
    assert status.oldest_pending is not None
    assert status.last_poll == source.last_polled_at
    assert status.sources_by_health == {"new": 1}


@pytest.mark.django_db
def test_readyz_names_what_is_not_ready(settings):
    settings.READY_CHECKS_SCHEDULER = True
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "ok" and body["checks"]["migrations"] == "ok"
    assert "no scheduler has ticked" in body["checks"]["scheduler"]

    _beat("scheduler-desk-host-8", timedelta(seconds=1))
    response = Client().get("/readyz")
    assert response.status_code == 200 and response.json()["ready"] is True

    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(hours=1))
    assert "last ticked" in Client().get("/readyz").json()["checks"]["scheduler"]
    assert Client().get("/healthz").status_code == 200, "liveness does not depend on it"
