"""Every discovery write: the search index, embeddings, stories (cluster, merge, split)."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from gazette.articles.models import Article
from gazette.discovery.clustering import cosines, story_to_join
from gazette.discovery.embeddings import embedder
from gazette.discovery.embeddings.lexical import idf_weight
from gazette.discovery.embeddings.lexical import terms as lexical_terms
from gazette.discovery.embeddings.trained import configured_or_trained
from gazette.discovery.models import ArticleEmbedding, LexicalTerm, Story, StoryRedirect
from gazette.discovery.search import (
    body_text,
    search_candidate_ids,
    search_candidates_sql,
    search_index_article,
)

logger = logging.getLogger(__name__)

BODY_CHARS = 4000  # the lede carries the story; the tail adds noise and work
CANDIDATE_ARTICLES = 300


def article_text(article: Article) -> str:
    """The site-language text that stands for the article (the headline counts twice)."""
    return "\n".join([article.title, article.title, article.standfirst, body_text(article)])[
        : BODY_CHARS + 1000
    ]


def story_thresholds(backend: str) -> tuple[float, float]:
    """(join, merge) cosines for whole articles of this backend."""
    return (
        configured_or_trained(settings.DISCOVERY_STORY_THRESHOLD, backend, "article_join"),
        configured_or_trained(settings.DISCOVERY_STORY_MERGE_THRESHOLD, backend, "article_merge"),
    )


def lexical_idf(
    words: Iterable[str], *, documents: Mapping[str, int] | None = None
) -> dict[str, float]:
    """IDF from the documents embedded so far (smoothed, as scikit-learn does).

    `documents`: the words' counts when the caller has them already (`_count_terms`).
    """
    wanted = list(set(words))
    total = ArticleEmbedding.objects.count()
    found: dict[str, int] = {}
    if documents is not None:
        found.update(documents)
    else:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(
                LexicalTerm.objects.filter(term__in=chunk).values_list("term", "documents")
            )
    return {word: idf_weight(total, found.get(word, 0)) for word in wanted}


def _count_terms(words: set[str]) -> dict[str, int]:
    """Add one document to each word's count, in one statement per chunk; returns the new
    counts (RETURNING, which SQLite and PostgreSQL both speak), so IDF needs no second read."""
    table = LexicalTerm._meta.db_table
    items = sorted(word[:100] for word in words)
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(items), 400):
            chunk = items[start : start + 400]
            values = ", ".join(["(%s, 1)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (term, documents) VALUES {values} "  # noqa: S608
                f"ON CONFLICT (term) DO UPDATE SET documents = {table}.documents + 1 "
                "RETURNING term, documents",
                chunk,
            )
            counts.update((str(term), int(documents)) for term, documents in cursor.fetchall())
    return counts


def article_embed(*, article: Article) -> ArticleEmbedding:
    """Embed the article's text, unless the stored vector is of this very text already."""
    text = article_text(article)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    counted: dict[str, int] | None = None  # a new article's words, once counted

    def idf(words: Iterable[str]) -> dict[str, float]:
        return lexical_idf(words, documents=counted)

    backend = embedder(idf=idf)
    existing = ArticleEmbedding.objects.filter(article=article).first()
    if existing and existing.text_hash == digest and existing.backend == backend.name:
        return existing
    if existing is None:
        counted = _count_terms(set(lexical_terms(text)))
    vector = backend.embed([text])[0].astype(np.float32).tobytes()
    if existing is None:
        try:
            with transaction.atomic():
                return ArticleEmbedding.objects.create(
                    article=article,
                    vector=vector,
                    backend=backend.name,
                    published_at=article.published_at,
                    text_hash=digest,
                )
        except IntegrityError:  # another worker embedded it meanwhile: this text wins
            existing = ArticleEmbedding.objects.get(article=article)
    embedding = existing
    embedding.vector, embedding.backend, embedding.text_hash = vector, backend.name, digest
    embedding.published_at = article.published_at
    embedding.save(update_fields=["vector", "backend", "published_at", "text_hash", "embedded_at"])
    if existing.story_id:  # the text changed: its story's centroid follows
        story = Story.objects.filter(pk=existing.story_id).first()
        if story is not None:
            _recompute(story)
    return embedding


def candidate_stories(
    *, article: Article, embedding: ArticleEmbedding, window: timedelta
) -> list[tuple[int, bytes, datetime]]:
    """(id, centroid, last article's time) of the candidate stories, latest first: the stories
    of the embeddings of the same backend, within the window, that share words with the
    article (the lexical pre-filter), or of the window's newest when no word finds any.

    One statement: the ids never travel through Python, and the window's embeddings are read
    from an index that holds their story (`embedding_window_idx`), not their vectors.
    """
    counts = Counter(lexical_terms(f"{article.title} {article.standfirst}"))
    words = list(counts)[:12]
    around = ArticleEmbedding.objects.filter(
        backend=embedding.backend,
        published_at__gte=embedding.published_at - window,
        published_at__lte=embedding.published_at + window,
    ).exclude(article=article)
    matching = search_candidates_sql(words, limit=CANDIDATE_ARTICLES)
    if matching is not None:
        # The search's own SELECT, its words passed as parameters.
        sharing = RawSQL(*matching)  # noqa: S611
        stories = _stories_of(around.filter(article_id__in=sharing), embedding)
        # An empty answer falls back only when no article at all shares a word.
        if stories or search_candidate_ids(words, limit=1):
            return stories
    return _stories_of(around.order_by("-published_at")[:CANDIDATE_ARTICLES], embedding)


def _stories_of(
    embeddings: QuerySet[ArticleEmbedding], embedding: ArticleEmbedding
) -> list[tuple[int, bytes, datetime]]:
    rows = Story.objects.filter(
        pk__in=embeddings.values("story_id"), backend=embedding.backend
    ).values_list("pk", "centroid", "last_article_at")
    return [(pk, bytes(centroid), last) for pk, centroid, last in rows]


@transaction.atomic
def article_cluster(*, article: Article, embedding: ArticleEmbedding) -> Story:
    """Join a close story in the window, the running one first (`story_to_join`), or start
    one; then absorb stories now close."""
    if embedding.story_id:
        return Story.objects.get(pk=embedding.story_id)
    vector = embedding.as_array()
    join, merge = story_thresholds(embedding.backend)
    window = timedelta(hours=settings.DISCOVERY_STORY_WINDOW_HOURS)
    candidates = candidate_stories(article=article, embedding=embedding, window=window)
    ids = [pk for pk, _centroid, _last in candidates]
    sums = (
        np.stack([np.frombuffer(centroid, dtype=np.float32) for _pk, centroid, _last in candidates])
        if candidates
        else np.zeros((0, len(vector)), dtype=np.float32)
    )
    chosen: Story | None = None
    if candidates:
        gaps = np.array([(article.published_at - last).total_seconds() for *_, last in candidates])
        best = story_to_join(
            vector,
            sums,
            gaps,
            window_seconds=window.total_seconds(),
            threshold=join,
        )
        if best is not None:
            chosen = Story.objects.get(pk=ids.pop(best))
            sums = np.delete(sums, best, axis=0)
    if chosen is None:
        chosen = Story.objects.create(
            title=article.title[:500],
            centroid=vector.tobytes(),
            backend=embedding.backend,
            last_article_at=article.published_at,
        )
    else:
        chosen.centroid = (chosen.centroid_vector() + vector).astype(np.float32).tobytes()
        chosen.last_article_at = max(chosen.last_article_at, article.published_at)
        chosen.save(update_fields=["centroid", "last_article_at"])
    embedding.story = chosen
    embedding.save(update_fields=["story"])
    # The other candidates as read above: a story absorbed in this loop leaves their ranks.
    while ids:
        mine = chosen.centroid_vector()
        mine = mine / (np.linalg.norm(mine) or 1.0)
        scores = cosines(mine, sums)
        best = int(np.argmax(scores))
        if scores[best] < merge:
            break
        other = Story.objects.get(pk=ids.pop(best))
        sums = np.delete(sums, best, axis=0)
        chosen = story_merge(stories=[chosen, other])
    return chosen


def _recompute(story: Story) -> Story:
    members = list(story.members.all())
    if not members:
        story.delete()
        return story
    total = np.sum([member.as_array() for member in members], axis=0).astype(np.float32)
    story.centroid = total.tobytes()
    story.last_article_at = max(member.published_at for member in members)
    story.save(update_fields=["centroid", "last_article_at"])
    return story


def _story_after_leaving(story: Story, article: Article) -> None:
    """A report left the story (withdrawn, or found a duplicate): its centroid follows, and a
    title that was the leaving report's headline becomes the next report's."""
    _recompute(story)
    if story.pk is None or story.title != article.title:
        return  # emptied and deleted, or a title of its own
    first = story.members.select_related("article").order_by("published_at").first()
    if first is not None:
        story.title = first.article.title[:500]
        story.save(update_fields=["title"])


@transaction.atomic
def story_merge(*, stories: list[Story]) -> Story:
    """One story from several: the one with most reports keeps its id and title."""
    stories = sorted(stories, key=lambda story: -story.members.count())
    keep, rest = stories[0], stories[1:]
    rest = [story for story in rest if story.pk != keep.pk]
    ArticleEmbedding.objects.filter(story__in=rest).update(story=keep)
    _redirect([story.pk for story in rest], to=keep)
    Story.objects.filter(pk__in=[story.pk for story in rest]).delete()
    return _recompute(keep)


def _redirect(old_ids: list[int], *, to: Story) -> None:
    """The addresses of these stories (about to go) and of those merged into them lead to
    `to`: their own redirects are repointed first, so a chain resolves in one step."""
    if not old_ids:
        return
    StoryRedirect.objects.filter(story_id__in=old_ids).update(story=to)
    StoryRedirect.objects.bulk_create(
        [StoryRedirect(old_id=old_id, story=to) for old_id in old_ids],
        update_conflicts=True,
        unique_fields=["old_id"],
        update_fields=["story"],
    )


@transaction.atomic
def story_split(*, story: Story, articles: list[Article]) -> Story:
    """Move these articles out of the story into a new one of their own."""
    moving = ArticleEmbedding.objects.filter(story=story, article__in=articles)
    first = moving.select_related("article").order_by("published_at").first()
    if first is None:
        raise ValueError("none of these articles belongs to the story")
    new = Story.objects.create(
        title=first.article.title[:500],
        backend=story.backend,
        last_article_at=first.published_at,
    )
    moving.update(story=new)
    if not story.members.exists():  # every report moved: the old story's address follows them
        _redirect([story.pk], to=new)
    _recompute(story)
    return _recompute(new)


def article_discover(*, article_id: int) -> None:
    """Index, embed and cluster a published article; take an unpublished one out."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return
    search_index_article(article=article)
    if not article.is_published or article.duplicate_of_id:
        leaving = ArticleEmbedding.objects.filter(article=article, story__isnull=False).first()
        if leaving is not None and leaving.story is not None:
            story = leaving.story
            leaving.story = None
            leaving.save(update_fields=["story"])
            _story_after_leaving(story, article)
        return
    embedding = article_embed(article=article)
    if embedding.story_id is None:
        article_cluster(article=article, embedding=embedding)


def discovery_rebuild(
    *, since_days: int = 30, progress: Callable[[int, int], None] | None = None
) -> int:
    """Re-run discovery over the recent published archive, oldest first (a command's work).

    `progress(done, total)` is called after each article.
    """
    since = timezone.now() - timedelta(days=since_days)
    ids = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .order_by("published_at", "pk")
        .values_list("pk", flat=True)
    )
    for done, article_id in enumerate(ids, start=1):
        article_discover(article_id=article_id)
        if progress:
            progress(done, len(ids))
    return len(ids)
