"""Translations of articles, the translation memory, the glossary and the engines' usage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gazette.articles.models import Article
from gazette.sources.models import Source
from gazette.states import TranslationOrigin, TranslationState


class ArticleTranslation(models.Model):
    """An article in the site's language, made from its original by an engine or an editor.

    Once applied, the article's own fields hold the translation (so every page, feed and
    search shows the site's language) and the original text is kept here.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="translation")
    source_language = models.CharField(max_length=12)
    language = models.CharField(max_length=12, help_text="The language translated into.")
    title = models.CharField(max_length=500, blank=True)
    standfirst = models.TextField(blank=True)
    body_html = models.TextField(blank=True, help_text="Same structure as the original body.")
    image_caption = models.CharField(max_length=1000, blank=True)
    image_alt = models.CharField(max_length=500, blank=True)
    original_title = models.CharField(max_length=500, blank=True)
    original_standfirst = models.TextField(blank=True)
    original_body_html = models.TextField(blank=True)
    original_image_caption = models.CharField(max_length=1000, blank=True)
    original_image_alt = models.CharField(max_length=500, blank=True)
    segments = models.JSONField(
        default=list,
        blank=True,
        help_text="Per segment: field, source text, translation and where it came from.",
    )
    engine = models.CharField(max_length=40, blank=True)
    engine_label = models.CharField(max_length=200, blank=True)
    model_version = models.CharField(max_length=200, blank=True)
    source_hash = models.CharField(
        max_length=64, blank=True, help_text="Hash of the original text this translation is of."
    )
    state = models.CharField(
        max_length=24,
        choices=TranslationState.choices,
        default=TranslationState.QUEUED,
        db_index=True,
    )
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    characters_sent = models.PositiveIntegerField(default=0)
    segments_from_memory = models.PositiveIntegerField(default=0)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_translations",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    translated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.article} ({self.source_language}→{self.language}, {self.state})"

    @property
    def is_complete(self) -> bool:
        return self.state in (TranslationState.TRANSLATED, TranslationState.REVIEWED)


class TranslationMemory(models.Model):
    """One segment's translation, reused whenever the same normalised text comes again."""

    source_hash = models.CharField(max_length=64)
    source_text = models.TextField()
    source_language = models.CharField(max_length=12)
    target_language = models.CharField(max_length=12)
    engine = models.CharField(max_length=40, help_text='"editor" for a correction by a person.')
    model_version = models.CharField(max_length=200, blank=True)
    target_text = models.TextField()
    origin = models.CharField(
        max_length=12, choices=TranslationOrigin.choices, default=TranslationOrigin.MACHINE
    )
    hits = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "translation memory entry"
        verbose_name_plural = "translation memory"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "source_hash",
                    "source_language",
                    "target_language",
                    "engine",
                    "model_version",
                ],
                name="translation_memory_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["source_hash", "source_language", "target_language"],
                name="translation_memory_lookup",
            )
        ]

    def __str__(self) -> str:
        return self.source_text[:80]


class GlossaryTerm(models.Model):
    """A name or term with one rendering in the target language, obeyed by every engine.

    With a source language, the term is looked for in the original and always rendered as
    `target_term`. Without one, it corrects the output ("Kiev" → "Kyiv" in any English text).
    """

    source_language = models.CharField(
        max_length=12, blank=True, help_text="Empty: a correction applied to every output."
    )
    target_language = models.CharField(max_length=12)
    source_term = models.CharField(max_length=200)
    target_term = models.CharField(max_length=200)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_language", "target_language", "source_term"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_term"],
                name="glossary_term_unique",
            )
        ]

    def __str__(self) -> str:
        pair = f"{self.source_language or '*'}→{self.target_language}"
        return f"{self.source_term} → {self.target_term} ({pair})"


class EngineUsage(models.Model):
    """Characters sent to one engine on one day (site time zone), metered against the budget."""

    engine = models.CharField(max_length=40)
    day = models.DateField()
    characters = models.PositiveBigIntegerField(default=0)
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "engine"]
        verbose_name = "translation engine"
        verbose_name_plural = "translation engines"  # the desk's Engines page
        permissions = [
            ("manage_engines", "Can see the translation engines, test them and install models")
        ]
        constraints = [
            models.UniqueConstraint(fields=["engine", "day"], name="engine_usage_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.engine} {self.day}: {self.characters} characters"


class SourceTranslationPolicy(models.Model):
    """Per source: publish machine translations at once, or hold them for an editor's review."""

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, related_name="translation_policy"
    )
    review_machine_translations = models.BooleanField(
        default=True, help_text="Hold machine translations of this source for review."
    )

    class Meta:
        verbose_name_plural = "source translation policies"

    def __str__(self) -> str:
        return f"{self.source}: {'review' if self.review_machine_translations else 'publish'}"
