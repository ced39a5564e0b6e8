"""Ingest benchmark: N articles from a loopback outlet through the whole pipeline.

Prints articles per second for (a) extraction alone over the same pages, already in memory,
and (b) the full pipeline on the default setup (one scheduler tick, one db_worker process,
SQLite): feed poll, page fetch, Document stored, extraction, dedupe, Article stored and
published. The ratio (b)/(a) says what the pipeline costs on top of extraction.

Usage: python bench/ingest.py [--articles 1000]
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
    from django.core.management import call_command

    from gazette.articles.models import Article
    from gazette.demo.outlets import OutletServer
    from gazette.ingest.extract import FeedHints, extract_article
    from gazette.ingest.models import Entry
    from gazette.ingest.scheduler import scheduler_tick
    from gazette.sources.services import source_register
    from gazette.states import EntryState, LicencePolicy

    call_command("migrate", verbosity=0)
    outlet = build_outlet(args.articles)
    print(f"machine: {os.cpu_count()} cores; {args.articles} articles; database {workdir}")
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
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload",
             "--no-startup-delay", "--interval", "0.05"],
            cwd=ROOT, env=os.environ.copy(),
        )  # fmt: skip
        try:
            time.sleep(2)  # let the worker start before the clock does
            started = time.perf_counter()
            scheduler_tick()
            done = 0
            while done < args.articles:
                time.sleep(0.25)
                done = Entry.objects.filter(
                    state__in=[EntryState.EXTRACTED, EntryState.FAILED, EntryState.NEEDS_ATTENTION]
                ).count()
                print(f"\rpipeline: {done}/{args.articles}", end="", flush=True)
                if worker.poll() is not None:
                    raise SystemExit("the worker died; see its output above")
            pipeline_seconds = time.perf_counter() - started
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        print()
    failed = Entry.objects.exclude(state=EntryState.EXTRACTED).count()
    published = Article.objects.published().count()
    extraction_rate = args.articles / extraction_seconds
    pipeline_rate = args.articles / pipeline_seconds
    print(f"\n{'':34}{'articles/s':>12}{'seconds':>10}")
    print(f"{'extraction alone (in memory)':34}{extraction_rate:12.1f}{extraction_seconds:10.1f}")
    print(f"{'full pipeline (1 db_worker)':34}{pipeline_rate:12.1f}{pipeline_seconds:10.1f}")
    print(f"ratio pipeline / extraction: {pipeline_rate / extraction_rate:.2f}  (goal ≥ 0.75)")
    print(f"published {published}, failed {failed}")


if __name__ == "__main__":
    main()
