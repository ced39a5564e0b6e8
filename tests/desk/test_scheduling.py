"""Scheduled publishing inside the app: the scheduler's tick publishes what is due, on time,
once, even with two schedulers, and catches up after a downtime. The clock is injected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from gazette.articles.models import Article, ArticleEvent
from gazette.articles.services import article_publish_scheduled, articles_due
from gazette.newsroom.scheduler import scheduler_tick
from gazette.states import ArticleState
from tests.conftest import start_manage, stop_process, subprocess_env
from tests.desk.desk_people import article_in

NINE = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)  # 09:00 in Vienna


def scheduled_at(at: datetime, **fields: object) -> Article:
    return article_in(ArticleState.SCHEDULED, scheduled_for=at, **fields)


@pytest.mark.django_db
def test_it_publishes_a_scheduled_article_at_its_time_and_only_then(
    django_capture_on_commit_callbacks,
):
    article = scheduled_at(NINE)

    assert scheduler_tick(now=NINE - timedelta(seconds=1)).published == ()
    article.refresh_from_db()
    assert article.state == ArticleState.SCHEDULED

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = scheduler_tick(now=NINE)
    assert report.published == (article.pk,)
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED and article.made_public_at == NINE
    assert article.scheduled_for is None
    assert any("discover_later" in c.__qualname__ for c in callbacks), "search follows"
    event = ArticleEvent.objects.get(article=article)
    assert (event.action, event.actor, event.via) == ("publish", None, "scheduler")
    assert "Scheduled for 2026-12-05 09:00 CET" in event.note

    assert scheduler_tick(now=NINE + timedelta(minutes=1)).published == (), "once"
    assert ArticleEvent.objects.filter(article=article).count() == 1


@pytest.mark.django_db
def test_it_catches_up_after_a_downtime_in_go_live_order():
    late = scheduled_at(NINE + timedelta(hours=2))
    early = scheduled_at(NINE)
    future = scheduled_at(NINE + timedelta(days=2))

    report = scheduler_tick(now=NINE + timedelta(hours=5))  # down from 08:30 to 14:00

    assert report.published == (early.pk, late.pk)
    future.refresh_from_db()
    assert future.state == ArticleState.SCHEDULED


@pytest.mark.django_db
def test_two_schedulers_that_both_saw_an_article_due_publish_it_once():
    article = scheduled_at(NINE)
    seen_by_first = articles_due(now=NINE)  # the first scheduler reads what is due …
    assert scheduler_tick(now=NINE).published == (article.pk,)  # … the second publishes it

    [(article_id, scheduled_for)] = seen_by_first
    assert (
        article_publish_scheduled(article_id=article_id, scheduled_for=scheduled_for, now=NINE)
        is None
    ), "the first scheduler's conditional UPDATE changes no row"
    assert ArticleEvent.objects.filter(article=article).count() == 1


@pytest.mark.django_db
def test_an_article_rescheduled_meanwhile_is_not_published_at_its_old_time():
    article = scheduled_at(NINE)
    [(article_id, old_time)] = articles_due(now=NINE)
    Article.objects.filter(pk=article.pk).update(scheduled_for=NINE + timedelta(hours=1))
    assert (
        article_publish_scheduled(article_id=article_id, scheduled_for=old_time, now=NINE) is None
    )
    article.refresh_from_db()
    assert article.state == ArticleState.SCHEDULED


@pytest.mark.django_db(transaction=True)
def test_two_scheduler_processes_publish_each_due_article_once():
    from django.utils import timezone

    articles = [scheduled_at(timezone.now() - timedelta(minutes=n)) for n in range(1, 25)]
    env = subprocess_env()
    first = start_manage("run_scheduler", "--once", env=env)
    second = start_manage("run_scheduler", "--once", env=env)
    outputs = []
    for process in (first, second):
        process.wait(timeout=120)
        outputs.append(stop_process(process))
    assert first.returncode == 0 and second.returncode == 0, outputs

    for article in articles:
        article.refresh_from_db()
        assert article.state == ArticleState.PUBLISHED
        assert ArticleEvent.objects.filter(article=article, action="publish").count() == 1
    assert Client().get(articles[0].get_absolute_url()).status_code == 200
