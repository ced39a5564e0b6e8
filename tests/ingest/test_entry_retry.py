"""A page that fails to fetch or extract is recorded, retried with backoff, then parked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.articles.models import Article
from gazette.ingest.models import Document, Entry
from gazette.ingest.services import entries_claim_retries
from gazette.newsroom.flow import entries_fetch, entry_fetch
from gazette.states import EntryState
from tests.factories import make_source
from tests.fault_server import Route, fault_server


@pytest.mark.django_db
def test_it_records_a_failed_fetch_and_offers_it_for_retry(settings):
    settings.RETRY_BASE_SECONDS = 30
    with fault_server({"/story.html": Route(status=502)}) as server:
        source = make_source()
        url = server.base_url + "/story.html"
        entry = Entry.objects.create(source=source, url=url, canonical_url=url)
        assert entry_fetch(entry_id=entry.pk) is None

    entry.refresh_from_db()
    assert entry.state == EntryState.FAILED
    assert "HTTP 502" in entry.last_error
    assert entry.attempts == 1
    assert entry.next_attempt_at is not None
    assert entries_claim_retries(now=timezone.now()) == [], "not before its retry time"
    later = entry.next_attempt_at + timedelta(seconds=1)
    assert entries_claim_retries(now=later) == [entry.pk]
    assert entries_claim_retries(now=later) == [], "claimed once"


@pytest.mark.django_db
def test_it_keeps_the_document_when_extraction_fails_and_parks_after_max_attempts(settings):
    settings.MAX_ATTEMPTS = 2
    page = b"<html><body><nav>Home | World</nav><p>Too short.</p></body></html>"
    with fault_server({"/index.html": Route(body=page)}) as server:
        source = make_source()
        url = server.base_url + "/index.html"
        entry = Entry.objects.create(source=source, url=url, canonical_url=url)
        entry_fetch(entry_id=entry.pk)
        entry.refresh_from_db()
        assert entry.state == EntryState.FAILED
        assert "no article body found" in entry.last_error
        entry_fetch(entry_id=entry.pk)

    entry.refresh_from_db()
    assert entry.state == EntryState.NEEDS_ATTENTION
    assert entry.next_attempt_at is None
    assert Document.objects.filter(entry=entry).count() == 2, "raw bytes kept for a re-run"
    assert bytes(Document.objects.filter(entry=entry).latest().body) == page
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_it_fetches_a_batch_even_when_one_entry_breaks(monkeypatch):
    import gazette.ingest.services as services

    page = (
        "<html><body><article><h1>Fine story</h1>"
        + "".join(
            f"<p>Paragraph {n} says something new about the harbour wall works.</p>"
            for n in range(8)
        )
        + "</article></body></html>"
    ).encode()
    with fault_server({"/ok.html": Route(body=page), "/boom.html": Route(body=page)}) as server:
        source = make_source()
        entries = [
            Entry.objects.create(
                source=source, url=server.base_url + p, canonical_url=server.base_url + p
            )
            for p in ("/boom.html", "/ok.html")
        ]
        real_extract = services.document_extract

        def extract_or_explode(*, document, store):
            if document.url.endswith("/boom.html"):
                raise RuntimeError("a bug in a parser")
            real_extract(document=document, store=store)

        monkeypatch.setattr(services, "document_extract", extract_or_explode)
        assert entries_fetch(entry_ids=[e.pk for e in entries] + [999999]) == 1

    broken, fine = (Entry.objects.get(pk=e.pk) for e in entries)
    assert broken.state == EntryState.FAILED
    assert "internal error: RuntimeError('a bug in a parser')" in broken.last_error
    assert fine.state == EntryState.EXTRACTED
