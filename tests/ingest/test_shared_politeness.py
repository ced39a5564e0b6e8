"""The delay between two requests to one host holds across worker processes: the start gate
lives in the database (or in Django's cache when it is shared, as with Redis)."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import pytest
from django.core.cache import caches
from django.db import connections

from gazette.ingest.models import HostSlot
from gazette.ingest.politeness import CacheStartGate, DatabaseStartGate, shared_start_gate
from gazette.lib.fetch import StartGate
from tests.conftest import ROOT, subprocess_env
from tests.fault_server import Route, fault_server

DELAY = 0.5
# The gate spaces the reservations; a request then starts after a little work of its own,
# which two processes do at different speeds on a loaded machine.
SLACK = 0.2

WORKER = """
import os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")
django.setup()
from gazette.ingest.services import homepage_find_feeds
start_at, url, times = float(sys.argv[1]), sys.argv[2], int(sys.argv[3])
time.sleep(max(0.0, start_at - time.time()))
for _ in range(times):
    homepage_find_feeds(url=url)
print("done")
"""


def gaps(times: list[float]) -> list[float]:
    ordered = sorted(times)
    return [later - earlier for earlier, later in itertools.pairwise(ordered)]


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_space_their_requests_to_one_host():
    """Two processes fetch the same host three times each, starting at the same moment:
    the host sees every request start at least FETCH_HOST_DELAY after the one before."""
    routes = {"/": Route(body=b"<html><head></head><body>front page</body></html>")}
    with fault_server(routes) as server:
        env = subprocess_env(FETCH_HOST_DELAY=str(DELAY), FETCH_OBEY_ROBOTS="false")
        start_at = str(time.time() + 5)
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, start_at, server.base_url + "/", "3"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for _ in range(2)
        ]
        outputs = [worker.communicate(timeout=60)[0].decode() for worker in workers]
        for worker, output in zip(workers, outputs, strict=True):
            assert worker.returncode == 0, output
        starts = server.times("/")
    assert len(starts) == 6
    assert min(gaps(starts)) >= DELAY - SLACK, gaps(starts)
    assert HostSlot.objects.filter(host__startswith="127.0.0.1:").count() == 1


def _claim_from_threads(
    make_gate: Callable[[], StartGate], *, threads: int, each: int
) -> list[float]:
    """Each thread (with its own database connection) claims `each` turns and waits for them;
    returns when each turn began."""
    began: list[float] = []
    lock = threading.Lock()
    go = threading.Barrier(threads)

    def claim() -> None:
        gate = make_gate()
        try:
            go.wait()
            for _ in range(each):
                wait = gate.reserve("news.example", delay=DELAY)
                time.sleep(max(wait, 0.0))
                with lock:
                    began.append(time.monotonic())
        finally:
            connections.close_all()

    workers = [threading.Thread(target=claim) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return began


@pytest.mark.django_db(transaction=True)
def test_the_database_gate_spaces_claims_from_separate_connections():
    began = _claim_from_threads(DatabaseStartGate, threads=3, each=2)
    assert len(began) == 6
    assert min(gaps(began)) >= DELAY - SLACK, gaps(began)
    assert HostSlot.objects.get().host == "news.example"


def test_the_cache_gate_spaces_claims():
    cache = caches["default"]
    began = _claim_from_threads(lambda: CacheStartGate(cache), threads=3, each=2)
    assert len(began) == 6
    assert min(gaps(began)) >= DELAY - SLACK, gaps(began)


@pytest.mark.django_db
def test_no_delay_means_no_claim():
    assert DatabaseStartGate().reserve("news.example", delay=0) == 0
    assert not HostSlot.objects.exists()


def test_the_gate_is_the_cache_when_the_cache_is_shared(settings):
    assert isinstance(shared_start_gate(), DatabaseStartGate)  # the tests' local-memory cache
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    assert isinstance(shared_start_gate(), CacheStartGate)
