from __future__ import annotations

import numpy as np
from django.db import models
from django.urls import reverse

from gazette.articles.models import Article


class Story(models.Model):
    """Reports of one event from any number of outlets, found by online clustering."""

    title = models.CharField(max_length=500)
    centroid = models.BinaryField(default=b"", help_text="float32 sum of the members' vectors.")
    backend = models.CharField(max_length=100, default="lexical")
    last_article_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_article_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site:story", kwargs={"pk": self.pk})

    def centroid_vector(self) -> np.ndarray:
        return np.frombuffer(bytes(self.centroid), dtype=np.float32)


class StoryRedirect(models.Model):
    """A story merged into another (or emptied by a split): its address leads to `story`.

    Merging repoints the redirects of the merged stories too, so a chain (16 into 4, then
    4 into 2) resolves in one step: /stories/16/ → /stories/2/.
    """

    old_id = models.PositiveBigIntegerField(primary_key=True)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"story {self.old_id} → story {self.story_id}"


class ArticleEmbedding(models.Model):
    """An article's vector (site-language text) and the story it belongs to."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    vector = models.BinaryField(help_text="float32, unit length.")
    backend = models.CharField(max_length=100)
    published_at = models.DateTimeField(db_index=True)
    text_hash = models.CharField(max_length=64, blank=True)
    embedded_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # The window's articles and their stories from the index alone: on SQLite the
            # columns after the vector are read through its overflow pages otherwise.
            models.Index(
                fields=["backend", "published_at", "article", "story"],
                name="embedding_window_idx",
            )
        ]

    def __str__(self) -> str:
        # The headline when the article was read with it (the admin does): no query for a name.
        if ArticleEmbedding.article.is_cached(self):
            return self.article.title
        return f"report of article {self.article_id}"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype=np.float32)


class LexicalTerm(models.Model):
    """How many embedded articles use a word: the lexical backend's IDF, kept from traffic."""

    term = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.term


class PopularityBucket(models.Model):
    """Counted views of one article in one hour."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_buckets")
    hour = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="bucket_article_hour_uniq")
        ]
        indexes = [models.Index(fields=["hour"], name="bucket_hour_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"
