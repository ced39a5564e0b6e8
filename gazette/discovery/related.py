"""Related reports: same story first, then by content similarity, fresher preferred.

Candidates whose cosine reaches the related threshold (or of the same story) are ranked by the
trained similarity map (`similarity.py`: the features of the pair, the map `make
train-stories` cross-validated on SemEval's pairs), so the cross-validated figure in
docs/stories.md is about what this ranks by."""

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
from gazette.discovery import similarity
from gazette.discovery.embeddings import local as local_backend
from gazette.discovery.embeddings.lexical import DIMENSIONS as LEXICAL_DIMENSIONS
from gazette.discovery.embeddings.lexical import terms as lexical_terms
from gazette.discovery.embeddings.trained import backend_params, configured_or_trained
from gazette.discovery.models import ArticleEmbedding
from gazette.discovery.search import body_text, search_candidate_ids
from gazette.discovery.selectors import embedding_of

CANDIDATES = 300
RERANKED = 40  # candidates the similarity map ranks (the nearest by cosine)
FRESHNESS_DAYS = 30.0  # an article this much older than the one read counts half


@dataclass
class RelatedItem:
    article: Article
    excerpt: str
    same_story: bool
    similarity: float  # 0 (very dissimilar) .. 1 (very similar): the trained map's score


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
    cosines = matrix @ embedding.as_array()
    least = configured_or_trained(
        settings.DISCOVERY_RELATED_MIN_SIMILARITY, embedding.backend, "related_min"
    )
    story = embedding.story_id
    kept = [
        (candidate, float(cosine))
        for candidate, cosine in zip(candidates, cosines, strict=True)
        if cosine >= least or (bool(story) and candidate.story_id == story)
    ]
    if not kept:
        return []
    # The map costs a few ms a candidate (their headlines' vectors, names): the nearest by cosine.
    # Same-story reports come first whatever their cosine.
    kept = sorted(
        kept, key=lambda item: (bool(story) and item[0].story_id == story, item[1]), reverse=True
    )[:RERANKED]
    closeness = pair_closeness(article, embedding, [candidate for candidate, _ in kept])
    scored = []
    for (candidate, _cosine), close in zip(kept, closeness, strict=True):
        same_story = bool(story) and candidate.story_id == story
        age = abs((embedding.published_at - candidate.published_at).total_seconds()) / 86400
        newer = candidate.published_at >= embedding.published_at
        freshness = 1.0 if newer else 1.0 / (1.0 + age / FRESHNESS_DAYS)
        scored.append((same_story, float(close) * freshness, candidate, float(close)))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    seen_titles: set[str] = set()
    items = []
    for same_story, _score, candidate, close in scored:
        key = candidate.article.title.casefold().strip()
        if key in seen_titles:  # a syndicated copy that escaped the duplicate check
            continue
        seen_titles.add(key)
        items.append(RelatedItem(candidate.article, excerpt(candidate.article), same_story, close))
        if len(items) == limit:
            break
    return items


def report_of(article: Article, vector: np.ndarray, backend: str) -> similarity.Report:
    """What the similarity map needs of an article: its text (as long as the dev pairs'),
    headline, language and the parts of its stored vector."""
    text = " ".join([article.title, article.standfirst, body_text(article)])
    model = None
    lexical = vector
    if backend.startswith("local"):
        lexical, model = (rows[0] for rows in local_backend.split(vector, LEXICAL_DIMENSIONS))
    return similarity.Report(
        text=text[: similarity.PAIR_CHARS],
        title=article.title,
        language=article.language,
        lexical=lexical,
        model=model,
    )


def pair_closeness(
    article: Article, embedding: ArticleEmbedding, candidates: list[ArticleEmbedding]
) -> np.ndarray:
    """The trained map's score of the article against each candidate, 0 (very dissimilar) ..
    1 (very similar); the cosine where the backend has no trained map (another model)."""
    own = embedding.as_array()
    backend = embedding.backend
    if not (backend.startswith("local") or backend == "lexical2"):
        return np.array([float(candidate.as_array() @ own) for candidate in candidates])
    params = backend_params(backend)["similarity"]
    reports = [report_of(article, own, backend)] + [
        report_of(candidate.article, candidate.as_array(), backend) for candidate in candidates
    ]
    others = np.arange(1, len(reports))
    features = similarity.pair_features(reports, np.zeros_like(others), others, params)
    return similarity.closeness(similarity.predict(features, params))
