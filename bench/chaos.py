"""Chaos benchmark: a worker killed with SIGKILL again and again while it ingests an outlet.

A loopback outlet with N articles (the ingest benchmark's synthetic English daily) is polled
once; the worker is killed with SIGKILL at random moments K times and started again at once,
while the scheduler runs as a deployment runs it (its reaper queues again what the dead worker
left). Nobody retries anything by hand. At the end it prints, per setup,

    published N/300, indexed N/300, lost N, duplicated N, stuck N, drained in S s

- published: articles public on the site (one per outlet URL);
- indexed: published articles embedded and in the search index (one transaction does both);
- lost: outlet URLs with no published article when the run ends;
- duplicated: articles beyond one per outlet URL;
- stuck: entries not extracted, plus tasks still queued or running, when the run ends;
- drained: seconds from the first poll until every article was published and indexed and the
  queue was empty (or the time limit, then marked as not drained).

Setups: SQLite with the database task backend (`run_worker`), and PostgreSQL with RQ on Redis
when both answer on 127.0.0.1 (skipped with the reason otherwise). The lease and reap times
are shortened (TASK_LEASE_SECONDS, REAP_AFTER_SECONDS) so the run takes minutes, not hours;
the mechanism is the one production runs.

Usage: python bench/chaos.py [--articles 300] [--kills 20] [--setups sqlite,postgres-rq]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "gazette_bench_chaos"
REDIS_URL = "redis://127.0.0.1:6379/14"
TIME_LIMIT = 900.0


@dataclass
class Outcome:
    setup: str
    published: int
    indexed: int
    lost: int
    duplicated: int
    stuck: int
    seconds: float
    drained: bool
    kills: int
    reaped: str

    def line(self, total: int) -> str:
        drained = (
            f"drained in {self.seconds:.0f} s"
            if self.drained
            else (f"NOT drained after {self.seconds:.0f} s")
        )
        return (
            f"{self.setup}: published {self.published}/{total}, indexed {self.indexed}/{total}, "
            f"lost {self.lost}, duplicated {self.duplicated}, stuck {self.stuck}, {drained} "
            f"({self.kills} SIGKILLs; {self.reaped})"
        )


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), 2):
            return True
    except OSError:
        return False


def environment(setup: str, workdir: Path, articles: int) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gazette.settings",
        "DATA_DIR": str(workdir),
        "FETCH_ALLOW_PRIVATE": "true",
        "FETCH_HOST_DELAY": "0",
        "LISTING_MAX_ITEMS": str(articles),
        "LOG_LEVEL": "ERROR",
        "TASK_HEARTBEAT_SECONDS": "1",
        "TASK_LEASE_SECONDS": "5",
        "REAP_AFTER_SECONDS": "15",
        "SCHEDULER_INTERVAL": "1",
        "PYTHONUNBUFFERED": "1",
    }
    if setup == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'chaos.sqlite3'}"
        env["TASKS_BACKEND"] = "database"
    else:
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
        env["TASKS_BACKEND"] = "rq"
        env["REDIS_URL"] = REDIS_URL
    return env


def prepare_postgres() -> None:
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def worker_command(setup: str, n: int) -> list[str]:
    manage = [sys.executable, str(ROOT / "manage.py")]
    if setup == "sqlite":
        return [*manage, "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
                "--verbosity", "0", "--worker-id", f"chaos-{n}"]  # fmt: skip
    return [*manage, "rqworker", "default", "--job-class", "django_tasks_rq.Job",
            "--with-scheduler", "--worker-ttl", "5", "-v", "0"]  # fmt: skip


def start(command: list[str], env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    # A session of its own, so SIGKILL reaches the process and any child it forked (RQ's
    # work horse), as when a machine or container dies.
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def run_setup(setup: str, articles: int, kills: int, seed: int) -> Outcome:
    workdir = Path(tempfile.mkdtemp(prefix=f"gazette-chaos-{setup}-"))
    env = environment(setup, workdir, articles)
    if setup != "sqlite":
        prepare_postgres()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    code = """
import django, json, sys
django.setup()
from gazette.sources.services import source_register
from gazette.states import LicencePolicy
source_register(name="Chaos Courier", feed_url=sys.argv[1], language="en",
                licence=LicencePolicy.FULL)
"""
    from ingest import build_outlet  # bench/ingest.py: the synthetic English daily

    from gazette.demo.outlets import OutletServer

    outlet = build_outlet(articles)
    rng = random.Random(seed)  # noqa: S311  (reproducible chaos, not secrets)
    log = (workdir / "processes.log").open("wb")
    print(f"{setup}: {articles} articles, {kills} SIGKILLs; logs in {workdir}", flush=True)
    with OutletServer(outlet) as server:
        base_url = server.base_url
        subprocess.run([sys.executable, "-c", code, server.feed_url], cwd=ROOT, env=env, check=True)
        scheduler = start(
            [sys.executable, str(ROOT / "manage.py"), "run_scheduler", "--interval", "1"], env, log
        )
        worker = start(worker_command(setup, 0), env, log)
        started = time.monotonic()
        done_kills = 0
        try:
            for n in range(1, kills + 1):
                time.sleep(rng.uniform(0.3, 3.0))
                kill(worker)
                done_kills += 1
                worker = start(worker_command(setup, n), env, log)
                print(f"\r{setup}: SIGKILL {done_kills}/{kills}", end="", flush=True)
            print()
            drained = False
            while time.monotonic() - started < TIME_LIMIT:
                state = measure(env, articles, base_url)
                print(
                    f"\r{setup}: published {state['published']}/{articles}, indexed "
                    f"{state['indexed']}/{articles}, queued {state['queued']}   ",
                    end="",
                    flush=True,
                )
                if state["indexed"] >= articles and state["queued"] == 0:
                    drained = True
                    break
                time.sleep(1)
            seconds = time.monotonic() - started
            print()
        finally:
            kill(worker)
            kill(scheduler)
            log.close()
    final = measure(env, articles, base_url)
    reaped = ", ".join(
        line.split("scheduler: ", 1)[1]
        for line in (workdir / "processes.log").read_text(errors="replace").splitlines()
        if "queued again" in line
    )
    return Outcome(
        setup=setup,
        published=final["published"],
        indexed=final["indexed"],
        lost=final["lost"],
        duplicated=final["duplicated"],
        stuck=final["stuck"],
        seconds=seconds,
        drained=drained,
        kills=done_kills,
        reaped=f"{reaped.count('queued again')} reaper rounds" if reaped else "no reaper rounds",
    )


MEASURE = """
import django, json, sys
django.setup()
from django.conf import settings
from django.db.models import Count
from gazette.articles.models import Article
from gazette.discovery.models import ArticleEmbedding
from gazette.ingest.models import Entry
from gazette.states import EntryState
base = sys.argv[1]
ours = Article.objects.filter(original_url__startswith=base)
published = ours.filter(pk__in=Article.objects.published().values("pk"))
urls = set(published.values_list("original_url", flat=True))
queued = 0
if settings.TASKS_BACKEND == "database":
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    queued = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).count()
else:
    import django_rq
    from rq.registry import StartedJobRegistry
    queue = django_rq.get_queue("default")
    queued = queue.count + StartedJobRegistry(queue=queue).count
print(json.dumps({
    "published": len(urls),
    "indexed": ArticleEmbedding.objects.filter(article__in=published).count(),
    "lost": int(sys.argv[2]) - len(urls),
    "duplicated": ours.count() - ours.values("original_url").distinct().count(),
    "stuck": Entry.objects.exclude(state=EntryState.EXTRACTED).count() + queued,
    "queued": queued,
}))
"""


def measure(env: dict[str, str], articles: int, base_url: str) -> dict[str, int]:
    import json

    out = subprocess.run(
        [sys.executable, "-c", MEASURE, base_url, str(articles)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--setups", default="sqlite,postgres-rq")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")
    import django

    django.setup()  # for the outlet server's templates; the pipeline runs in subprocesses
    outcomes = []
    for setup in args.setups.split(","):
        if setup == "postgres-rq" and not (
            reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379)
        ):
            print("postgres-rq: skipped: PostgreSQL or Redis does not answer on 127.0.0.1")
            continue
        outcomes.append(run_setup(setup, args.articles, args.kills, args.seed))
    print("\nchaos benchmark (goal: all published and indexed, 0 lost, 0 duplicated, 0 stuck)")
    for outcome in outcomes:
        print(outcome.line(args.articles))


if __name__ == "__main__":
    main()
