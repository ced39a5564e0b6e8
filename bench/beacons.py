#!/usr/bin/env python3
"""View-beacon benchmark (not a test; `make bench-beacons`).

Runs Gazette's production WSGI app (granian, one worker, DEBUG=false, HTTPS=false, a fresh
SQLite file) on a loopback port and posts view beacons at it from a threaded httpx client,
every beacon from a different visitor so each one is counted (origin, hash, repeat and burst
checks, the published check and the bucket upsert all run). A visitor is an address, so the
server runs as behind one proxy (BEHIND_PROXY=true) and each beacon names its own reader in
`X-Forwarded-For`, as a proxy would; it says it comes from the site's own page, as a browser
does. The same client then asks
for /healthz, an empty request through the same stack, as the baseline. Prints requests per
second and the server's CPU milliseconds per request (utime + stime of the server and its
workers from /proc, or psutil when installed), and what a beacon costs over the baseline.

Bounded by BENCH_REQUESTS (default 6,000 per run) and BENCH_SECONDS (default 15 per run).
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "6000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))
ARTICLES = 200
TICKS = os.sysconf("SC_CLK_TCK")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0"


@dataclass
class Run:
    name: str
    requests: int
    failures: int
    seconds: float
    cpu_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_per_request(self) -> float:
        return self.cpu_ms / max(self.requests, 1)


def say(message: str) -> None:
    print(f"bench-beacons: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_cpu_ms(pid: int) -> float:
    """utime + stime of the server process and its workers, in milliseconds."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
        return 1000 * sum(p.cpu_times().user + p.cpu_times().system for p in processes)
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    ticks = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks * 1000 / TICKS


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"bench-beacons: {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


SEED = f"""
import django
django.setup()
from datetime import timedelta
from django.core.management import call_command
from django.utils import timezone
call_command("migrate", verbosity=0)
from gazette.articles.models import Article
from gazette.sources.models import Source
from gazette.states import ArticleState, LicencePolicy
source = Source.objects.create(name="Outlet", slug="outlet", language="en",
    feed_url="http://127.0.0.1:9/feed.xml", homepage="http://127.0.0.1:9/",
    licence=LicencePolicy.FULL)
now = timezone.now()
Article.objects.bulk_create(Article(source=source, title=f"Story {{n}}", slug=f"story-{{n}}",
    body_html="<p>Text.</p>", published_at=now - timedelta(minutes=n), language="en",
    original_url=f"http://127.0.0.1:9/{{n}}.html", state=ArticleState.PUBLISHED,
    made_public_at=now - timedelta(minutes=n)) for n in range({ARTICLES}))
print(" ".join(str(pk) for pk in Article.objects.values_list("pk", flat=True)))
"""

COUNTED = """
import django
django.setup()
from django.db.models import Sum
from gazette.discovery.models import PopularityBucket
print(PopularityBucket.objects.aggregate(total=Sum("views"))["total"] or 0)
"""


def load(base: str, name: str, pid: int, request: object) -> Run:
    """THREADS clients, each on one kept-alive connection, until REQUESTS or SECONDS."""
    issued = iter(range(REQUESTS))
    lock = threading.Lock()
    done = [0, 0]  # answered as expected, failed
    stop_at = time.monotonic() + SECONDS

    def client() -> None:
        rng = random.Random()  # noqa: S311  (load pattern, not secrets)
        with httpx.Client(base_url=base, timeout=10) as http:
            while time.monotonic() < stop_at:
                with lock:
                    n = next(issued, None)
                if n is None:
                    return
                try:
                    ok = request(http, n, rng)  # type: ignore[operator]
                except httpx.HTTPError:
                    ok = False
                with lock:
                    done[0 if ok else 1] += 1

    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    before, began = server_cpu_ms(pid), time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - began
    return Run(name, done[0], done[1], seconds, server_cpu_ms(pid) - before)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gazette-bench-beacons-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "gazette.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": "bench-beacons-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATA_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "STATIC_ROOT": str(Path(tmp) / "static"),
            "LOG_LEVEL": "WARNING",
            "BEHIND_PROXY": "true",  # each beacon's reader comes in X-Forwarded-For
            "PROXY_COUNT": "1",
        }
        env.pop("REDIS_URL", None)  # the default local-memory cache, as on one machine
        say(f"migrating a fresh SQLite database and seeding {ARTICLES} articles …")
        ids = [int(pk) for pk in manage(env, "-c", SEED).split()]
        manage(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
        port = free_port()
        granian = str(Path(PYTHON).with_name("granian"))
        server = subprocess.Popen(
            [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "1", "--no-access-log", "--log-level", "warning",
             "gazette.wsgi:application"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sys.stderr,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"

        def healthz(http: httpx.Client, n: int, rng: random.Random) -> bool:
            return http.get("/healthz", headers={"User-Agent": BROWSER}).status_code == 200

        def reader(n: int, network: int = 10) -> dict[str, str]:
            """A browser on our page, a new address each time: every beacon counts."""
            address = f"{network}.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
            return {
                "User-Agent": BROWSER,
                "Origin": base,
                "Sec-Fetch-Site": "same-origin",
                "X-Forwarded-For": address,
            }

        def beacon(http: httpx.Client, n: int, rng: random.Random) -> bool:
            response = http.post(f"/beacon/{rng.choice(ids)}/", headers=reader(n))
            return response.status_code == 204

        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{base}/healthz", timeout=2).raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("bench-beacons: the server did not start") from None
                    time.sleep(0.2)
            say("warming up …")
            with httpx.Client(base_url=base) as http:
                for n in range(200):
                    healthz(http, n, random.Random(n))  # noqa: S311
                    http.post(f"/beacon/{ids[0]}/", headers=reader(n, network=11))
            runs = []
            for name, request in (("/healthz", healthz), ("beacon", beacon)):
                say(f"{name}: up to {REQUESTS:,} requests or {SECONDS:.0f} s, {THREADS} threads")
                runs.append(load(base, name, server.pid, request))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        counted = int(manage(env, "-c", COUNTED).strip()) - 200  # less the warm-up's

    print(f"\nView beacons: granian (1 worker), production settings, SQLite, {THREADS} client "
          f"threads (httpx, kept-alive), one new visitor (address) per beacon")  # fmt: skip
    print(f"{'':10} {'requests':>9} {'failed':>7} {'req/s':>8} {'server CPU ms/req':>18}")
    for run in runs:
        print(
            f"{run.name:10} {run.requests:9} {run.failures:7} {run.per_second:8.0f} "
            f"{run.cpu_per_request:18.3f}"
        )
    health, beacons = runs
    print(f"\nbeacons counted in the database: {counted:,} of {beacons.requests:,} answered")
    print(
        f"beacons per second: {beacons.per_second:.0f}; server CPU per beacon: "
        f"{beacons.cpu_per_request:.2f} ms, {beacons.cpu_per_request / health.cpu_per_request:.1f}"
        f" × an empty request (/healthz {health.cpu_per_request:.2f} ms), "
        f"+{beacons.cpu_per_request - health.cpu_per_request:.2f} ms"
    )
    return 0 if not beacons.failures and not health.failures else 1


if __name__ == "__main__":
    sys.exit(main())
