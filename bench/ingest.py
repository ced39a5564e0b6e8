"""Ingest benchmark: N articles from a loopback outlet through the whole pipeline.

Prints articles per second for
(a) extraction alone: `extract_article` over the same pages, already fetched and decoded, in
    this one process (one core);
(b) the pipeline on the default setup (SQLite in WAL mode, the django-tasks database backend,
    `--workers` db_worker processes, one by default as `make demo` runs it, with no log line
    per task), timed from one scheduler tick to two moments:
    - "published": every entry extracted (or failed): feed poll, page fetch, Document stored,
      extraction, dedupe, Article stored and published;
    - "discovered": the task queue empty, i.e. also the follow-up of every published article
      (search index, embedding, story clustering) done.
The ratios (b)/(a) say what the pipeline costs on top of extraction. The outlet server runs
in this process, on the same cores; the load average is printed because other work on the
machine slows both sides.

Usage: python bench/ingest.py [--articles 1000] [--workers 1]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_outlet(count: int):  # type: ignore[no-untyped-def]
    """A synthetic English daily: every article a unique mix of the demo outlets' paragraphs."""
    import re

    from gazette.demo.outlets import OUTLETS, OutletArticle

    courier = next(outlet for outlet in OUTLETS if outlet.slug == "courier")
    pool = [
        paragraph
        for outlet in OUTLETS
        if outlet.language == "en"
        for article in outlet.articles
        for paragraph in re.findall(r"<p>.*?</p>", article.body_html, re.S)
    ]
    rng = random.Random(42)  # noqa: S311  (reproducible test data, not secrets)
    start = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
    articles = []
    for n in range(count):
        paragraphs = rng.sample(pool, 7)
        body = f"<p>Report number {n} from the bench desk.</p>" + "".join(paragraphs)
        articles.append(
            OutletArticle(
                slug=f"bench-{n}",
                title=f"Bench story {n}: {rng.choice(['harbour', 'river', 'rail'])} news",
                standfirst=f"The {n}th story of the ingest benchmark.",
                author=f"Reporter {n % 17}",
                section="News",
                published=start + timedelta(minutes=17 * n),
                modified=None,
                body_html=body,
                path=f"/news/bench/{n}.html",
                event=None,
                wire_id=None,
            )
        )
    return dataclasses.replace(courier, articles=tuple(articles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--workers", type=int, default=1, help="db_worker processes (the README runs one)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="gazette-bench-ingest-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "gazette.settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "FETCH_ALLOW_PRIVATE": "true",
            "FETCH_HOST_DELAY": "0",
            "LISTING_MAX_ITEMS": str(args.articles),
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from gazette.articles.models import Article
    from gazette.demo.outlets import OutletServer
    from gazette.discovery.models import ArticleEmbedding
    from gazette.ingest.extract import FeedHints, extract_article
    from gazette.ingest.models import Entry
    from gazette.newsroom.scheduler import scheduler_tick
    from gazette.sources.services import source_register
    from gazette.states import EntryState, LicencePolicy

    call_command("migrate", verbosity=0)
    outlet = build_outlet(args.articles)
    print(
        f"machine: {os.cpu_count()} cores, load average {_load()}; {args.articles} articles; "
        f"{args.workers} db_worker process(es); FETCH_BATCH_SIZE {settings.FETCH_BATCH_SIZE}; "
        f"database {workdir}"
    )
    finished = [EntryState.EXTRACTED, EntryState.FAILED, EntryState.NEEDS_ATTENTION]
    pending = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    with OutletServer(outlet) as server:
        print("fetching the pages once for the extraction-only baseline …", flush=True)
        pages = []
        for article in outlet.articles:
            url = server.base_url + article.path
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                pages.append((url, response.read().decode("utf-8")))
        started = time.perf_counter()
        for url, html in pages:
            extract_article(html, url=url, hints=FeedHints())
        extraction_seconds = time.perf_counter() - started

        source_register(
            name="Bench Courier",
            feed_url=server.feed_url,
            language="en",
            licence=LicencePolicy.FULL,
        )
        workers = [
            subprocess.Popen(
                [sys.executable, str(ROOT / "manage.py"), "run_worker", "--no-reload",
                 "--no-startup-delay", "--interval", "0.05", "--verbosity", "0",
                 "--worker-id", f"bench-{n}"],
                cwd=ROOT, env=os.environ.copy(),
            )
            for n in range(args.workers)
        ]  # fmt: skip
        try:
            time.sleep(2)  # let the workers start before the clock does
            started = time.perf_counter()
            scheduler_tick()
            published_seconds = discovered_seconds = 0.0
            while not discovered_seconds:
                time.sleep(0.1)
                done = Entry.objects.filter(state__in=finished).count()
                if not published_seconds and done >= args.articles:
                    published_seconds = time.perf_counter() - started
                queued = DBTaskResult.objects.filter(status__in=pending).count()
                if published_seconds and not queued:
                    discovered_seconds = time.perf_counter() - started
                print(f"\rpipeline: {done}/{args.articles}, {queued} tasks queued ", end="")
                if any(worker.poll() is not None for worker in workers):
                    raise SystemExit("a worker died; see its output above")
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
        print()
    failed = Entry.objects.exclude(state=EntryState.EXTRACTED).count()
    published = Article.objects.published().count()
    embedded = ArticleEmbedding.objects.count()
    tasks = dict(
        DBTaskResult.objects.values_list("task_path").annotate(n=Count("id")).order_by("task_path")
    )
    extraction_rate = args.articles / extraction_seconds
    where = f"{args.workers} db_worker" + ("s" if args.workers > 1 else "")
    rows = [
        ("extraction alone (1 process)", extraction_rate, extraction_seconds),
        (f"pipeline, published ({where})", args.articles / published_seconds, published_seconds),
        (f"pipeline, discovered ({where})", args.articles / discovered_seconds, discovered_seconds),
    ]
    print(f"\n{'':38}{'articles/s':>12}{'seconds':>10}{'ratio':>8}")
    for label, rate, seconds in rows:
        print(f"{label:38}{rate:12.1f}{seconds:10.1f}{rate / extraction_rate:8.2f}")
    print("goal: ratio ≥ 0.75 (issue 5)")
    print(f"published {published}, embedded {embedded}, failed {failed}")
    print("tasks run: " + ", ".join(f"{path.rsplit('.', 1)[1]} {n}" for path, n in tasks.items()))
    print(f"load average at the end: {_load()}")


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
