"""Admin: translations with a side-by-side review screen, the glossary, memory and usage."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from gazette.newsroom.flow import translation_retry, translation_review
from gazette.translation.models import (
    ArticleTranslation,
    EngineUsage,
    GlossaryTerm,
    SourceTranslationPolicy,
    TranslationMemory,
)
from gazette.translation.review import ReviewError
from gazette.translation.selectors import engines_configured, translation_status

NO_ENGINE = (
    "No translation engine is configured (TRANSLATION_ENGINES=none): articles not in the site's "
    "language wait for a human translation. The README, section Translation, says how to "
    "install a model from a file or point Gazette at a translation server."
)


def warn_without_engine(request: HttpRequest) -> None:
    if not engines_configured(settings.TRANSLATION_ENGINES):
        messages.warning(request, NO_ENGINE)


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin[ArticleTranslation]):
    list_display = ["article", "state", "source_language", "engine", "review_link", "updated_at"]
    list_filter = ["state", "source_language", "engine"]
    search_fields = ["title", "original_title"]
    list_select_related = ["article"]
    actions = ["retry"]
    readonly_fields = [
        "article", "source_language", "language", "engine", "engine_label", "model_version",
        "state", "error", "attempts", "next_attempt_at", "characters_sent",
        "segments_from_memory", "reviewed_by", "reviewed_at", "translated_at",
    ]  # fmt: skip
    exclude = ["segments", "source_hash"]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        warn_without_engine(request)
        status = translation_status()
        extra_context = {**(extra_context or {}), "translation_status": status}
        usage = ", ".join(f"{k}: {v:,}" for k, v in dict(status["characters_today"]).items())  # type: ignore[call-overload]
        if usage:
            messages.info(request, f"Characters sent today: {usage}.")
        return super().changelist_view(request, extra_context)

    @admin.display(description="review")
    def review_link(self, obj: ArticleTranslation) -> str:
        url = reverse("admin:translation_articletranslation_review", args=[obj.pk])
        return format_html('<a href="{}">Review side by side</a>', url)

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
        warn_without_engine(request)
        segments = list(translation.segments)
        if request.method == "POST":
            targets = [request.POST.get(f"target-{i}", "") for i in range(len(segments))]
            try:
                translation_review(
                    translation=translation,
                    targets=targets,
                    editor=request.user,  # type: ignore[arg-type]
                    publish="publish" in request.POST,
                )
            except ReviewError as exc:
                messages.error(request, str(exc))
                for segment, target in zip(segments, targets, strict=True):
                    segment["target"] = target
            else:
                messages.success(request, "Translation saved; corrections entered the memory.")
                return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Review translation: {translation.article}",
            "translation": translation,
            "rows": list(enumerate(segments)),
        }
        return TemplateResponse(request, "desk/translation_review.html", context)


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


@admin.register(EngineUsage)
class EngineUsageAdmin(admin.ModelAdmin[EngineUsage]):
    list_display = ["day", "engine", "characters", "requests"]
    list_filter = ["engine"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SourceTranslationPolicy)
class SourceTranslationPolicyAdmin(admin.ModelAdmin[SourceTranslationPolicy]):
    list_display = ["source", "review_machine_translations"]
