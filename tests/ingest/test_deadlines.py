"""Every fetch has a total deadline, and a slow host never holds up the other hosts' work.

The drip routes of `tests/fault_server.py` send a byte every quarter second: each read comes
well within any read timeout, so only a deadline on the whole fetch stops them. The bounds
asserted are generous ("well under the drip's total"), never tight timings.
"""

from __future__ import annotations

import time

import pytest

from gazette.ingest.models import Entry
from gazette.ingest.services import SLOW_HOST_REASON
from gazette.lib.fetch import Fetcher, FetchPolicy, FetchTimeout
from gazette.newsroom import flow
from gazette.states import EntryState
from tests.factories import make_source
from tests.fault_server import Route, drip_route, fault_server

DRIP_SECONDS = 12.0  # how long a drip page takes to arrive in full
ARTICLE = (
    "<html><head><title>Harbour wall repaired</title></head><body><article>"
    "<h1>Harbour wall repaired</h1>"
    + "".join(
        f"<p>Paragraph {n} of the report: the council says the harbour wall works finished "
        f"{n + 2} days early, and the ferry berth reopens on the {n + 10}th.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
).encode()


def test_a_drip_fed_body_stops_at_the_deadline() -> None:
    policy = FetchPolicy(user_agent="t", timeout=5, deadline=1.5, allow_private=True)
    routes = {"/drip": drip_route(DRIP_SECONDS)}
    with fault_server(routes) as server, Fetcher(policy) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match=r"1.5s deadline \(FETCH_DEADLINE\)"):
            fetcher.get(server.base_url + "/drip")
        assert time.monotonic() - started < DRIP_SECONDS / 2


def test_drip_fed_headers_stop_at_the_deadline_too() -> None:
    policy = FetchPolicy(user_agent="t", timeout=5, deadline=1.5, allow_private=True)
    routes = {"/drip": drip_route(DRIP_SECONDS, headers=True)}
    with fault_server(routes) as server, Fetcher(policy) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match="deadline"):
            fetcher.get(server.base_url + "/drip")
        assert time.monotonic() - started < DRIP_SECONDS / 2


def test_the_deadline_covers_every_redirect_hop() -> None:
    """Each hop is quick, but together they pass the deadline."""
    policy = FetchPolicy(
        user_agent="t", timeout=5, deadline=1.0, max_redirects=8, allow_private=True
    )
    routes = {
        f"/hop{n}": Route(status=302, headers={"Location": f"/hop{n + 1}"}, delay=0.4)
        for n in range(8)
    }
    with fault_server(routes) as server, Fetcher(policy) as fetcher:
        with pytest.raises(FetchTimeout, match="deadline"):
            fetcher.get(server.base_url + "/hop0")
        assert len(server.hits) < 6


def test_a_quick_fetch_is_untouched_by_the_deadline() -> None:
    policy = FetchPolicy(user_agent="t", timeout=5, deadline=1.0, allow_private=True)
    with fault_server({"/a": Route(body=b"hello")}) as server, Fetcher(policy) as fetcher:
        for _ in range(3):  # the deadline is per fetch, not per client
            assert fetcher.get(server.base_url + "/a").body == b"hello"
            time.sleep(0.4)


@pytest.mark.django_db
def test_a_slow_host_does_not_hold_up_other_hosts_in_a_batch(settings) -> None:
    """A batch with three drip pages first and two good pages of another host after them:
    the good pages are fetched while the drip is still going, the drip host costs one
    deadline (its other entries are postponed unfetched), and the batch ends well before a
    single drip page could have arrived."""
    settings.FETCH_DEADLINE = 2.0
    settings.FETCH_TIMEOUT = 5.0
    drip_paths = [f"/slow/{n}.html" for n in range(3)]
    good_paths = [f"/news/{n}.html" for n in range(2)]
    slow_routes = {path: drip_route(DRIP_SECONDS) for path in drip_paths}
    good_routes = {
        path: Route(body=ARTICLE, headers={"Content-Type": "text/html; charset=utf-8"})
        for path in good_paths
    }
    with fault_server(slow_routes) as slow, fault_server(good_routes) as good:
        slow_source = make_source(name="Drip Daily", feed_url=slow.base_url + "/feed.xml")
        good_source = make_source(name="Prompt Post", feed_url=good.base_url + "/feed.xml")
        entries = [
            Entry.objects.create(
                source=slow_source, url=slow.base_url + p, canonical_url=slow.base_url + p
            )
            for p in drip_paths
        ] + [
            Entry.objects.create(
                source=good_source, url=good.base_url + p, canonical_url=good.base_url + p
            )
            for p in good_paths
        ]
        started = time.monotonic()
        fetched = flow.entries_fetch(entry_ids=[entry.pk for entry in entries])
        elapsed = time.monotonic() - started

        assert fetched == 2
        assert elapsed < DRIP_SECONDS / 2, "the batch waited for the drip host"
        # The good host's pages were fetched while the first drip page was still arriving.
        drip_started = slow.times(drip_paths[0])[0]
        for path in good_paths:
            assert drip_started - 1 < good.times(path, "end")[0] < drip_started + DRIP_SECONDS / 2
        # Only the first drip page was asked for; the host's others wait for a later batch.
        assert [hit for hit in slow.hits if hit != "/robots.txt"] == drip_paths[:1]

    first, *rest = (Entry.objects.get(pk=entry.pk) for entry in entries[:3])
    assert first.state == EntryState.FAILED
    assert "deadline (FETCH_DEADLINE)" in first.last_error
    assert first.attempts == 1
    for entry in rest:
        assert entry.state == EntryState.FAILED
        assert entry.last_error == SLOW_HOST_REASON
        assert entry.attempts == 0, "not tried, so not counted"
        assert entry.next_attempt_at is not None
    for entry in entries[3:]:
        entry.refresh_from_db()
        assert entry.state == EntryState.EXTRACTED, entry.last_error
        assert entry.article is not None


@pytest.mark.django_db
def test_a_drip_fed_feed_is_recorded_on_the_source(settings) -> None:
    settings.FETCH_DEADLINE = 1.5
    with fault_server({"/feed.xml": drip_route(DRIP_SECONDS)}) as server:
        source = make_source(feed_url=server.base_url + "/feed.xml")
        started = time.monotonic()
        assert flow.source_poll(source_id=source.pk) == []
        assert time.monotonic() - started < DRIP_SECONDS / 2
    source.refresh_from_db()
    assert source.consecutive_failures == 1
    assert "1.5s deadline (FETCH_DEADLINE)" in source.last_error
