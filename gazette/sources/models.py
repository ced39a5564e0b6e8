from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from gazette.lib.urls import validate_web_url
from gazette.sources.languages import SOURCE_LANGUAGES
from gazette.states import LicencePolicy, SourceHealth, SourceKind


def default_poll_interval() -> timedelta:
    return timedelta(seconds=settings.POLL_INTERVAL_DEFAULT)


class Source(models.Model):
    """An outlet Gazette follows, and how it may use what it takes from it."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    homepage = models.URLField(max_length=500, blank=True, validators=[validate_web_url])
    feed_url = models.URLField(
        "feed, sitemap or page URL",
        max_length=1000,
        validators=[validate_web_url],
        help_text="What the scheduler polls.",
    )
    kind = models.CharField(max_length=16, choices=SourceKind.choices, default=SourceKind.FEED)
    language = models.CharField(
        max_length=12, choices=SOURCE_LANGUAGES, help_text="The language the outlet writes in."
    )
    licence = models.CharField(
        max_length=16, choices=LicencePolicy.choices, default=LicencePolicy.EXCERPT
    )
    is_active = models.BooleanField(
        "polling",
        default=True,
        choices=[(True, "Polled"), (False, "Paused")],
        help_text="A paused source is not polled until an editor resumes it.",
    )
    auto_publish = models.BooleanField(
        "review policy",
        default=True,
        choices=[
            (True, "Publish at once"),
            (False, "Hold each article for an editor's review"),
        ],
        help_text="Articles in another language are translated first either way.",
    )
    allow_search_engines = models.BooleanField(
        "search engines",
        default=True,
        choices=[
            (True, "May index our full-text copies"),
            (False, "Never: our pages of this outlet say noindex"),
        ],
        help_text="Excerpts and links are never indexed; this is for full-text licences.",
    )
    default_section = models.CharField(
        max_length=100,
        blank=True,
        help_text="Section for articles whose listing names no category.",
    )

    poll_interval = models.DurationField(default=default_poll_interval)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    health = models.CharField(
        max_length=20, choices=SourceHealth.choices, default=SourceHealth.NEW, db_index=True
    )
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["feed_url"], name="source_feed_url_unique"),
        ]

    def __str__(self) -> str:
        return self.name
