"""Desk: translations with a side-by-side review screen, the glossary, memory and engines."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from gazette.newsroom.flow import translation_retry, translation_review
from gazette.states import ArticleState, TranslationState
from gazette.translation.engines.base import LanguagePair
from gazette.translation.engines.registry import ENGINES, EngineConfigError, parse_rules
from gazette.translation.metering import engine_usage_today
from gazette.translation.models import (
    ArticleTranslation,
    EngineUsage,
    GlossaryTerm,
    SourceTranslationPolicy,
    TranslationMemory,
)
from gazette.translation.packages import (
    PackageError,
    install_argos_file,
    install_from_index,
    installed_models,
)
from gazette.translation.review import ReviewError, review_rows
from gazette.translation.selectors import engines_configured, language_name, translation_status
from gazette.translation.trial import TrialError, engine_trial

NO_ENGINE = (
    "No translation engine is configured (TRANSLATION_ENGINES=none): articles not in the site's "
    "language wait for a human translation, which you can write on the review screen. An "
    "administrator can install a model on the Engines page."
)
MANAGE_ENGINES = "translation.manage_engines"
STATIC = {"all": ["desk/translation.css"]}


def engine_warning() -> str:
    """The one warning a translation page shows when no engine is configured, or ""."""
    return "" if engines_configured(settings.TRANSLATION_ENGINES) else NO_ENGINE


def may_publish(user: Any) -> bool:
    """Whether the user's save of a translation may change the public page (not a translator)."""
    return user.has_perm("articles.publish_article")


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin[ArticleTranslation]):
    change_list_template = "desk/translation_change_list.html"
    list_display = [
        "article_link",
        "state",
        "review_link",
        "languages",
        "translated_by",
        "updated_at",
    ]
    list_display_links = None
    list_filter = ["state", "source_language", "engine"]
    search_fields = ["title", "original_title"]
    list_select_related = ["article"]
    list_per_page = 50
    actions = ["retry"]
    readonly_fields = [
        "article", "source_language", "language", "engine", "engine_label", "model_version",
        "state", "error", "attempts", "next_attempt_at", "characters_sent",
        "segments_from_memory", "reviewed_by", "reviewed_at", "translated_at",
    ]  # fmt: skip
    exclude = ["segments", "source_hash"]

    class Media:
        css = STATIC

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        status = translation_status()
        usage = dict(status["characters_today"])  # type: ignore[call-overload]
        extra_context = {
            **(extra_context or {}),
            "title": "Translations",
            "engine_warning": engine_warning(),
            "characters_today": sorted(usage.items()),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj: ArticleTranslation) -> str:
        url = reverse("admin:translation_articletranslation_review", args=[obj.pk])
        title = obj.title or obj.original_title or str(obj.article)
        return format_html('<a href="{}">{}</a>', url, title[:120])

    @admin.display(description="review")
    def review_link(self, obj: ArticleTranslation) -> str:
        url = reverse("admin:translation_articletranslation_review", args=[obj.pk])
        return format_html('<a href="{}">Review side by side</a>', url)

    @admin.display(description="translated by", ordering="engine_label")
    def translated_by(self, obj: ArticleTranslation) -> str:
        return obj.engine_label or "—"

    @admin.display(description="languages", ordering="source_language")
    def languages(self, obj: ArticleTranslation) -> str:
        return f"{language_name(obj.source_language)} → {language_name(obj.language)}"

    @admin.action(description="Translate again")
    def retry(self, request: HttpRequest, queryset: QuerySet[ArticleTranslation]) -> None:
        for translation in queryset:
            translation_retry(translation=translation)
        self.message_user(request, f"{queryset.count()} translation(s) queued again.")

    def get_urls(self) -> list[URLPattern]:
        review = path(
            "<int:pk>/review/",
            self.admin_site.admin_view(self.review_view),
            name="translation_articletranslation_review",
        )
        return [review, *super().get_urls()]

    def review_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Original and translation side by side, segment by segment, editable."""
        translation = get_object_or_404(ArticleTranslation.objects.select_related("article"), pk=pk)
        if not self.has_change_permission(request, translation):
            return HttpResponse(status=403)
        publisher = may_publish(request.user)
        targets: list[str] | None = None
        if request.method == "POST":
            count = len(translation.segments)
            targets = [request.POST.get(f"target-{i}", "") for i in range(count)]
            was_public = translation.article.is_published
            try:
                translation_review(
                    translation=translation,
                    targets=targets,
                    editor=request.user,  # type: ignore[arg-type]
                    publish=publisher,
                )
            except ReviewError as exc:
                messages.error(request, f"Not saved. {exc}")
            else:
                messages.success(request, _saved_message(translation, publisher, was_public))
                return HttpResponseRedirect(request.path)
        article = translation.article
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Review translation",
            "translation": translation,
            "article": article,
            "source_language_name": language_name(translation.source_language),
            "language_name": language_name(translation.language),
            "rows": review_rows(translation, targets),
            "action_label": _action_label(article.state, publisher),
            "action_help": _action_help(article.state, publisher),
            "engine_warning": engine_warning()
            if translation.state == TranslationState.WAITING_FOR_HUMAN
            else "",
            "public_url": article.get_absolute_url() if article.is_published else "",
            "media": self.media,
        }
        return TemplateResponse(request, "desk/translation_review.html", context)


def _action_label(state: str, publisher: bool) -> str:
    if not publisher:
        return "Save for an editor's review"
    if state == ArticleState.PUBLISHED:
        return "Save and update the public page"
    if state == ArticleState.AWAITING_TRANSLATION:
        return "Save, mark reviewed and publish"
    return "Save and mark reviewed"


def _action_help(state: str, publisher: bool) -> str:
    if not publisher:
        return (
            "Your corrections are saved and enter the translation memory; an editor reviews "
            "and publishes them. The public page does not change yet."
        )
    if state == ArticleState.PUBLISHED:
        return "Readers see the corrected text at once, with the note “reviewed by the editors”."
    if state == ArticleState.AWAITING_TRANSLATION:
        return "The article goes live with this translation, marked as reviewed."
    if state == ArticleState.DRAFT:
        return "The article then awaits an editor's approval on its own page."
    return "The article is not public; it will show this text once published."


def _saved_message(translation: ArticleTranslation, publisher: bool, was_public: bool) -> str:
    article = translation.article
    article.refresh_from_db(fields=["state"])
    if not publisher:
        return (
            "Saved for an editor's review. Your corrections entered the translation memory; "
            "the public page is unchanged until an editor publishes them."
        )
    if was_public and article.is_published:
        return "Saved and marked reviewed. The public page now shows the corrected text."
    if article.is_published:
        return "Saved, marked reviewed and published. The article is now on the site."
    return (
        f"Saved and marked reviewed. The article is not public ({article.get_state_display()}); "
        "it will show this text once published."
    )


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin[GlossaryTerm]):
    list_display = ["source_term", "target_term", "source_language", "target_language", "note"]
    list_filter = ["source_language", "target_language"]
    search_fields = ["source_term", "target_term"]


@admin.register(TranslationMemory)
class TranslationMemoryAdmin(admin.ModelAdmin[TranslationMemory]):
    list_display = ["source_text", "target_text", "engine", "origin", "updated_at"]
    list_filter = ["origin", "engine", "source_language", "target_language"]
    search_fields = ["source_text", "target_text"]
    readonly_fields = ["source_hash"]


class TrialForm(forms.Form):
    text = forms.CharField(
        label="Text to translate",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    source_language = forms.ChoiceField(label="Written in")
    engine = forms.ChoiceField(label="Engine", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        site = settings.SITE_LANGUAGE
        languages = [code for code in settings.TRANSLATION_LANGUAGES if code != site]
        source: Any = self.fields["source_language"]
        engine: Any = self.fields["engine"]
        source.choices = [(c, language_name(c)) for c in languages]
        engine.choices = [("", "As configured for the language")] + [
            (name, kind.label) for name, kind in ENGINES.items()
        ]


class InstallForm(forms.Form):
    name = forms.CharField(
        label="Package name",
        required=False,
        help_text="From the Argos package index, e.g. translate-de_en (or de-en).",
    )
    package = forms.FileField(
        label="Or a package file",
        required=False,
        help_text="An Argos Translate package (.argosmodel).",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and not data.get("package"):
            raise forms.ValidationError("Give a package name or choose a package file.")
        return data


@admin.register(EngineUsage)
class EngineUsageAdmin(admin.ModelAdmin[EngineUsage]):
    """The Engines page: configured engines with budget and spend, a test box, models."""

    class Media:
        css = STATIC

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MANAGE_ENGINES)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.has_perm(MANAGE_ENGINES)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse("Only administrators manage the engines.", status=403)
        trial_form = TrialForm(prefix="trial")
        install_form = InstallForm(prefix="install")
        trial = None
        if request.method == "POST" and "trial" in request.POST:
            trial_form = TrialForm(request.POST, prefix="trial")
            if trial_form.is_valid():
                try:
                    trial = engine_trial(
                        text=trial_form.cleaned_data["text"],
                        source_language=trial_form.cleaned_data["source_language"],
                        engine_name=trial_form.cleaned_data["engine"],
                    )
                except TrialError as exc:
                    trial_form.add_error(None, f"Not translated: {exc}")
        elif request.method == "POST" and "install" in request.POST:
            install_form = InstallForm(request.POST, request.FILES, prefix="install")
            if install_form.is_valid():
                try:
                    model = _install(install_form.cleaned_data)
                except PackageError as exc:
                    install_form.add_error(None, f"Not installed: {exc}")
                else:
                    messages.success(
                        request,
                        f"Installed the {model.pair} model for the {model.engine} engine. "
                        f"Use it with TRANSLATION_ENGINES={model.pair}={model.engine}.",
                    )
                    return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            **(extra_context or {}),
            "opts": self.model._meta,
            "title": "Translation engines",
            "engine_warning": engine_warning(),
            "setting": settings.TRANSLATION_ENGINES,
            "rules": _rules(),
            "engines": _engine_rows(),
            "budget": settings.TRANSLATION_DAILY_BUDGET,
            "models": installed_models(),
            "model_dir": settings.TRANSLATION_MODEL_DIR,
            "index_url": settings.TRANSLATION_PACKAGE_INDEX_URL,
            "trial_form": trial_form,
            "trial": trial,
            "install_form": install_form,
            "media": self.media,
        }
        return TemplateResponse(request, "desk/engines.html", context)


def _install(data: dict[str, Any]) -> Any:
    upload = data.get("package")
    if upload is None:
        return install_from_index(str(data["name"]))
    if upload.size > settings.TRANSLATION_PACKAGE_MAX_BYTES:
        raise PackageError("the file is larger than TRANSLATION_PACKAGE_MAX_BYTES")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.argosmodel"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return install_argos_file(path, origin=Path(upload.name).name)


def _rules() -> list[dict[str, Any]]:
    try:
        rules = parse_rules(settings.TRANSLATION_ENGINES)
    except EngineConfigError as exc:
        return [{"pattern": "", "engines": [], "error": str(exc)}]
    rows: list[dict[str, Any]] = []
    for pattern, names in rules:
        problems: list[str] = []
        if "*" not in pattern:
            source, target = pattern.split("-")
            pair = LanguagePair(source, target)
            problems = [p for name in names if (p := ENGINES[name]().problem(pair))]
        rows.append({"pattern": pattern, "engines": names, "problems": problems, "error": ""})
    return rows


def _engine_rows() -> list[dict[str, Any]]:
    """Every engine the setting names, with today's and this month's spend."""
    try:
        named = list(dict.fromkeys(n for _p, names in parse_rules(settings.TRANSLATION_ENGINES)
                                   for n in names))  # fmt: skip
    except EngineConfigError:
        named = []
    today = timezone.localdate()
    month = dict(
        EngineUsage.objects.filter(day__gte=today.replace(day=1), day__lte=today)
        .values_list("engine")
        .annotate(n=Sum("characters"))
        .values_list("engine", "n")
    )
    budget = settings.TRANSLATION_DAILY_BUDGET
    rows: list[dict[str, Any]] = []
    for name in [*named, *sorted(set(month) - set(named))]:
        engine = ENGINES.get(name)
        spent = engine_usage_today(name)
        limited = bool(engine and engine.remote and budget)
        rows.append(
            {
                "name": name,
                "label": engine.label if engine else name,
                "where": "remote service" if engine and engine.remote else "on our server",
                "configured": name in named,
                "today": spent,
                "month": month.get(name, 0),
                "budget": budget if limited else None,
                "share": min(100, round(100 * spent / budget)) if limited else None,
                "left": max(0, budget - spent) if limited else None,
            }
        )
    return rows


@admin.register(SourceTranslationPolicy)
class SourceTranslationPolicyAdmin(admin.ModelAdmin[SourceTranslationPolicy]):
    list_display = ["source", "review_machine_translations"]
