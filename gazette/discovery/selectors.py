"""Reads for discovery pages: stories and their published reports."""

from __future__ import annotations

from django.db.models import QuerySet

from gazette.articles.models import Article
from gazette.articles.selectors import articles_published
from gazette.discovery.models import ArticleEmbedding, Story


def story_reports(story: Story) -> QuerySet[Article]:
    return articles_published().filter(embedding__story=story).order_by("published_at")


def embedding_of(article: Article) -> ArticleEmbedding | None:
    """The article's embedding and story, read once per article object (boxes share it), or
    taken from the article when it was read with `select_related("embedding__story")`."""
    if "_discovery_embedding" not in article.__dict__:
        if Article.embedding.is_cached(article):  # read with the article (select_related)
            try:
                found: ArticleEmbedding | None = article.embedding
            except ArticleEmbedding.DoesNotExist:
                found = None
        else:
            found = ArticleEmbedding.objects.filter(article=article).select_related("story").first()
        article.__dict__["_discovery_embedding"] = found
    embedding: ArticleEmbedding | None = article.__dict__["_discovery_embedding"]
    return embedding


def story_of(article: Article) -> Story | None:
    embedding = embedding_of(article)
    return embedding.story if embedding else None


def story_other_report_count(article: Article) -> tuple[Story | None, int]:
    story = story_of(article)
    if story is None:
        return None, 0
    return story, story_reports(story).exclude(pk=article.pk).count()
