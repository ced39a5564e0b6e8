"""Sources in the desk: add one by pasting a homepage or feed address (checked, with the
articles it would give, before it is saved), its policies in the newsroom's words, and its
health: last poll, last success, failures in a row and why, articles per day, undated and
empty extractions. Pause and resume; a failing source keeps being retried, never disabled."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from gazette.articles.models import Article, Section
from gazette.desk.source_check import SourceCheck, check_feed_address, check_source
from gazette.desk.templatetags.desk import desk_time
from gazette.ingest.models import Entry
from gazette.sources.languages import SOURCE_LANGUAGES, language_label
from gazette.sources.models import Source
from gazette.sources.reasons import readable_text
from gazette.sources.services import source_poll_now, source_register
from gazette.states import EntryState, LicencePolicy, SourceHealth

HEALTH_DAYS = 7
POLL_INTERVALS: tuple[tuple[int, str], ...] = (
    (300, "every 5 minutes"),
    (600, "every 10 minutes"),
    (900, "every 15 minutes"),
    (1800, "every 30 minutes"),
    (3600, "every hour"),
    (7200, "every 2 hours"),
    (21600, "every 6 hours"),
    (43200, "every 12 hours"),
    (86400, "once a day"),
)


def _interval_choices(current: timedelta | None = None) -> list[tuple[int, str]]:
    choices = list(POLL_INTERVALS)
    if current is not None and int(current.total_seconds()) not in dict(choices):
        seconds = int(current.total_seconds())
        choices.append((seconds, f"every {seconds // 60} minutes (as set before)"))
        choices.sort()
    return choices


def _section_choices() -> list[tuple[str, str]]:
    names = list(Section.objects.values_list("name", flat=True))
    return [("", "— the category the listing names, else none —"), *((n, n) for n in names)]


class SourcePolicyFields(forms.Form):
    """What an editor decides about a source, in the newsroom's words (add and change)."""

    language = forms.ChoiceField(
        choices=[("", "— choose —"), *SOURCE_LANGUAGES],
        help_text="The language the outlet writes in; other languages are translated.",
    )
    licence = forms.ChoiceField(
        choices=LicencePolicy.choices,
        initial=LicencePolicy.EXCERPT,
        help_text="What the agreement with the outlet allows us to show.",
    )
    auto_publish = forms.TypedChoiceField(
        label="Review policy",
        choices=list(Source._meta.get_field("auto_publish").choices or ()),
        coerce=lambda v: v in (True, "True"),
        initial=False,
    )
    allow_search_engines = forms.TypedChoiceField(
        label="Search engines",
        choices=list(Source._meta.get_field("allow_search_engines").choices or ()),
        coerce=lambda v: v in (True, "True"),
        initial=True,
    )
    poll_seconds = forms.TypedChoiceField(
        label="Poll", coerce=int, choices=POLL_INTERVALS, initial=900
    )
    default_section = forms.ChoiceField(label="Section", required=False, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["default_section"].choices = _section_choices()  # type: ignore[attr-defined]


class SourceAddForm(SourcePolicyFields):
    address = forms.CharField(
        label="Homepage or feed address",
        max_length=1000,
        help_text="Paste the outlet's homepage: the desk finds its feeds. A feed or sitemap "
        "address works too.",
        widget=forms.URLInput(attrs={"size": 60, "autofocus": True}),
    )
    feed_url = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        max_length=200, required=False, help_text="As readers should see it; blank: the host."
    )
    field_order = ["address", "name", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False  # checked first; required when saving


class SourceChangeForm(forms.ModelForm[Source]):
    poll_interval = forms.TypedChoiceField(label="Poll", coerce=int, choices=())
    default_section = forms.ChoiceField(label="Section", required=False, choices=())

    class Meta:
        model = Source
        fields = [
            "name", "slug", "homepage", "feed_url", "kind", "language", "licence",
            "auto_publish", "allow_search_engines", "default_section", "poll_interval",
            "is_active",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.poll_interval if self.instance.pk else None
        self.fields["poll_interval"].choices = _interval_choices(current)  # type: ignore[attr-defined]
        if current is not None:
            self.initial["poll_interval"] = int(current.total_seconds())
        sections = _section_choices()
        if self.instance.default_section and (self.instance.default_section not in dict(sections)):
            sections.append((self.instance.default_section, self.instance.default_section))
        self.fields["default_section"].choices = sections  # type: ignore[attr-defined]

    def clean_poll_interval(self) -> timedelta:
        return timedelta(seconds=int(self.cleaned_data["poll_interval"]))

    def clean_feed_url(self) -> str:
        url = str(self.cleaned_data["feed_url"])
        if "feed_url" in self.changed_data and (reason := check_feed_address(url)):
            raise ValidationError(f"Gazette cannot poll this address: {reason}")
        return url


class LanguageInUse(admin.SimpleListFilter):
    """The languages the sources write in, by name (not every language on the list)."""

    title = "language"
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = Source.objects.order_by().values_list("language", flat=True).distinct()
        return sorted(((code, language_label(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Source]) -> QuerySet[Source]:
        return queryset.filter(language=self.value()) if self.value() else queryset


def _health_annotations() -> dict[str, Any]:
    since = timezone.now() - timedelta(days=HEALTH_DAYS)

    def count(queryset: QuerySet[Any]) -> Coalesce:
        rows = queryset.order_by().values("source").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    articles = Article.objects.filter(source=OuterRef("pk"), created_at__gte=since)
    entries = Entry.objects.filter(source=OuterRef("pk"), first_seen_at__gte=since)
    return {
        "week_articles": count(articles),
        "week_undated": count(articles.filter(published_at_estimated=True)),
        "week_entries": count(entries),
        "week_empty": count(
            entries.filter(
                state__in=[EntryState.FAILED, EntryState.NEEDS_ATTENTION],
                last_error__startswith="extraction",
            )
        ),
    }


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "—"


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin[Source]):
    form = SourceChangeForm
    list_display = [
        "name", "language", "polling", "health_badge", "last_poll", "last_success",
        "failures", "per_day", "undated", "empty",
    ]  # fmt: skip
    list_filter = ["health", "is_active", LanguageInUse, "licence", "auto_publish"]
    search_fields = ["name", "homepage", "feed_url", "last_error"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [
        "health", "reason", "failures_in_a_row", "last_poll", "last_success", "next_poll",
        "health_figures",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["name", "slug", "homepage", "feed_url", "kind", "language"]}),
        (
            "Policy",
            {
                "fields": [
                    "licence",
                    "auto_publish",
                    "allow_search_engines",
                    "default_section",
                    "poll_interval",
                    "is_active",
                ]
            },
        ),
        (
            "Health",
            {
                "fields": [
                    "health",
                    "reason",
                    "consecutive_failures",
                    "last_polled_at",
                    "last_success_at",
                    "next_poll_at",
                    "health_figures",
                ]
            },
        ),
    ]
    actions = ["poll_now", "pause", "resume"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(**_health_annotations())

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return super().changelist_view(request, {"title": "Sources", **(extra_context or {})})

    # --- health columns ------------------------------------------------------------------
    @admin.display(description="Polling", ordering="is_active")
    def polling(self, source: Source) -> str:
        return "polled" if source.is_active else "paused"

    @admin.display(description="Health", ordering="health")
    def health_badge(self, source: Source) -> str:
        css = {SourceHealth.OK: "ok", SourceHealth.NEW: "new"}.get(source.health, "bad")  # type: ignore[call-overload]
        return format_html(
            '<span class="desk-health desk-health-{}">{}</span>', css, source.get_health_display()
        )

    @admin.display(description="Last poll", ordering="last_polled_at")
    def last_poll(self, source: Source) -> str:
        return desk_time(source.last_polled_at)

    @admin.display(description="Last success", ordering="last_success_at")
    def last_success(self, source: Source) -> str:
        return desk_time(source.last_success_at)

    @admin.display(description="Next poll")
    def next_poll(self, source: Source) -> str:
        return desk_time(source.next_poll_at) if source.is_active else "paused"

    @admin.display(description="Failures in a row")
    def failures_in_a_row(self, source: Source) -> int:
        return source.consecutive_failures

    @admin.display(description="Failures", ordering="consecutive_failures")
    def failures(self, source: Source) -> str:
        if not source.consecutive_failures:
            return "0"
        return format_html(
            "{}: {}", source.consecutive_failures, readable_text(source.last_error)[:160]
        )

    @admin.display(description="Why the last poll failed")
    def reason(self, source: Source) -> str:
        return readable_text(source.last_error) or "—"

    @admin.display(description="A day")
    def per_day(self, source: Source) -> str:
        return f"{getattr(source, 'week_articles', 0) / HEALTH_DAYS:.1f}"

    @admin.display(description="Undated")
    def undated(self, source: Source) -> str:
        return _share(getattr(source, "week_undated", 0), getattr(source, "week_articles", 0))

    @admin.display(description="Empty")
    def empty(self, source: Source) -> str:
        return _share(getattr(source, "week_empty", 0), getattr(source, "week_entries", 0))

    @admin.display(description=f"Last {HEALTH_DAYS} days")
    def health_figures(self, source: Source) -> str:
        if source.pk and not hasattr(source, "week_articles"):
            source = self.get_queryset_for_figures(source)
        return (
            f"{getattr(source, 'week_articles', 0)} articles ({self.per_day(source)} a day); "
            f"undated: {self.undated(source)}; empty extractions: {self.empty(source)} "
            f"of {getattr(source, 'week_entries', 0)} pages fetched"
        )

    def get_queryset_for_figures(self, source: Source) -> Source:
        return Source.objects.annotate(**_health_annotations()).get(pk=source.pk)

    # --- actions -------------------------------------------------------------------------
    @admin.action(description="Poll now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        for source in queryset:
            source_poll_now(source=source)
        self.message_user(
            request,
            f"{queryset.count()} source(s) will be polled at the next scheduler tick.",
            messages.SUCCESS,
        )

    @admin.action(description="Pause polling", permissions=["change"])
    def pause(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        n = queryset.update(is_active=False)
        self.message_user(request, f"{n} source(s) paused: not polled until resumed.")

    @admin.action(description="Resume polling", permissions=["change"])
    def resume(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        n = queryset.update(is_active=True, next_poll_at=timezone.now(), claimed_at=None)
        self.message_user(request, f"{n} source(s) resumed: polled at the next tick.")

    # --- adding: check first, then save --------------------------------------------------
    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        check: SourceCheck | None = None
        if request.method == "POST":
            form = SourceAddForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                saving = "save" in request.POST
                address = data["feed_url"] if saving and data["feed_url"] else data["address"]
                check = check_source(address, preview=0 if saving else 5)
                if not check.ok:
                    form.add_error("address", f"Gazette cannot take this source: {check.reason}")
                elif saving:
                    if not data["language"]:
                        form.add_error("language", "Choose the language the outlet writes in.")
                    elif Source.objects.filter(feed_url=check.feed_url).exists():
                        form.add_error("address", f"{check.feed_url} is a source already.")
                    else:
                        source = self._create(data, check)
                        self.log_addition(request, source, [{"added": {}}])
                        self.message_user(
                            request,
                            f"Source “{source.name}” added; it is polled at the next tick.",
                            messages.SUCCESS,
                        )
                        url = reverse("admin:sources_source_change", args=[source.pk])
                        return HttpResponseRedirect(url)
                else:
                    # Checked: the feed found is what "Save" takes; a language the articles
                    # show is offered when none was chosen.
                    form = SourceAddForm(
                        {
                            **request.POST.dict(),
                            "feed_url": check.feed_url,
                            "language": data["language"] or check.language_guess,
                        }
                    )
                    form.is_valid()
        else:
            form = SourceAddForm(initial={"auto_publish": False})
        context = {
            **self.admin_site.each_context(request),
            **(extra_context or {}),
            "title": "Add a source",
            "opts": self.model._meta,
            "form": form,
            "check": check,
            "language_guess": language_label(check.language_guess) if check else "",
            "has_view_permission": True,
        }
        return TemplateResponse(request, "desk/source_add.html", context)

    def _create(self, data: dict[str, Any], check: SourceCheck) -> Source:
        homepage = check.homepage or (data["address"] if data["address"] != check.feed_url else "")
        source = source_register(
            name=data["name"] or check.page_title or check.site_name or "New source",
            feed_url=check.feed_url,
            homepage=homepage,
            language=data["language"],
            kind=check.kind,
            licence=data["licence"],
            poll_interval=timedelta(seconds=data["poll_seconds"]),
        )
        Source.objects.filter(pk=source.pk).update(
            auto_publish=data["auto_publish"],
            allow_search_engines=data["allow_search_engines"],
            default_section=data["default_section"] or "",
        )
        source.refresh_from_db()
        return source
