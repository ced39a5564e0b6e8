"""The desk's status page: the whole system on one page, with a retry for what is parked."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gazette.desk.status import desk_status
from gazette.ingest.models import Entry
from gazette.newsroom.flow import entry_retry
from gazette.sources.models import Source
from gazette.sources.services import source_poll_now
from gazette.states import ArticleState, EntryState, SourceHealth


def _labelled(counts: dict[str, int], choices: Any) -> list[tuple[str, int]]:
    labels = dict(choices)
    return [(str(labels.get(key, key)), n) for key, n in counts.items()]


def status_page(site: admin.AdminSite, request: HttpRequest) -> HttpResponse:
    """Heartbeats, queue, failures in 24 h by stage, spend, size; retry parked work."""
    can_retry = request.user.has_perm("ingest.change_entry")
    can_poll = request.user.has_perm("sources.change_source")
    if request.method == "POST":
        if ("entry" in request.POST and not can_retry) or (
            "source" in request.POST and not can_poll
        ):
            return HttpResponse("Your role cannot retry this; ask an administrator.", status=403)
        if entry_id := request.POST.get("entry"):
            entry_retry(entry=get_object_or_404(Entry, pk=entry_id))
            messages.success(request, "Entry queued again.")
        if source_id := request.POST.get("source"):
            source_poll_now(source=get_object_or_404(Source, pk=source_id))
            messages.success(request, "The source will be polled at the scheduler's next tick.")
        return redirect("admin:desk_status")
    status = desk_status()
    context = {
        **site.each_context(request),
        "title": "System status",
        "status": status,
        "failures": [
            (row, row.url if request.user.has_perm(row.permission) else "")
            for row in status.failures
        ],
        "can_retry": can_retry,
        "can_poll": can_poll,
        "sources_by_health": _labelled(status.sources_by_health, SourceHealth.choices),
        "entries_by_state": _labelled(status.entries_by_state, EntryState.choices),
        "articles_by_state": _labelled(status.articles_by_state, ArticleState.choices),
        "daily_budget": f"{settings.TRANSLATION_DAILY_BUDGET:,}",
        "engines": settings.TRANSLATION_ENGINES,
        "entries": Entry.objects.filter(
            state__in=[EntryState.NEEDS_ATTENTION, EntryState.FAILED]
        ).select_related("source")[:200],
        "sources": Source.objects.filter(
            health__in=[SourceHealth.FAILING, SourceHealth.NEEDS_ATTENTION]
        ),
    }
    return TemplateResponse(request, "desk/status.html", context)
