from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.text import Truncator

from gazette.desk.status import desk_status
from gazette.ingest.models import Document, Entry
from gazette.newsroom.flow import entry_retry
from gazette.sources.models import Source
from gazette.sources.services import source_poll_now
from gazette.states import EntryState, SourceHealth


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

    @admin.display(description="last error")
    def error(self, entry: Entry) -> str:
        return Truncator(entry.last_error).chars(80)

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
        """Parked entries and unhealthy sources, each with a one-click retry."""
        if request.method == "POST":
            if entry_id := request.POST.get("entry"):
                entry_retry(entry=get_object_or_404(Entry, pk=entry_id))
                self.message_user(request, "Entry queued again.", messages.SUCCESS)
            if source_id := request.POST.get("source"):
                source_poll_now(source=get_object_or_404(Source, pk=source_id))
                self.message_user(request, "Source will be polled now.", messages.SUCCESS)
            return redirect("admin:ingest_entry_attention")
        context = {
            **self.admin_site.each_context(request),
            "title": "Desk status",
            "status": desk_status(),
            "daily_budget": settings.TRANSLATION_DAILY_BUDGET,
            "entries": Entry.objects.filter(
                state__in=[EntryState.NEEDS_ATTENTION, EntryState.FAILED]
            ).select_related("source")[:500],
            "sources": Source.objects.filter(
                health__in=[SourceHealth.FAILING, SourceHealth.NEEDS_ATTENTION]
            ),
        }
        return TemplateResponse(request, "desk/status.html", context)

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
