"""The "needs attention" list: what failed, why, and a one-click retry."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gazette.ingest.models import Entry
from gazette.sources.models import Source
from gazette.states import EntryState, SourceHealth
from tests.factories import make_source


@pytest.mark.django_db
def test_it_lists_parked_work_and_retries_it_in_one_click(django_capture_on_commit_callbacks):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-123456789")
    client = Client()
    client.force_login(editor)
    source = make_source(health=SourceHealth.NEEDS_ATTENTION, last_error="HTTP 500 from feed")
    entry = Entry.objects.create(
        source=source, url="http://127.0.0.1:9/x", canonical_url="http://127.0.0.1:9/x",
        state=EntryState.NEEDS_ATTENTION, attempts=6, last_error="timed out after 10s",
    )  # fmt: skip

    page = client.get("/admin/ingest/entry/attention/").content.decode()
    assert "HTTP 500 from feed" in page and "timed out after 10s" in page
    assert "parked: waits for you" in page
    assert "needs_attention: 1" in page, "entries and sources counted by state"
    assert "no source polled yet" in page
    assert "no characters sent" in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/admin/ingest/entry/attention/", {"entry": entry.pk})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == EntryState.FAILED and len(callbacks) == 1, "queued for a fetch"

    client.post("/admin/ingest/entry/attention/", {"source": source.pk})
    source = Source.objects.get(pk=source.pk)
    assert source.claimed_at is None and source.next_poll_at is not None
    assert Client().get("/admin/ingest/entry/attention/").status_code == 302, "staff only"


@pytest.mark.django_db
def test_it_counts_the_queue_and_the_last_poll(django_capture_on_commit_callbacks):
    from django.utils import timezone

    from gazette.desk.status import desk_status
    from gazette.newsroom.flow import poll_source

    source = make_source(last_polled_at=timezone.now())
    poll_source.enqueue(source.pk)
    poll_source.enqueue(source.pk)
    status = desk_status()
    assert status.queue == {"READY": 2}
    assert status.last_poll == source.last_polled_at
    assert status.sources_by_health == {"new": 1}
