"""The rate limit holds across worker processes: granian with several workers on loopback,
many client threads at once, and exactly the limit gets through in the minute (the
database's atomic upsert, or Redis' INCR when the deployment has Redis)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, stop_process, subprocess_env, wait_until

LIMIT = 37
THREADS = 12
REQUESTS = 120  # more than the limit, fewer than a minute's worth at any speed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.read()
        return int(error.code)


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    granian = str(Path(sys.executable).with_name("granian"))
    return subprocess.Popen(
        [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "3", "--blocking-threads", "4", "--no-access-log",
         "gazette.wsgi:application"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def hammer(url: str, total: int, headers: dict[str, str] | None = None) -> Counter[int]:
    """`total` requests from THREADS threads at once; how many got each status."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(THREADS)
    remaining = iter(range(total))

    def client() -> None:
        start.wait()
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            status = status_of(url, headers)
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def seconds_into_minute() -> float:  # the windows are the clock's minutes
    return time.time() % 60


# The cache store counts in Redis: it runs in `make test-redis`, which sets REDIS_URL.
@pytest.mark.parametrize("store", ["database", pytest.param("cache", marks=pytest.mark.redis)])
def test_concurrent_requests_never_exceed_the_limit(
    transactional_db: None, settings: Any, store: str
) -> None:
    redis_url = os.environ.get("REDIS_URL", "")
    if store == "cache" and not redis_url:
        pytest.skip("the cache store is shared across processes only with REDIS_URL (Redis)")
    from django.contrib.auth import get_user_model

    from gazette.api.keys import api_key_create

    owner = get_user_model().objects.create_user(username="limits", is_staff=True)
    _key, token = api_key_create(owner=owner, name="load", requests_per_minute=LIMIT + 5)
    port = free_port()
    env = subprocess_env(
        DEBUG="false", HTTPS="false", ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY="rate-limit-test-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        API_REQUESTS_PER_MINUTE=str(LIMIT), API_RATE_LIMIT_STORE=store, LOG_LEVEL="WARNING",
        # Every request reaches Django: a page-cache hit is answered before the limit counts
        # (docs/architecture.md, "The API").
        PAGE_CACHE_SECONDS="0",
    )  # fmt: skip
    server = start_server(env, port)
    try:
        health = f"http://127.0.0.1:{port}/healthz"
        assert wait_until(lambda: _answers(health), timeout=60), stop_process(server)
        # The whole run must fall inside one minute of the clock, as the windows do.
        if seconds_into_minute() > 40:
            time.sleep(61 - seconds_into_minute())
        url = f"http://127.0.0.1:{port}/api/v1/sections/"
        minute = int(time.time() // 60)
        anonymous = hammer(url, REQUESTS)
        keyed = hammer(url, REQUESTS, {"Authorization": f"Bearer {token}"})
        assert int(time.time() // 60) == minute, "the minute turned during the run"
    finally:
        output = stop_process(server)
    assert anonymous == {200: LIMIT, 429: REQUESTS - LIMIT}, output
    assert keyed == {200: LIMIT + 5, 429: REQUESTS - LIMIT - 5}, output
    if store == "database":
        from gazette.api.models import RateCount

        counts = {row.bucket: row.count for row in RateCount.objects.all()}
        assert counts == {"ip:127.0.0.1": REQUESTS, f"key:{_key.pk}": REQUESTS}


def _answers(url: str) -> bool:
    try:
        return status_of(url) == 200
    except OSError:
        return False


def test_problem_of_a_limited_request_names_the_wait(db: None, client: Any, settings: Any) -> None:
    settings.API_REQUESTS_PER_MINUTE = 1
    assert client.get("/api/v1/tags/").status_code == 200
    limited = client.get("/api/v1/tags/")
    assert limited.status_code == 429
    problem = json.loads(limited.content)
    assert f"{limited['Retry-After']} seconds" in problem["detail"]
