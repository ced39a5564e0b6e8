"""The same pipeline on RQ workers over Redis (run by `make test-redis`)."""

from __future__ import annotations

import time

import pytest

from gazette.articles.models import Article
from gazette.demo.outlets import OUTLETS
from gazette.demo.services import demo_sources_register
from gazette.newsroom.scheduler import scheduler_tick
from gazette.states import ArticleState
from tests.conftest import start_manage, stop_process, subprocess_env, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_it_publishes_an_outlet_through_rq_workers(outlets):
    import django_rq

    queue = django_rq.get_queue("default")
    queue.empty()
    english = next(i for i, outlet in enumerate(OUTLETS) if outlet.language == "en")
    base_urls = [server.base_url for server in outlets]
    sources = demo_sources_register(base_urls=base_urls)
    for i, source in enumerate(sources):
        source.is_active = i == english
        source.save()

    assert scheduler_tick().sources == 1
    assert queue.count == 1, "the poll task waits in Redis"

    worker = start_manage(
        "rqworker", "default", "--job-class", "django_tasks_rq.Job",
        "--worker-class", "rq.worker.SimpleWorker", env=subprocess_env(),
    )  # fmt: skip
    expected = len(OUTLETS[english].articles)
    try:
        done = wait_until(
            lambda: Article.objects.filter(source=sources[english]).count() >= expected,
            timeout=120,
        )
    finally:
        output = stop_process(worker)
    assert done, output
    assert set(Article.objects.filter(source=sources[english]).values_list("state", flat=True)) == {
        ArticleState.PUBLISHED
    }


def test_rq_workers_killed_mid_ingest_lose_nothing(served_newsroom, settings):
    """SIGKILLed RQ workers (with their work horses): the scheduler's reaper queues again what
    they left, from RQ's registries and from the items' states."""
    import os
    import random
    import signal

    import django_rq

    from gazette.discovery.models import ArticleEmbedding
    from gazette.ingest.models import Entry
    from gazette.states import EntryState

    settings.REAP_AFTER_SECONDS = 4
    queue = django_rq.get_queue("default")
    queue.empty()
    wire = served_newsroom.wire
    for source in (served_newsroom.courier, served_newsroom.tagblatt):
        source.is_active = False
        source.save()
    assert scheduler_tick().sources == 1

    def start_worker():
        return start_manage(
            "rqworker", "default", "--job-class", "django_tasks_rq.Job", "--worker-ttl", "5",
            env=subprocess_env(), start_new_session=True,
        )  # fmt: skip

    rng = random.Random(5)
    worker = start_worker()
    try:
        for _ in range(3):
            time.sleep(rng.uniform(0.5, 1.5))
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            worker = start_worker()

        def drained() -> bool:
            scheduler_tick()
            published = Article.objects.published().filter(source=wire)
            return (
                not Entry.objects.filter(source=wire).exclude(state=EntryState.EXTRACTED).exists()
                and published.count() == Entry.objects.filter(source=wire).count() > 0
                and ArticleEmbedding.objects.filter(article__in=published).count()
                == published.count()
            )

        done = wait_until(drained, timeout=150, interval=1)
    finally:
        output = stop_process(worker)
    assert done, output
    urls = list(Article.objects.filter(source=wire).values_list("original_url", flat=True))
    assert len(urls) == len(set(urls)), "no outlet URL stored twice"
