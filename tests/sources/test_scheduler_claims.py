"""Two schedulers must never poll the same source twice."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from gazette.sources.models import Source
from gazette.sources.services import sources_claim_due
from tests.factories import make_source


@pytest.mark.django_db
def test_it_claims_only_due_active_sources():
    now = timezone.now()
    due = make_source(next_poll_at=now - timedelta(seconds=1))
    make_source(next_poll_at=now + timedelta(minutes=5))
    make_source(next_poll_at=now - timedelta(minutes=5), is_active=False)

    claimed = sources_claim_due(now=now)

    assert [s.pk for s in claimed] == [due.pk]
    due.refresh_from_db()
    assert due.next_poll_at > now
    assert sources_claim_due(now=now) == []


@pytest.mark.django_db
def test_it_lets_only_one_of_two_interleaved_claimers_win():
    """Both claimers read the same due row before either writes; only one UPDATE matches."""
    now = timezone.now()
    source = make_source(next_poll_at=now - timedelta(seconds=1))
    stale_read = list(Source.objects.filter(pk=source.pk).values_list("pk", "next_poll_at"))

    first = sources_claim_due(now=now)
    # The second claimer acts on the read it made before the first claim landed.
    won = Source.objects.filter(pk=stale_read[0][0], next_poll_at=stale_read[0][1]).update(
        next_poll_at=now + timedelta(minutes=10)
    )

    assert [s.pk for s in first] == [source.pk]
    assert won == 0


@pytest.mark.django_db(transaction=True)
def test_it_never_hands_a_source_to_two_concurrent_claimers():
    now = timezone.now()
    sources = [make_source(next_poll_at=now - timedelta(seconds=i)) for i in range(20)]
    results: list[list[int]] = [[], []]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def claimer(slot: int) -> None:
        try:
            barrier.wait()
            for _round in range(5):
                results[slot].extend(s.pk for s in sources_claim_due(now=now, limit=5))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()  # a thread's own connection; left open it blocks the DB drop

    threads = [threading.Thread(target=claimer, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    all_claims = results[0] + results[1]
    assert sorted(all_claims) == sorted(s.pk for s in sources), "each source claimed exactly once"
