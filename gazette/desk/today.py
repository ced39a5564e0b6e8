"""Reads for the desk's start page: what needs an editor now, counted, each with the list
that shows it. Everything here is a count; the lists are the admin's own, filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gazette.articles.models import Article
from gazette.ingest.models import Entry
from gazette.sources.models import Source
from gazette.states import ArticleState, EntryState, SourceHealth, TranslationState
from gazette.translation.models import ArticleTranslation

FAILING = (SourceHealth.FAILING, SourceHealth.NEEDS_ATTENTION)


@dataclass(frozen=True)
class Task:
    """One line of the start page: what, how many, and where the list is."""

    label: str
    count: int
    url: str
    hint: str = ""
    urgent: bool = False


def _url(name: str, query: str = "") -> str:
    try:
        return reverse(name) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def _can(user: AbstractUser | AnonymousUser, permission: str) -> bool:
    return bool(user.has_perm(permission))


def today_range(now: datetime | None = None) -> tuple[datetime, datetime]:
    """The newsroom's today (TIME_ZONE), as aware datetimes."""
    local = timezone.localtime(now or timezone.now())
    start = timezone.make_aware(datetime.combine(local.date(), time.min), local.tzinfo)
    return start, start + timedelta(days=1)


def review_queue_url() -> str:
    """The translation review queue: its own page when the translation desk has one."""
    for name in (
        "admin:translation_articletranslation_queue",
        "admin:translation_review_queue",
    ):
        if url := _url(name):
            return url
    return _url(
        "admin:translation_articletranslation_changelist",
        f"state__exact={TranslationState.IN_REVIEW}",
    )


def _held_comments() -> tuple[int, str] | None:
    """Comments waiting for a moderator, once a comments app with a state field exists."""
    if not apps.is_installed("gazette.comments"):
        return None
    try:
        model: Any = apps.get_model("comments", "Comment")
    except LookupError:
        return None
    field = next(
        (name for name in ("status", "state") if any(f.name == name for f in model._meta.fields)),
        None,
    )
    if field is None:
        return None
    choices = {str(value) for value, _label in model._meta.get_field(field).choices or ()}
    held = [value for value in ("held", "pending", "awaiting_moderation") if value in choices]
    if not held:
        return None
    count = model.objects.filter(**{f"{field}__in": held}).count()
    url = _url("admin:comments_comment_changelist", f"{field}__exact={held[0]}")
    return count, url


def desk_tasks(user: AbstractUser | AnonymousUser) -> list[Task]:
    """What needs this user now, in the order a day at the desk runs."""
    tasks: list[Task] = []
    articles = "admin:articles_article_changelist"
    if _can(user, "articles.view_article"):
        tasks.append(
            Task(
                "Articles awaiting review",
                Article.objects.filter(state=ArticleState.DRAFT).count(),
                _url(articles, f"state__exact={ArticleState.DRAFT}"),
                "Read, correct, then approve and publish, schedule or reject.",
            )
        )
    if _can(user, "translation.view_articletranslation"):
        tasks.append(
            Task(
                "Machine translations to review",
                ArticleTranslation.objects.filter(state=TranslationState.IN_REVIEW).count(),
                review_queue_url(),
                "Original and translation side by side.",
            )
        )
    if _can(user, "articles.view_article"):
        tasks.append(
            Task(
                "Articles awaiting translation",
                Article.objects.filter(state=ArticleState.AWAITING_TRANSLATION).count(),
                _url(articles, f"state__exact={ArticleState.AWAITING_TRANSLATION}"),
                "Waiting for an engine, the budget or a human translation.",
            )
        )
        scheduled_state = getattr(ArticleState, "SCHEDULED", None)
        has_time = any(f.name == "scheduled_for" for f in Article._meta.fields)
        if scheduled_state is not None and has_time:
            start, end = today_range()
            tasks.append(
                Task(
                    "Scheduled to go live today",
                    Article.objects.filter(
                        state=scheduled_state, scheduled_for__gte=start, scheduled_for__lt=end
                    ).count(),
                    _url(articles, f"state__exact={scheduled_state}"),
                    "Published by the scheduler at their time.",
                )
            )
    comments = _held_comments()
    if comments is not None and _can(user, "comments.view_comment"):
        tasks.append(Task("Comments held for moderation", *comments, "Approve or remove."))
    if _can(user, "sources.view_source"):
        failing = Source.objects.filter(health__in=FAILING).count()
        tasks.append(
            Task(
                "Sources failing",
                failing,
                _url("admin:sources_source_changelist", "health__in=" + ",".join(FAILING)),
                "Each says why; fix the address or poll it again.",
                urgent=failing > 0,
            )
        )
    if _can(user, "ingest.view_entry"):
        parked = Entry.objects.filter(state=EntryState.NEEDS_ATTENTION).count()
        tasks.append(
            Task(
                "Articles that could not be fetched",
                parked,
                _url("admin:ingest_entry_changelist", f"state__exact={EntryState.NEEDS_ATTENTION}"),
                "Gave up after several tries; retry them once the outlet is back.",
                urgent=parked > 0,
            )
        )
    return tasks
