"""Subscribers, digests and one delivery row per (digest, subscriber).

The delivery row is the newsletter's ledger: it is written before any mail of a digest goes
out, claimed in batches by the sending task, and marked sent right after the SMTP server
accepted that one message. A sender killed at any moment leaves rows `pending` (never tried)
or `claimed` (taken by the dead run); the next run takes both, so nobody is skipped, and only
the one message in flight at the moment of death can go out twice.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from gazette.states import DeliveryState, DigestFrequency, DigestState, SubscriberState


class Subscriber(models.Model):
    """An address that asked for the newsletter; mail goes to it only once it confirmed."""

    email = models.EmailField(max_length=254, unique=True)
    state = models.CharField(
        max_length=16,
        choices=SubscriberState.choices,
        default=SubscriberState.PENDING,
        db_index=True,
    )
    # The language of the newsletter's own words for this reader (NEWSLETTER_LANGUAGES);
    # empty: the site's.
    language = models.CharField(max_length=12, blank=True)
    # The reader's choices (the preferences page, through the link in every message).
    frequency = models.CharField(
        max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.DAILY
    )
    sections = models.JSONField(
        default=list, blank=True, help_text="Section slugs; empty: every section."
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    suppressed_reason = models.CharField(max_length=300, blank=True)
    bounces = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email


class Digest(models.Model):
    """One edition of the newsletter: its text is fixed when it is made, so every subscriber
    (and every retry) gets the same edition."""

    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField()
    article_ids = models.JSONField(default=list, blank=True)
    # One entry per story (title, address, outlets, section, lead image, when it was made
    # public, how often it was read), fixed at composition: each subscriber's copy is made from
    # the entries of their sections made public since their last digest (Delivery.since).
    items = models.JSONField(default=list, blank=True)
    frequency = models.CharField(
        max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.DAILY
    )
    state = models.CharField(
        max_length=12, choices=DigestState.choices, default=DigestState.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Each claimed batch moves it: a digest still sending whose progress is old lost its task.
    progress_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_digest", "Can send a newsletter edition to the subscribers")]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(
        max_length=12, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # What this copy covers: the stories made public after `since` (when the last edition this
    # subscriber was actually sent was composed; empty: a first copy, the edition's own window).
    # Fixed when the row is written, so every retry of the copy holds the same stories.
    since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    smtp_reply = models.CharField(max_length=500, blank=True)
    message_id = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="delivery_once"),
        ]
        indexes = [models.Index(fields=["digest", "state"], name="delivery_digest_state")]

    def __str__(self) -> str:
        return f"{self.digest_id} → {self.subscriber_id}: {self.state}"


class SignupCounter(models.Model):
    """Sign-ups per client address per window, counted with one atomic UPDATE."""

    key = models.CharField(max_length=100)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="signup_counter_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} #{self.window}: {self.count}"
