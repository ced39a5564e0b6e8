"""The API's own tables: the newsroom's keys, and the request counters of the rate limit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiKey(models.Model):
    """A key for the newsroom's tools: higher limits, and the write endpoints its owner's
    role allows. Only the SHA-256 of the token is kept; the token is shown once, when made."""

    name = models.CharField(max_length=100, help_text="What the key is for, e.g. 'CMS sync'.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_keys",
        help_text="A staff member: the key may do what their roles allow, no more.",
    )
    prefix = models.CharField(
        max_length=16,
        unique=True,
        editable=False,
        help_text="The token's start, to tell keys apart.",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Empty: API_KEY_REQUESTS_PER_MINUTE.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class RateCount(models.Model):
    """Requests of one client (an address or a key) in one minute; counted with one atomic
    upsert (`api.limits`), so every worker process shares the count."""

    bucket = models.CharField(max_length=120)
    minute = models.BigIntegerField(help_text="Minutes since 1970 (UTC).")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "minute"], name="api_ratecount_bucket_minute")
        ]
        indexes = [models.Index(fields=["minute"], name="api_ratecount_minute")]

    def __str__(self) -> str:
        return f"{self.bucket} @ {self.minute}: {self.count}"
