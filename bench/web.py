#!/usr/bin/env python3
# ruff: noqa: S108  (the "/tmp" paths are inside a fresh TemporaryDirectory)
"""Benchmark of the public home page and article page (not a test; `make bench-web`).

Seeds 10,000 articles into a fresh SQLite database, then, on loopback, measures the home page
and one article page, each three ways with the same load generator: through Gazette's
production server and settings (granian, one worker) with the page cache off ("uncached")
and on ("cached"), and the same HTML bytes from nginx (one worker) as a static file.
Prints requests/s, p50/p99 latency and server CPU ms per request, and the ratios against the goals:
cached ≥ 0.6 × static for both, uncached ≤ 10 ms CPU per request for the home page and ≤ 5 ms
for the article page.

Fairness and noise: on a machine with two or more cores every server is pinned to the first
core and the load generator to the second, so each server gets one whole core and the client
never competes with it. Cached and static are measured in alternating rounds
(BENCH_ROUNDS, default 3) and the median round is reported, so a burst of other work on a
shared machine moves both sides rather than one; uncached runs as many rounds, and the
round with the median CPU per request is reported.

Uses wrk when installed (Debian's `wrk`), else a small threaded Python client.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
DURATION = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
TICKS = os.sysconf("SC_CLK_TCK")
CORES = sorted(os.sched_getaffinity(0))
# One core for the server under test, the rest for the load generator (when there are two).
SERVER_CORES = {CORES[0]}
CLIENT_CORES = set(CORES[1:]) or SERVER_CORES
# Goals for the server's CPU per uncached request (issue 15).
HOME_CPU_GOAL_MS = 10.0
ARTICLE_CPU_GOAL_MS = 5.0


def pin_server() -> None:
    """preexec_fn for server processes: run on the server core only."""
    os.sched_setaffinity(0, SERVER_CORES)


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_per_request(self) -> float:
        return self.cpu_ms / max(self.requests, 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench-web: {url} did not answer within {timeout:.0f} s")


def process_tree_cpu_ms(pid: int) -> float:
    """utime + stime of a process and its children (granian's workers), in milliseconds."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return total * 1000 / TICKS


def load_wrk(url: str) -> tuple[int, float, float, float]:
    out = subprocess.run(
        ["wrk", f"-t{len(CLIENT_CORES)}", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=lambda: os.sched_setaffinity(0, CLIENT_CORES),
    ).stdout

    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", out)[1])  # type: ignore[index]
    seconds = float(re.search(r"requests in ([\d.]+)s", out)[1])  # type: ignore[index]
    if re.search(r"Non-2xx", out):
        raise SystemExit(f"bench-web: non-2xx answers from {url}:\n{out}")
    return requests, seconds, ms("50"), ms("99")


def load_python(url: str) -> tuple[int, float, float, float]:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + DURATION

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port)
        mine: list[float] = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            conn.request("GET", parts.path)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(min(CONNECTIONS, 8))]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    n = len(latencies)
    return n, time.monotonic() - began, latencies[n // 2], latencies[min(n - 1, n * 99 // 100)]


LOAD = load_wrk if shutil.which("wrk") else load_python


def measure(name: str, url: str, pid: int, *, warm: bool = True) -> Result:
    if warm:
        LOAD(url)  # warm up (fills the page cache, template cache, OS caches)
    before = process_tree_cpu_ms(pid)
    requests, seconds, p50, p99 = LOAD(url)
    return Result(name, requests, seconds, p50, p99, process_tree_cpu_ms(pid) - before)


def reference_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop on the server core: how fast this machine runs
    Python right now (shared machines vary by half from hour to hour), printed beside the
    figures so runs on different days can be read against each other."""
    script = "import time\nt = time.process_time()\ns = 0\nfor i in range(10**7): s += i\n"
    script += "print(time.process_time() - t)"
    done = subprocess.run(
        [PYTHON, "-c", script], capture_output=True, text=True, check=True, preexec_fn=pin_server
    )
    return float(done.stdout)


def median_round(rounds: list[Result]) -> Result:
    return sorted(rounds, key=lambda r: r.rps)[len(rounds) // 2]


def seed(env: dict[str, str]) -> str:
    """Migrate and seed; return the path of one article page."""
    script = f"""
import django, random
django.setup()
from datetime import timedelta
from django.core.management import call_command
from django.utils import timezone
call_command("migrate", verbosity=0)
from gazette.articles.models import Article, Section, Tag
from gazette.sources.models import Source
from gazette.states import ArticleState, LicencePolicy
sources = [Source.objects.create(name=f"Outlet {{i}}", slug=f"outlet-{{i}}", language="en",
           feed_url=f"http://127.0.0.1:9/{{i}}.xml", homepage="http://127.0.0.1:9/",
           licence=LicencePolicy.FULL) for i in range(5)]
sections = [Section.objects.create(name=n, slug=n.lower()) for n in
            ("Politics", "Economy", "World", "Local", "Science", "Culture", "Sport")]
tags = [Tag.objects.create(name=f"Topic {{i}}", slug=f"topic-{{i}}") for i in range(50)]
rng = random.Random(7)
now = timezone.now()
paragraph = "<p>" + "The council met on Thursday to decide who pays for the repairs. " * 8 + "</p>"
body = (paragraph * 3 + "<h2>What happens next</h2>" + paragraph * 3)
articles = [Article(source=rng.choice(sources), section=rng.choice(sections),
    title=f"Story {{n}}: storm damage and what the council will do", slug=f"story-{{n}}",
    standfirst="Forty metres of the harbour wall gave way. The council meets on Thursday.",
    body_html=body, author="Maren Holt", author_slug="maren-holt",
    published_at=now - timedelta(minutes=7 * n), language="en",
    original_url=f"http://127.0.0.1:9/story-{{n}}.html", state=ArticleState.PUBLISHED,
    made_public_at=now - timedelta(minutes=7 * n)) for n in range({ARTICLES})]
Article.objects.bulk_create(articles, batch_size=500)
through = Article.tags.through
ids = list(Article.objects.values_list("pk", flat=True))
through.objects.bulk_create([through(article_id=i, tag_id=t.pk) for i in ids
                             for t in rng.sample(tags, 3)], batch_size=2000)
print(Article.objects.get(slug="story-500").get_absolute_url())
"""
    done = subprocess.run(
        [PYTHON, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"bench-web: seeding failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1]


def start_granian(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    granian = str(Path(PYTHON).with_name("granian"))
    return subprocess.Popen(
        [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--blocking-threads", "1", "--no-access-log", "--log-level", "warning",
         "gazette.wsgi:application"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sys.stderr, preexec_fn=pin_server,
    )  # fmt: skip


def start_nginx(folder: Path, port: int) -> subprocess.Popen[bytes]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {folder}/tmp; proxy_temp_path {folder}/tmp;
  fastcgi_temp_path {folder}/tmp; uwsgi_temp_path {folder}/tmp; scgi_temp_path {folder}/tmp;
  default_type text/html;
  server {{
    listen 127.0.0.1:{port}; root {folder}/www;
    location / {{ try_files $uri/index.html =404; }}
  }}
}}
"""
    )
    return subprocess.Popen([nginx, "-c", str(conf), "-p", str(folder)], preexec_fn=pin_server)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def bench_page(
    env: dict[str, str], folder: Path, path: str
) -> tuple[list[Result], list[float], bytes]:
    """Uncached, cached and static rounds of one page: (median results, cached/static ratio of
    each round, the page's bytes)."""
    servers: list[subprocess.Popen[bytes]] = []
    try:
        port = free_port()
        uncached = start_granian({**env, "PAGE_CACHE_SECONDS": "0"}, port)
        servers.append(uncached)
        url = f"http://127.0.0.1:{port}{path}"
        wait_for(url)
        with urllib.request.urlopen(url) as response:
            html = response.read()
        LOAD(url)  # warm up
        uncached_rounds = [
            measure("gazette uncached", url, uncached.pid, warm=False) for _ in range(ROUNDS)
        ]
        uncached_rounds.sort(key=lambda r: r.cpu_per_request)
        results = [uncached_rounds[len(uncached_rounds) // 2]]
        print(
            f"bench-web: {path} uncached CPU ms/request by round: "
            + ", ".join(f"{r.cpu_per_request:.2f}" for r in uncached_rounds),
            file=sys.stderr,
            flush=True,
        )
        stop(uncached)

        www = folder / "www" / path.strip("/")
        www.mkdir(parents=True, exist_ok=True)
        (www / "index.html").write_bytes(html)
        cached_port, static_port = free_port(), free_port()
        cached = start_granian({**env, "PAGE_CACHE_SECONDS": "600"}, cached_port)
        nginx = start_nginx(folder, static_port)
        servers += [cached, nginx]
        urls = {
            "gazette cached": (f"http://127.0.0.1:{cached_port}{path}", cached.pid),
            "nginx static": (f"http://127.0.0.1:{static_port}{path}", nginx.pid),
        }
        for name, (url, _pid) in urls.items():
            try:
                wait_for(url, timeout=30)
            except SystemExit:
                if name == "nginx static":
                    print((folder / "error.log").read_text(errors="replace"), file=sys.stderr)
                raise
            LOAD(url)  # warm up both before the first round
        rounds: dict[str, list[Result]] = {name: [] for name in urls}
        for number in range(1, ROUNDS + 1):
            for name, (url, pid) in urls.items():
                rounds[name].append(measure(name, url, pid, warm=False))
            ratio = rounds["gazette cached"][-1].rps / rounds["nginx static"][-1].rps
            print(f"bench-web: {path} round {number}/{ROUNDS}: cached/static {ratio:.2f}",
                  file=sys.stderr, flush=True)  # fmt: skip
        results += [median_round(rounds[name]) for name in urls]
    finally:
        for server in servers:
            if server.poll() is None:
                stop(server)
    round_ratios = sorted(
        c.rps / s.rps for c, s in zip(rounds["gazette cached"], rounds["nginx static"], strict=True)
    )
    return results, round_ratios, html


def report(label: str, path: str, html: bytes, results: list[Result], ratios: list[float],
           cpu_goal: float) -> None:  # fmt: skip
    print(f"\n{label} {path} ({len(html)} bytes)")
    print(f"{'':16} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11}")
    for r in results:
        print(
            f"{r.name:16} {r.rps:10.0f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} {r.cpu_per_request:11.3f}"
        )
    by = {r.name: r for r in results}
    static = by["nginx static"].rps
    ratio = ratios[len(ratios) // 2]
    uncached_cpu = by["gazette uncached"].cpu_per_request
    met = {True: "met", False: "NOT met"}
    spread = ", ".join(f"{r:.2f}" for r in ratios)
    print(
        f"cached / static throughput: {ratio:.2f}  (median round; rounds {spread}; "
        f"goal ≥ 0.6: {met[ratio >= 0.6]})"
    )
    print(f"uncached / static throughput: {by['gazette uncached'].rps / static:.3f}")
    print(
        f"uncached CPU per request: {uncached_cpu:.2f} ms  "
        f"(goal ≤ {cpu_goal:g} ms: {met[uncached_cpu <= cpu_goal]})"
    )


def main() -> None:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        raise SystemExit("bench-web: nginx is missing (apt-get install nginx-light)")
    with tempfile.TemporaryDirectory(prefix="gazette-bench-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # nginx's workers run as another user when started by root
        (folder / "tmp").mkdir()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "gazette.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": "bench-web-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATA_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "STATIC_ROOT": str(folder / "static"),
            "LOG_LEVEL": "WARNING",
        }
        reference = [reference_seconds()]
        print(f"bench-web: seeding {ARTICLES} articles …", file=sys.stderr, flush=True)
        path = seed(env)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            env=env, cwd=ROOT, check=True,
        )  # fmt: skip
        pages = {
            "Home page": ("/", HOME_CPU_GOAL_MS),
            "Article page": (path, ARTICLE_CPU_GOAL_MS),
        }
        measured = {label: bench_page(env, folder, page) for label, (page, _g) in pages.items()}
        reference.append(reference_seconds())

    tool = "wrk" if LOAD is load_wrk else "python client"
    pinning = (
        f"servers pinned to core {CORES[0]}, client to {sorted(CLIENT_CORES)}"
        if CLIENT_CORES != SERVER_CORES
        else "one core: servers and client share it"
    )
    print(f"\n{ARTICLES} articles, {tool}, {CONNECTIONS} connections, {DURATION} s, one server "
          f"worker each, {pinning}; each row the median of {ROUNDS} rounds (cached and static "
          "alternating)")  # fmt: skip
    print(
        f"machine speed: a 10-million-step Python loop took {reference[0]:.2f} s before and "
        f"{reference[1]:.2f} s after, on the server core, with this Python"
    )
    for label, (results, ratios, html) in measured.items():
        page, goal = pages[label]
        report(label, page, html, results, ratios, goal)


if __name__ == "__main__":
    main()
