"""One scheduler tick: claim what is due and start it on the flow. Any number of copies may
run: each claim is a conditional UPDATE, so two schedulers never start the same work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from gazette.ingest.services import entries_claim_retries
from gazette.newsroom.flow import articles_publish_scheduled, fetch_later, poll_source
from gazette.newsroom.reaper import ReapReport, reap
from gazette.sources.services import sources_claim_due


@dataclass(frozen=True)
class TickReport:
    sources: int
    retries: int
    reaped: ReapReport = field(default_factory=ReapReport)
    published: tuple[int, ...] = ()  # scheduled articles that went live in this tick


def scheduler_tick(*, reap_abandoned: bool = True, now: datetime | None = None) -> TickReport:
    """Publish the scheduled articles that are due (`now`: the clock, injected by tests),
    poll the due sources, retry the failed entries whose time has come, and (unless
    `reap_abandoned` is off) queue again what dead workers left behind."""
    # Each article is claimed in its own transaction: one failing cannot hold up the others.
    published = articles_publish_scheduled(now=now)
    with transaction.atomic():
        sources = sources_claim_due()
        for source in sources:
            transaction.on_commit(lambda pk=source.pk: poll_source.enqueue(pk))  # type: ignore[misc]
        retry_ids = entries_claim_retries()
        if retry_ids:
            fetch_later(retry_ids)
        reaped = reap() if reap_abandoned else ReapReport()
    return TickReport(
        sources=len(sources), retries=len(retry_ids), reaped=reaped, published=tuple(published)
    )
