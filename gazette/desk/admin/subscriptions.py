"""The newsletter in the desk: subscribers (administrators only: they are readers' addresses)
and editions (editors compose one from the day's articles, look at it, and send it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from gazette.articles.models import Article
from gazette.discovery.models import PopularityBucket
from gazette.newsroom.newsletter import digest_send_later
from gazette.states import DigestFrequency, DigestState, SubscriberState
from gazette.subscriptions import services
from gazette.subscriptions.mail import digest_compose
from gazette.subscriptions.models import Digest, Subscriber


@dataclass(frozen=True)
class Edition:
    articles: list[Article]  # one per story: sections by name, most read first within each
    reports: dict[int, list[str]]  # for each chosen article, the story's other outlets
    views: dict[int, int]  # how often each chosen article was read since the edition's start


def edition_articles(since: datetime, *, until: datetime | None = None) -> Edition:
    """The stories made public after `since` (and by `until`), one article each (the most read
    of its reports, then the newest); at most EDITION_STORIES, the most read; grouped by
    section and most read first within it."""
    published = (
        Article.objects.published()
        .filter(made_public_at__gt=since)
        .select_related("source", "section", "embedding", "stored_image", "translation")
        .order_by("-published_at")
    )
    if until is not None:
        published = published.filter(made_public_at__lte=until)
    articles = list(published)
    views = dict(
        PopularityBucket.objects.filter(hour__gte=since, article__in=articles)
        .values("article")
        .annotate(total=Sum("views"))
        .values_list("article", "total")
    )
    stories: dict[object, list[Article]] = {}
    for article in articles:
        embedding = getattr(article, "embedding", None)
        key = embedding.story_id if embedding is not None and embedding.story_id else article.pk
        stories.setdefault(key, []).append(article)
    chosen: list[Article] = []
    reports: dict[int, list[str]] = {}
    for members in stories.values():
        lead = max(members, key=lambda a: (views.get(a.pk, 0), a.published_at))
        chosen.append(lead)
        reports[lead.pk] = sorted({a.source.name for a in members} - {lead.source.name})
    # The most read stories first, then (grouped) by section, most read first within each.
    chosen.sort(key=lambda a: (-views.get(a.pk, 0), a.pk))
    chosen = chosen[: services.EDITION_STORIES]
    chosen.sort(
        key=lambda a: (
            a.section is None,
            a.section.name if a.section else "",
            -views.get(a.pk, 0),
            a.pk,
        )
    )
    return Edition(
        chosen,
        {a.pk: reports[a.pk] for a in chosen},
        {a.pk: int(views.get(a.pk, 0)) for a in chosen},
    )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin[Subscriber]):
    list_display = [
        "email",
        "state",
        "frequency",
        "language",
        "created_at",
        "confirmed_at",
        "bounces",
    ]
    list_filter = ["state", "frequency", "language"]
    search_fields = ["email"]
    readonly_fields = [
        "email", "frequency", "sections", "language", "created_at", "confirmation_sent_at",
        "confirmed_at", "unsubscribed_at", "suppressed_reason", "bounces",
    ]  # fmt: skip
    fields = ["email", "state", *readonly_fields[1:]]
    actions = ["unsubscribe_selected", "suppress_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # addresses confirm themselves; the desk never subscribes anyone

    @admin.action(description="Unsubscribe the selected addresses")
    def unsubscribe_selected(self, request: HttpRequest, queryset: QuerySet[Subscriber]) -> None:
        done = sum(services.unsubscribe(subscriber) for subscriber in queryset)
        self.message_user(request, f"{done} address(es) unsubscribed.")

    @admin.action(description="Suppress the selected addresses (never mail them again)")
    def suppress_selected(self, request: HttpRequest, queryset: QuerySet[Subscriber]) -> None:
        done = sum(services.suppress(s.email, "suppressed in the desk") for s in queryset)
        self.message_user(request, f"{done} address(es) suppressed.")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin[Digest]):
    list_display = ["subject", "state", "created_at", "recipients", "progress"]
    list_filter = ["state"]
    fields = ["subject", "state", "created_at", "started_at", "finished_at", "progress", "preview"]
    readonly_fields = ["state", "created_at", "started_at", "finished_at", "progress", "preview"]
    actions = ["send_selected"]
    change_list_template = "desk/digest_changelist.html"

    def get_urls(self) -> list[Any]:
        compose = self.admin_site.admin_view(self.compose_view)
        return [
            path("compose/", compose, name="subscriptions_digest_compose"),
            *super().get_urls(),
        ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # composed from the day's articles (the "Compose" button)

    def compose_view(self, request: HttpRequest) -> HttpResponseRedirect:
        if request.method != "POST" or not request.user.has_perm("subscriptions.add_digest"):
            return HttpResponseRedirect(reverse("admin:subscriptions_digest_changelist"))
        frequency = request.POST.get("frequency", DigestFrequency.DAILY)
        if frequency not in DigestFrequency.values:
            frequency = DigestFrequency.DAILY
        now = timezone.now()
        # Its window, or further back to the oldest last digest of a reader who missed one.
        start = services.edition_start(frequency, now=now)
        edition = edition_articles(start, until=now)
        since = timezone.localtime(start).strftime("%d %b %Y, %H:%M")
        if len(edition.articles) < settings.NEWSLETTER_MIN_STORIES:
            self.message_user(
                request,
                f"Not composed: {len(edition.articles)} stories since {since}, fewer than "
                f"{settings.NEWSLETTER_MIN_STORIES} (NEWSLETTER_MIN_STORIES); a thin edition "
                "is skipped.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:subscriptions_digest_changelist"))
        digest = digest_compose(
            edition.articles,
            frequency=frequency,
            reports=edition.reports,
            views=edition.views,
            now=now,
        )
        self.message_user(
            request,
            f"Composed “{digest.subject}” from {len(edition.articles)} stories made public "
            f"since {since}. Each reader gets those made public since their last digest (a "
            "copy with too few is skipped). Look at it, then send it with the action on the "
            "list.",
        )
        return HttpResponseRedirect(reverse("admin:subscriptions_digest_change", args=[digest.pk]))

    @admin.display(description="Deliveries")
    def progress(self, digest: Digest) -> str:
        if digest.state == DigestState.DRAFT:
            return "not sent"
        counts = services.digest_counts(digest)
        return ", ".join(f"{n} {state}" for state, n in counts.items() if n)

    @admin.display(description="The edition")
    def preview(self, digest: Digest) -> SafeString:
        return format_html('<pre class="digest-text">{}</pre>', digest.body_text)

    @admin.action(description="Send the selected editions to every confirmed subscriber")
    def send_selected(self, request: HttpRequest, queryset: QuerySet[Digest]) -> None:
        if not request.user.has_perm("subscriptions.send_digest"):
            self.message_user(request, "Your role may not send the newsletter.", messages.ERROR)
            return
        drafts = list(queryset.filter(state=DigestState.DRAFT))
        audience = Subscriber.objects.filter(state=SubscriberState.CONFIRMED).count()
        for digest in drafts:
            digest_send_later(digest.pk)
        skipped = queryset.count() - len(drafts)
        names = format_html_join(", ", "“{}”", ((d.subject,) for d in drafts))
        self.message_user(
            request,
            format_html(
                "Sending {} to {} subscriber(s) in the background.{}",
                names or "nothing",
                audience,
                f" {skipped} edition(s) already sent or sending were left alone."
                if skipped
                else "",
            ),
        )
