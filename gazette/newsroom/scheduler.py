"""One scheduler tick: claim what is due and enqueue it. Any number of copies may run."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gazette.ingest.services import entries_claim_retries, entries_enqueue_fetch
from gazette.sources.services import sources_claim_due


@dataclass(frozen=True)
class TickReport:
    sources: int
    retries: int


def scheduler_tick() -> TickReport:
    from gazette.ingest.tasks import poll_source

    sources = sources_claim_due()
    for source in sources:
        transaction.on_commit(lambda pk=source.pk: poll_source.enqueue(pk))  # type: ignore[misc]
    retry_ids = entries_claim_retries()
    if retry_ids:
        transaction.on_commit(lambda: entries_enqueue_fetch(retry_ids))
    return TickReport(sources=len(sources), retries=len(retry_ids))
