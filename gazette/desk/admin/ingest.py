from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.text import Truncator

from gazette.ingest.models import Document, Entry
from gazette.newsroom.flow import entry_retry
from gazette.sources.reasons import readable_text


class DocumentInline(admin.TabularInline[Document, Entry]):
    model = Document
    extra = 0
    fields = ["url", "status_code", "encoding", "content_hash", "fetched_at"]
    readonly_fields = ["url", "status_code", "encoding", "content_hash", "fetched_at"]
    show_change_link = True
    can_delete = False


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin[Entry]):
    list_display = [
        "__str__",
        "source",
        "state",
        "attempts",
        "error",
        "first_seen_at",
        "next_attempt_at",
    ]
    list_filter = ["state", "source"]
    search_fields = ["feed_title", "url", "canonical_url", "last_error"]
    readonly_fields = ["first_seen_at", "updated_at"]
    date_hierarchy = "first_seen_at"
    inlines = [DocumentInline]
    actions = ["retry"]

    @admin.display(description="why it failed")
    def error(self, entry: Entry) -> str:
        return Truncator(readable_text(entry.last_error)).chars(100)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "attention/",
                self.admin_site.admin_view(self.attention_view),
                name="ingest_entry_attention",
            ),
            *super().get_urls(),
        ]

    def attention_view(self, request: HttpRequest) -> HttpResponse:
        """The former address of the status page (bookmarks keep working)."""
        from gazette.desk.status_page import status_page

        return status_page(self.admin_site, request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Entries come from polling (and the API's submit): a raw form here would bypass both.
        return False

    @admin.action(description="Retry fetch and extraction", permissions=["change"])
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
