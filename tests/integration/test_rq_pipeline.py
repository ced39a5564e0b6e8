"""The same pipeline on RQ workers over Redis (run by `make test-redis`)."""

from __future__ import annotations

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
