#!/usr/bin/env python3
"""Benchmark of the public API (not a test; `make bench-api`).

Seeds BENCH_ARTICLES (default 100,000) published articles into a fresh SQLite file the way
`bench/search.py` does (bulk inserts into the articles table and the FTS5 index), then serves
it with Gazette's production server and settings (granian, one worker, pinned to one core;
the load generator on the other) and measures, in the same run and with the same client:

- uncached (PAGE_CACHE_SECONDS=0, every request through Django, the rate limit counted in the
  database as deployed without Redis): the site's own article page beside the API's article
  list (first page, by source, a deep page by cursor, a sync by changed_after) and search (the
  query mix of bench-search, with filters and page 2), and a conditional GET answered 304;
- cached (the page cache on): the site's article page beside an API list, each answered from
  the page cache.

Prints p50/p95 latency and server CPU ms per request per kind, against the goals: p95 ≤ 50 ms
on lists and search, cached API within 2× of the cached site page (CPU per request and p95).
The client is a small threaded Python client (BENCH_CONNECTIONS keep-alive connections,
default 4; BENCH_SECONDS per kind, default 5).
"""

from __future__ import annotations

import http.client
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("BENCH_ARTICLES", "100000")

import search as seeding  # noqa: E402  (bench/search.py: its seeding and query mix)
import web  # noqa: E402  (bench/web.py: server pinning, CPU of a process tree)

PYTHON = sys.executable
DURATION = float(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
GOAL_P95_MS = 50.0
GOAL_CACHED_RATIO = 2.0


@dataclass
class Result:
    name: str
    latencies_ms: list[float]
    seconds: float
    cpu_ms: float
    statuses: dict[int, int]

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def cpu_per_request(self) -> float:
        return self.cpu_ms / max(self.requests, 1)


def progress(message: str) -> None:
    print(f"bench-api: {message}", file=sys.stderr, flush=True)


def load(
    port: int, paths: list[str], headers: dict[str, str], seconds: float
) -> tuple[list[float], float, dict[int, int]]:
    """CONNECTIONS keep-alive clients cycling through `paths` for `seconds`."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        os.sched_setaffinity(0, web.CLIENT_CORES)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        seen: dict[int, int] = {}
        for path in itertools.islice(itertools.cycle(paths), offset, None):
            if time.monotonic() >= stop:
                break
            began = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - began) * 1000)
            seen[response.status] = seen.get(response.status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for status, count in seen.items():
                statuses[status] = statuses.get(status, 0) + count

    threads = [
        threading.Thread(target=client, args=(n * len(paths) // CONNECTIONS,))
        for n in range(CONNECTIONS)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.monotonic() - began, statuses


def measure(
    name: str, port: int, pid: int, paths: list[str], *, expect: int = 200, **headers: str
) -> Result:
    for path in paths:  # each once (fills the page cache where it is on), then a warm-up
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", path, headers=headers)
        conn.getresponse().read()
        conn.close()
    load(port, paths, headers, min(1.5, DURATION))
    before = web.process_tree_cpu_ms(pid)
    latencies, seconds, statuses = load(port, paths, headers, DURATION)
    result = Result(name, latencies, seconds, web.process_tree_cpu_ms(pid) - before, statuses)
    if set(statuses) != {expect}:
        raise SystemExit(f"bench-api: {name}: answers {statuses}, expected only {expect}")
    progress(
        f"{name}: {result.requests} requests, p95 {result.pct(0.95):.1f} ms, "
        f"{result.cpu_per_request:.2f} CPU ms/request"
    )
    return result


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    granian = str(Path(PYTHON).with_name("granian"))
    return subprocess.Popen(
        [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--blocking-threads", "1", "--no-access-log", "--log-level", "warning",
         "gazette.wsgi:application"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sys.stderr, preexec_fn=web.pin_server,
    )  # fmt: skip


def etag_of(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.headers["ETag"]


def api_paths(words: list[str]) -> dict[str, list[str]]:
    """The API requests of each kind, in a fixed order."""
    from gazette.api import cursors
    from gazette.articles.models import Article

    deep = Article.objects.order_by("-published_at", "-pk")[5000]
    day_ago = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    searches = []
    for _kind, query, filters, page in seeding.query_mix(words)[:120]:
        params: dict[str, object] = {"q": query, **filters}
        if page == 2:
            params["cursor"] = cursors.offset("q", 20)
        searches.append("/api/v1/search/?" + urlencode(params))
    return {
        "articles, first page": ["/api/v1/articles/"],
        "articles, by source": [f"/api/v1/articles/?source=outlet-{n}" for n in range(20)],
        "articles, deep cursor": [
            "/api/v1/articles/?"
            + urlencode({"cursor": cursors.time_and_id("a", deep.published_at, deep.pk)})
        ],
        "articles, changed_after": [f"/api/v1/articles/?changed_after={day_ago}&limit=100"],
        "search (bench-search mix)": searches,
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gazette-bench-api-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "gazette.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": "bench-api-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATA_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "STATIC_ROOT": str(folder / "static"),
            "LOG_LEVEL": "WARNING",
            "API_REQUESTS_PER_MINUTE": "1000000000",
        }
        env.pop("REDIS_URL", None)
        os.environ.clear()
        os.environ.update(env)
        import django

        django.setup()
        from django.core.management import call_command

        from gazette.articles.models import Article

        progress("migrating a fresh SQLite database …")
        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        words = seeding.vocabulary()
        seeding.seed(words)
        article_path = Article.objects.order_by("-published_at")[50].get_absolute_url()
        kinds = api_paths(words)
        from django.db import connections

        connections.close_all()

        servers: list[subprocess.Popen[bytes]] = []
        uncached: list[Result] = []
        cached: list[Result] = []
        try:
            port = web.free_port()
            server = start_server({**env, "PAGE_CACHE_SECONDS": "0"}, port)
            servers.append(server)
            web.wait_for(f"http://127.0.0.1:{port}{article_path}", timeout=60)
            uncached.append(measure("site article page", port, server.pid, [article_path]))
            for name, paths in kinds.items():
                uncached.append(measure(f"API {name}", port, server.pid, paths))
            first = kinds["articles, first page"][0]
            conditional = {"If-None-Match": etag_of(port, first)}
            uncached.append(
                measure("API 304 (If-None-Match)", port, server.pid, [first], expect=304,
                        **conditional)
            )  # fmt: skip
            web.stop(server)

            port = web.free_port()
            server = start_server({**env, "PAGE_CACHE_SECONDS": "600"}, port)
            servers.append(server)
            web.wait_for(f"http://127.0.0.1:{port}{article_path}", timeout=60)
            cached.append(measure("site article page", port, server.pid, [article_path]))
            cached.append(measure("API articles, first page", port, server.pid, [first]))
            cached.append(
                measure("API search (bench-search mix)", port, server.pid, kinds[
                    "search (bench-search mix)"][:15])
            )  # fmt: skip
        finally:
            for each in servers:
                if each.poll() is None:
                    web.stop(each)

    report(uncached, cached)
    return 0


def report(uncached: list[Result], cached: list[Result]) -> None:
    print(
        f"\nAPI: {seeding.ARTICLES:,} articles (SQLite), granian with one worker, "
        f"{CONNECTIONS} keep-alive connections, {DURATION:.0f} s per kind"
    )
    header = f"{'':36} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms/req':>10}"

    def rows(title: str, results: list[Result]) -> None:
        print(f"\n{title}\n{header}")
        for r in results:
            print(
                f"{r.name:36} {r.requests / r.seconds:7.0f} {r.pct(0.5):7.2f} "
                f"{r.pct(0.95):7.2f} {r.cpu_per_request:10.3f}"
            )

    rows("Uncached (every request through Django):", uncached)
    rows("Cached (the page cache on):", cached)
    site = uncached[0]
    measured = [r for r in uncached[1:] if "304" not in r.name]
    worst = max(measured, key=lambda r: r.pct(0.95))
    print(
        f"\nlists and search: worst p95 {worst.pct(0.95):.1f} ms ({worst.name}); "
        f"goal ≤ {GOAL_P95_MS:.0f} ms: {'met' if worst.pct(0.95) <= GOAL_P95_MS else 'NOT met'}"
    )
    ratios = [r.cpu_per_request / site.cpu_per_request for r in measured]
    print(
        f"uncached API vs uncached site page, CPU per request: "
        f"{min(ratios):.2f}× to {max(ratios):.2f}× (median {statistics.median(ratios):.2f}×)"
    )
    page = cached[0]
    for r in cached[1:]:
        cpu = r.cpu_per_request / page.cpu_per_request
        p95 = r.pct(0.95) / page.pct(0.95)
        verdict = "met" if cpu <= GOAL_CACHED_RATIO and p95 <= GOAL_CACHED_RATIO else "NOT met"
        print(
            f"cached {r.name} vs cached site page: CPU {cpu:.2f}×, p95 {p95:.2f}× "
            f"(goal ≤ {GOAL_CACHED_RATIO:.0f}×: {verdict})"
        )


if __name__ == "__main__":
    sys.exit(main())
