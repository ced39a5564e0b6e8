"""A real worker process killed with SIGKILL in the middle of ingesting, again and again: every
article is still published and indexed once, with no manual step (`make bench-chaos` does the
same with 300 articles and 20 kills)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from typing import Any

import pytest
from django.conf import settings as django_settings

from gazette.articles.models import Article
from gazette.discovery.models import ArticleEmbedding
from gazette.ingest.models import Entry
from gazette.newsroom.scheduler import scheduler_tick
from gazette.states import ArticleState, EntryState
from tests.conftest import start_manage, stop_process, subprocess_env, wait_until
from tests.newsroom import Newsroom

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        django_settings.TASKS_BACKEND != "database",
        reason="kills the database queue's worker; the RQ run has its own test",
    ),
]


def start_worker(n: int) -> subprocess.Popen[bytes]:
    return start_manage(
        "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1",
        "--worker-id", f"doomed-{n}",
        env=subprocess_env(TASK_HEARTBEAT_SECONDS="0.5"),
    )  # fmt: skip


def sigkill(worker: subprocess.Popen[bytes]) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()


def test_killed_workers_lose_nothing_and_duplicate_nothing(
    served_newsroom: Newsroom, settings: Any
):
    settings.TASK_LEASE_SECONDS = 2
    settings.REAP_AFTER_SECONDS = 4
    english = [served_newsroom.courier, served_newsroom.wire]
    rng = random.Random(3)

    assert scheduler_tick().sources == 3  # the Tagblatt too; it waits for a translator
    worker = start_worker(0)
    try:
        for n in range(1, 5):  # killed at random moments while it works, and started again
            time.sleep(rng.uniform(0.2, 1.2))
            sigkill(worker)
            worker = start_worker(n)

        def drained() -> bool:
            scheduler_tick()  # the scheduler keeps ticking, as in a deployment
            published = Article.objects.published().filter(source__in=english)
            return (
                not Entry.objects.exclude(state=EntryState.EXTRACTED).exists()
                and published.exists()
                and ArticleEmbedding.objects.filter(article__in=published).count()
                == published.count()
            )

        done = wait_until(drained, timeout=120, interval=1)
    finally:
        output = stop_process(worker)
    assert done, f"not drained: {list(Entry.objects.values_list('state', 'last_error'))}\n{output}"

    articles = Article.objects.filter(source__in=english)
    urls = list(articles.values_list("original_url", flat=True))
    assert len(urls) == len(set(urls)), "no outlet URL stored twice"
    assert Entry.objects.filter(source__in=english).count() == len(urls), "every entry stored"
    live = articles.exclude(state=ArticleState.DUPLICATE)
    assert set(live.values_list("state", flat=True)) == {ArticleState.PUBLISHED}
    assert ArticleEmbedding.objects.filter(article__in=live).count() == live.count()
