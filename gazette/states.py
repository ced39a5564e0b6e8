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
    """Where an article is in the workflow (the order: `gazette/newsroom/flow.py`).

    ingested → awaiting translation → awaiting review (or published at once, when the source
    auto-publishes) → scheduled → published → withdrawn; a published article may carry
    corrections. `draft` is the stored name of "awaiting review".
    """

    AWAITING_TRANSLATION = "awaiting_translation", "Awaiting translation"
    DRAFT = "draft", "Awaiting review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DUPLICATE = "duplicate", "Duplicate of another article"


class ArticleAction(models.TextChoices):
    """What happened to an article: the desk's actions and the pipeline's, one audit row each."""

    PUBLISH = "publish", "Approved and published"
    SCHEDULE = "schedule", "Scheduled"
    UNSCHEDULE = "unschedule", "Taken off the schedule"
    REJECT = "reject", "Rejected"
    WITHDRAW = "withdraw", "Withdrawn"
    CORRECT = "correct", "Correction added"
    EDIT = "edit", "Edited"
    RESTORE = "restore", "Earlier version restored"
    SOURCE_UPDATE = "source_update", "Updated by the source"
    SOURCE_UPDATE_HELD = "source_update_held", "Source update held for the editor"
    TAKE_SOURCE_UPDATE = "take_source_update", "Source update taken"
    KEEP_EDIT = "keep_edit", "Editor's version kept over the source update"
    AWAIT_REVIEW = "await_review", "Translated: awaiting review"


# The workflow's moves: action → (the states it may start from, the state it leads to).
ARTICLE_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    ArticleAction.PUBLISH: (
        frozenset(
            {
                ArticleState.DRAFT,
                ArticleState.SCHEDULED,
                ArticleState.REJECTED,
                ArticleState.WITHDRAWN,
            }
        ),
        ArticleState.PUBLISHED,
    ),
    ArticleAction.SCHEDULE: (
        frozenset({ArticleState.DRAFT, ArticleState.SCHEDULED, ArticleState.REJECTED}),
        ArticleState.SCHEDULED,
    ),
    ArticleAction.UNSCHEDULE: (frozenset({ArticleState.SCHEDULED}), ArticleState.DRAFT),
    ArticleAction.REJECT: (
        frozenset({ArticleState.AWAITING_TRANSLATION, ArticleState.DRAFT, ArticleState.SCHEDULED}),
        ArticleState.REJECTED,
    ),
    ArticleAction.WITHDRAW: (frozenset({ArticleState.PUBLISHED}), ArticleState.WITHDRAWN),
    ArticleAction.CORRECT: (frozenset({ArticleState.PUBLISHED}), ArticleState.PUBLISHED),
}


def article_can(action: str, state: str) -> bool:
    """May an article in `state` take `action`? (Actions without a move: always.)"""
    move = ARTICLE_TRANSITIONS.get(action)
    return move is None or state in move[0]


class TextOrigin(models.TextChoices):
    """Who wrote a version of an article's text."""

    SOURCE = "source", "The source"
    EDITOR = "editor", "An editor"


class RevisionStatus(models.TextChoices):
    PAST = "past", "Earlier version"
    PENDING = "pending", "Source update waiting for the editor"
    DISMISSED = "dismissed", "Source update not taken"


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


# --- The newsletter (gazette.subscriptions) ---


class SubscriberState(models.TextChoices):
    PENDING = "pending", "Awaiting confirmation"
    CONFIRMED = "confirmed", "Subscribed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    SUPPRESSED = "suppressed", "Suppressed (bounce or complaint)"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", "Every day"
    WEEKLY = "weekly", "Once a week"


class DigestState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting"
    CLAIMED = "claimed", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (will retry)"
    BOUNCED = "bounced", "Bounced"
    SKIPPED = "skipped", "Skipped (nothing to send them; see the reply)"


class Moderation(models.TextChoices):
    ALL = "all", "Pre-moderate every comment"
    FIRST_TIMERS = "first_timers", "Pre-moderate first-time commenters"
    NONE = "none", "Publish unless the spam defence holds it"


class CommentState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "Waiting for the address to be confirmed"
    HELD = "held", "Held for a moderator"
    PUBLISHED = "published", "Published"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class ImageState(models.TextChoices):
    PENDING = "pending", "waiting to be fetched"
    STORED = "stored", "stored"
    FAILED = "failed", "failed"
