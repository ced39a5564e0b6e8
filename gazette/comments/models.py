from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gazette.articles.models import Article, Section
from gazette.states import CommentState, Moderation


class SectionCommentPolicy(models.Model):
    """How a section's comments are moderated and when they close; a section without a row
    follows COMMENTS_MODERATION and COMMENTS_CLOSE_AFTER_DAYS."""

    section = models.OneToOneField(Section, on_delete=models.CASCADE, related_name="comment_policy")
    moderation = models.CharField(max_length=16, choices=Moderation.choices)
    close_after_days = models.PositiveIntegerField(
        help_text="Comments close this many days after publication (0: comments are off)."
    )

    class Meta:
        verbose_name_plural = "section comment policies"

    def __str__(self) -> str:
        return f"{self.section}: {self.get_moderation_display()}"


class Commenter(models.Model):
    """An e-mail address that commented. Nothing is mailed to it (except one confirmation a
    day) until it has proven itself by confirming."""

    email = models.EmailField(max_length=254, unique=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_on = models.DateField(null=True, blank=True)
    notifications_off_at = models.DateTimeField(
        null=True, blank=True, help_text="Unsubscribed from every reply notification."
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> CommentQuerySet:
        return self.filter(state=CommentState.PUBLISHED)


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    # Empty once the address asked for its data to be erased (the comment is then a tombstone).
    commenter = models.ForeignKey(
        Commenter, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    name = models.CharField(max_length=80)
    website = models.URLField(max_length=300, blank=True)
    text = models.TextField(help_text="As written (plain text with a little markup).")
    body_html = models.TextField(help_text="Sanitised HTML shown to readers.")
    language = models.CharField(max_length=12, blank=True)
    translation = models.TextField(blank=True, help_text="Machine translation for moderators.")
    state = models.CharField(
        max_length=16, choices=CommentState.choices, default=CommentState.UNCONFIRMED
    )
    decision = models.CharField(
        max_length=8, blank=True, help_text="What the spam defence decided: publish, hold, reject."
    )
    hold_reasons = models.JSONField(default=list, blank=True)
    spam_probability = models.FloatField(default=0.0)
    notify_replies = models.BooleanField(default=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the parent's author was told of this reply."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "state", "created_at"], name="comment_article_idx"),
            models.Index(fields=["state", "created_at"], name="comment_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.article_id}: {self.text[:40]}"


class RateCounter(models.Model):
    """A counter per key and window, raised with one UPDATE … SET count = count + 1 so that
    every worker sees the same number (rate limits per address and IP)."""

    key = models.CharField(max_length=200)
    window = models.BigIntegerField(help_text="Start of the window, in seconds since 1970.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="comment_rate_key_window")
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window}: {self.count}"


class SpamModelState(models.Model):
    """The classifier as the moderators' decisions have moved it (one row)."""

    model_json = models.TextField()
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"spam model v{self.version}"


class UsedToken(models.Model):
    """A single-use token that has been spent (deletion links), so a replay is refused."""

    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.digest[:12]
