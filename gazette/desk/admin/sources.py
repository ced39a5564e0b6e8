from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from gazette.sources.models import Source
from gazette.sources.services import source_poll_now


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin[Source]):
    list_display = [
        "name",
        "kind",
        "language",
        "licence",
        "is_active",
        "health",
        "consecutive_failures",
        "last_success_at",
        "next_poll_at",
    ]
    list_filter = ["health", "kind", "language", "licence", "is_active", "auto_publish"]
    search_fields = ["name", "homepage", "feed_url", "last_error"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [
        "health",
        "last_polled_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "etag",
        "last_modified",
        "claimed_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "homepage", "feed_url", "kind", "language"]}),
        ("Policy", {"fields": ["licence", "auto_publish", "is_active", "poll_interval"]}),
        (
            "Health",
            {
                "fields": [
                    "health",
                    "consecutive_failures",
                    "last_error",
                    "last_polled_at",
                    "last_success_at",
                    "next_poll_at",
                    "claimed_at",
                    "etag",
                    "last_modified",
                ]
            },
        ),
    ]
    actions = ["poll_now"]

    @admin.action(description="Poll now")
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        for source in queryset:
            source_poll_now(source=source)
        self.message_user(
            request,
            f"{queryset.count()} source(s) will be polled at the next scheduler tick.",
            messages.SUCCESS,
        )
