from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from gazette.ingest.models import Document, Entry
from gazette.ingest.services import entry_retry


class DocumentInline(admin.TabularInline[Document, Entry]):
    model = Document
    extra = 0
    fields = ["url", "status_code", "encoding", "content_hash", "fetched_at"]
    readonly_fields = ["url", "status_code", "encoding", "content_hash", "fetched_at"]
    show_change_link = True
    can_delete = False


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin[Entry]):
    list_display = ["__str__", "source", "state", "attempts", "first_seen_at", "next_attempt_at"]
    list_filter = ["state", "source"]
    search_fields = ["feed_title", "url", "canonical_url", "last_error"]
    readonly_fields = ["first_seen_at", "updated_at"]
    date_hierarchy = "first_seen_at"
    inlines = [DocumentInline]
    actions = ["retry"]

    @admin.action(description="Retry fetch and extraction")
    def retry(self, request: HttpRequest, queryset: QuerySet[Entry]) -> None:
        for entry in queryset:
            entry_retry(entry=entry)
        self.message_user(request, f"{queryset.count()} entr(ies) queued again.", messages.SUCCESS)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin[Document]):
    list_display = ["url", "status_code", "encoding", "fetched_at"]
    list_filter = ["status_code"]
    search_fields = ["url", "content_hash"]
    exclude = ["body"]
    readonly_fields = [
        "entry",
        "url",
        "status_code",
        "headers",
        "encoding",
        "content_hash",
        "fetched_at",
    ]
