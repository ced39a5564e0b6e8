"""The newsletter in the desk: subscribers (administrators only: they are readers' addresses)
and editions (editors compose one from the day's articles, look at it, and send it)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from gazette.articles.models import Article
from gazette.newsroom.newsletter import digest_send_later
from gazette.states import DigestState, SubscriberState
from gazette.subscriptions import services
from gazette.subscriptions.mail import digest_compose
from gazette.subscriptions.models import Digest, Subscriber

DIGEST_ARTICLES = 20


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin[Subscriber]):
    list_display = ["email", "state", "created_at", "confirmed_at", "bounces"]
    list_filter = ["state"]
    search_fields = ["email"]
    readonly_fields = [
        "email", "created_at", "confirmation_sent_at", "confirmed_at", "unsubscribed_at",
        "suppressed_reason", "bounces",
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
        since = timezone.now() - timedelta(days=1)
        articles = list(
            Article.objects.published()
            .filter(made_public_at__gte=since)
            .select_related("source")
            .order_by("-published_at")[:DIGEST_ARTICLES]
        )
        if not articles:
            self.message_user(
                request, "No article was published in the last 24 hours.", messages.WARNING
            )
            return HttpResponseRedirect(reverse("admin:subscriptions_digest_changelist"))
        digest = digest_compose(articles)
        self.message_user(
            request,
            f"Composed “{digest.subject}” from {len(articles)} articles. "
            "Look at it, then send it with the action on the list.",
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
        return format_html(
            '<pre style="white-space:pre-wrap;max-width:60em">{}</pre>', digest.body_text
        )

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
