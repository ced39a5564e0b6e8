"""Thin task functions taking ids; services do the work."""

from __future__ import annotations

from django_tasks import task

from gazette.discovery.services import article_discover, articles_discover


@task()
def discover_article(article_id: int) -> None:
    article_discover(article_id=article_id)


@task()
def discover_articles(article_ids: list[int]) -> int:
    """Several articles in one task: the queue's per-task cost is paid once per batch."""
    return articles_discover(article_ids=article_ids)
