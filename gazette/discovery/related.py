"""Related reports: same story first, then by content similarity, fresher preferred."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator

from gazette.articles.models import Article
from gazette.articles.selectors import articles_published
from gazette.discovery.embeddings.lexical import terms as lexical_terms
from gazette.discovery.embeddings.trained import configured_or_trained
from gazette.discovery.models import ArticleEmbedding
from gazette.discovery.search import search_candidate_ids
from gazette.discovery.selectors import embedding_of

CANDIDATES = 300
FRESHNESS_DAYS = 30.0  # an article this much older than the one read counts half


@dataclass
class RelatedItem:
    article: Article
    excerpt: str
    same_story: bool
    similarity: float


def excerpt(article: Article, words: int = 30) -> str:
    text = article.standfirst or html.unescape(strip_tags(article.body_html))
    return Truncator(" ".join(text.split())).words(words)


def excluded_ids(article: Article) -> set[int]:
    """The article itself, its original and the original's duplicates (a translation is the
    same article, not another one)."""
    original = article.duplicate_of_id or article.pk
    ids = set(
        Article.objects.filter(
            Q(pk=original) | Q(duplicate_of_id=original) | Q(pk=article.pk)
        ).values_list("pk", flat=True)
    )
    return ids


def related_articles(article: Article, *, limit: int = 4) -> list[RelatedItem]:
    embedding = embedding_of(article)
    if embedding is None:
        return []
    window = timedelta(days=settings.DISCOVERY_RELATED_WINDOW_DAYS)
    words = list(dict.fromkeys(lexical_terms(f"{article.title} {article.standfirst}")))[:12]
    ids = set(search_candidate_ids(words, limit=CANDIDATES))
    pool = ArticleEmbedding.objects.filter(backend=embedding.backend).filter(
        Q(article_id__in=ids, published_at__gte=embedding.published_at - window)
        | Q(story_id=embedding.story_id or -1)
    )
    published = articles_published().exclude(pk__in=excluded_ids(article))
    candidates = list(pool.filter(article__in=published).select_related("article__source")[:500])
    if not candidates:
        return []
    matrix = np.stack([candidate.as_array() for candidate in candidates])
    similarities = matrix @ embedding.as_array()
    least = configured_or_trained(
        settings.DISCOVERY_RELATED_MIN_SIMILARITY, embedding.backend, "related_min"
    )
    scored = []
    for candidate, similarity in zip(candidates, similarities, strict=True):
        same_story = bool(embedding.story_id) and candidate.story_id == embedding.story_id
        if not same_story and similarity < least:
            continue
        age = abs((embedding.published_at - candidate.published_at).total_seconds()) / 86400
        newer = candidate.published_at >= embedding.published_at
        freshness = 1.0 if newer else 1.0 / (1.0 + age / FRESHNESS_DAYS)
        scored.append((same_story, float(similarity) * freshness, candidate, float(similarity)))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    seen_titles: set[str] = set()
    items = []
    for same_story, _score, candidate, similarity in scored:
        key = candidate.article.title.casefold().strip()
        if key in seen_titles:  # a syndicated copy that escaped the duplicate check
            continue
        seen_titles.add(key)
        items.append(
            RelatedItem(candidate.article, excerpt(candidate.article), same_story, similarity)
        )
        if len(items) == limit:
            break
    return items
