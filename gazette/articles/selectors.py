"""Reads of articles shared by pages, feeds and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from gazette.articles.models import Article


def articles_published() -> QuerySet[Article]:
    return Article.objects.published().select_related("source").order_by("-published_at")


def article_published_by_slug(slug: str) -> Article | None:
    return articles_published().filter(slug=slug).first()
