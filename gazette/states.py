"""The one vocabulary of states, shared by models, admin, API and tests."""

from django.db import models


class SourceKind(models.TextChoices):
    FEED = "feed", "Feed (RSS, Atom, JSON Feed)"
    SITEMAP = "sitemap", "Sitemap"
    PAGE = "page", "Single article page"


class LicencePolicy(models.TextChoices):
    FULL = "full", "Full text"
    EXCERPT = "excerpt", "Excerpt and link"
    LINK = "link", "Headline and link only"


class SourceHealth(models.TextChoices):
    NEW = "new", "Not polled yet"
    OK = "ok", "Healthy"
    FAILING = "failing", "Failing (will retry)"
    NEEDS_ATTENTION = "needs_attention", "Needs attention"


class EntryState(models.TextChoices):
    DISCOVERED = "discovered", "Discovered"
    FETCHED = "fetched", "Fetched"
    EXTRACTED = "extracted", "Extracted"
    FAILED = "failed", "Failed (will retry)"
    NEEDS_ATTENTION = "needs_attention", "Needs attention"


class ArticleState(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_TRANSLATION = "awaiting_translation", "Awaiting translation"
    PUBLISHED = "published", "Published"
    DUPLICATE = "duplicate", "Duplicate of another article"
    WITHDRAWN = "withdrawn", "Withdrawn"


class TranslationState(models.TextChoices):
    QUEUED = "queued", "Queued"
    WAITING_FOR_BUDGET = "waiting_for_budget", "Waiting: daily budget reached"
    WAITING_FOR_HUMAN = "waiting_for_human", "Waiting for a human translation (no engine)"
    FAILED = "failed", "Failed (will retry)"
    IN_REVIEW = "in_review", "Machine translation in review"
    TRANSLATED = "translated", "Translated"
    REVIEWED = "reviewed", "Translated and reviewed"


class TranslationOrigin(models.TextChoices):
    MACHINE = "machine", "Machine"
    EDITOR = "editor", "Editor"


class SegmentOrigin(models.TextChoices):
    """Where a translated segment came from when no engine made it (else the engine's name)."""

    COPY = "copy", "Copied: no text to translate"
    KEPT = "kept", "Kept: already in the site's language"
    EDITOR = "editor", "Editor"
