from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from gazette.articles.models import Article
from gazette.lib.urls import validate_web_url
from gazette.sources.models import Source
from gazette.states import EntryState, ImageState


class Entry(models.Model):
    """One discovered article URL, seen once however many times a feed lists it."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="entries")
    url = models.URLField(
        max_length=2000, validators=[validate_web_url], help_text="The URL as the feed gave it."
    )
    canonical_url = models.URLField(max_length=2000, unique=True, validators=[validate_web_url])
    # What the feed or sitemap said about the item: evidence for extraction.
    feed_title = models.CharField(max_length=1000, blank=True)
    feed_author = models.CharField(max_length=300, blank=True)
    feed_published_at = models.DateTimeField(null=True, blank=True)
    feed_updated_at = models.DateTimeField(null=True, blank=True)
    feed_summary = models.TextField(blank=True)
    feed_categories = models.JSONField(
        default=list, blank=True, help_text="The item's categories in the feed, first first."
    )

    # What extraction made of it. The link points from ingestion to the article, so the
    # articles app knows nothing of how its articles arrive.
    article = models.OneToOneField(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="entry"
    )
    state = models.CharField(
        max_length=20, choices=EntryState.choices, default=EntryState.DISCOVERED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first_seen_at"]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return self.feed_title or self.canonical_url


class Document(models.Model):
    """The raw bytes of one fetch, kept so extraction can be re-run."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="documents")
    url = models.URLField(
        max_length=2000, validators=[validate_web_url], help_text="Final URL after redirects."
    )
    status_code = models.PositiveSmallIntegerField()
    headers = models.JSONField(default=dict)
    body = models.BinaryField()
    encoding = models.CharField(max_length=40, blank=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-fetched_at"]
        get_latest_by = "fetched_at"

    def __str__(self) -> str:
        return f"{self.url} ({self.fetched_at:%Y-%m-%d %H:%M})"

    @property
    def size(self) -> int:
        return len(self.body)

    def text(self) -> str:
        return bytes(self.body).decode(self.encoding or "utf-8", errors="replace")


class HostSlot(models.Model):
    """When the next request to a host may start, shared by every worker process and machine
    (`ingest/politeness.py`; used when Django's cache is not shared). Claimed with a
    conditional UPDATE on the value read, as the scheduler claims sources."""

    host = models.CharField(max_length=300, unique=True, help_text="host[:port] as fetched")
    next_start_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.host} from {self.next_start_at:%H:%M:%S.%f}"


class ImageFile(models.Model):
    """An article's lead image as the site serves it: fetched once from the outlet, verified,
    re-encoded in a few widths (WebP, and JPEG for browsers without it) and stored in the
    site's storage. Pages never link the outlet's copy."""

    State = ImageState

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="stored_image")
    source_url = models.URLField(max_length=2000, validators=[validate_web_url])
    state = models.CharField(
        max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    error = models.TextField(blank=True, help_text="Why the image is not shown, for editors.")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    renditions = models.JSONField(
        default=list,
        blank=True,
        help_text='Stored copies: [{"width": 640, "height": 360, "format": "webp", "name": …}].',
    )
    fetched_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"image of article {self.article_id} ({self.state})"

    def widths(self, image_format: str) -> list[dict[str, Any]]:
        return sorted(
            (r for r in self.renditions if r.get("format") == image_format),
            key=lambda r: int(r["width"]),
        )
