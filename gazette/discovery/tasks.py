"""Thin task functions taking ids; services do the work."""

from __future__ import annotations

from django_tasks import task

from gazette.discovery.services import article_discover


@task()
def discover_article(article_id: int) -> None:
    article_discover(article_id=article_id)
