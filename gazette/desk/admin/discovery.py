from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from gazette.discovery.models import ArticleEmbedding, PopularityBucket, Story, StoryRedirect
from gazette.discovery.services import story_merge, story_split


class ReportForm(forms.ModelForm[ArticleEmbedding]):
    split_off = forms.BooleanField(
        required=False, label="Split off", help_text="Move to a new story when saved."
    )

    class Meta:
        model = ArticleEmbedding
        fields: list[str] = []


class ReportFormSet(BaseInlineFormSet[ArticleEmbedding, Story, forms.ModelForm[ArticleEmbedding]]):
    def clean(self) -> None:
        super().clean()
        chosen = [form for form in self.forms if form.cleaned_data.get("split_off")]
        if self.forms and len(chosen) == len(self.forms):
            raise ValidationError(
                "Leave at least one report in this story: split off only some of them."
            )


class ReportInline(admin.TabularInline[ArticleEmbedding, Story]):
    """The story's reports, readable (the row's name is the headline), each with a split box."""

    model = ArticleEmbedding
    form = ReportForm
    formset = ReportFormSet
    verbose_name = "report"
    verbose_name_plural = "reports"
    fields = ["outlet", "published", "links", "split_off"]
    exclude = ["article"]  # the primary key: excluded, the form carries it as a hidden field
    readonly_fields = ["outlet", "published", "links"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ArticleEmbedding]:
        return (
            super()
            .get_queryset(request)
            .select_related("article__source")
            .defer("vector", "article__body_html")
            .order_by("published_at", "article_id")
        )

    @admin.display(description="Outlet")
    def outlet(self, report: ArticleEmbedding) -> str:
        return report.article.source.name

    @admin.display(description="Published")
    def published(self, report: ArticleEmbedding) -> str:
        article = report.article
        when = date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        return f"{when} (first seen)" if article.published_at_estimated else when

    @admin.display(description="Article")
    def links(self, report: ArticleEmbedding) -> str:
        article = report.article
        edit = reverse("admin:articles_article_change", args=[article.pk])
        if not article.is_published:
            return format_html('<a href="{}">edit</a> · not public', edit)
        return format_html(
            '<a href="{}">edit</a> · <a href="{}">public page</a>', edit, article.get_absolute_url()
        )


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin[Story]):
    list_display = ["title", "reports", "outlets", "latest_report"]
    search_fields = ["title"]
    fields = ["title", "public_page", "last_article_at", "created_at"]
    readonly_fields = ["public_page", "last_article_at", "created_at"]
    inlines = [ReportInline]
    actions = ["merge_stories"]

    @admin.display(description="Public page")
    def public_page(self, story: Story) -> str:
        if not story.pk:
            return "—"
        return format_html('<a href="{0}">{0}</a>', story.get_absolute_url())

    def get_queryset(self, request: HttpRequest) -> QuerySet[Story]:
        # The page's outlets in one query, whatever the number of stories shown.
        outlets = ArticleEmbedding.objects.select_related("article__source").only(
            "article_id", "story_id", "article__source__name"
        )
        return (
            super()
            .get_queryset(request)
            .annotate(report_count=Count("members"))
            .prefetch_related(Prefetch("members", queryset=outlets, to_attr="outlet_rows"))
        )

    @admin.display(ordering="report_count")
    def reports(self, story: Story) -> int:
        return int(getattr(story, "report_count", 0))

    @admin.display(description="Outlets")
    def outlets(self, story: Story) -> str:
        rows = getattr(story, "outlet_rows", None)
        if rows is None:
            rows = list(story.members.select_related("article__source"))
        return ", ".join(sorted({row.article.source.name for row in rows}))

    @admin.display(description="Latest report", ordering="last_article_at")
    def latest_report(self, story: Story) -> Any:
        return story.last_article_at

    @admin.action(description="Merge the selected stories into one")
    def merge_stories(self, request: HttpRequest, queryset: QuerySet[Story]) -> Any:
        """Asks first (an intermediate page listing what becomes one); merges on "Yes"."""
        stories = list(queryset.annotate(report_total=Count("members")).order_by("-report_total"))
        if len(stories) < 2:
            self.message_user(request, "Select two or more stories.", messages.WARNING)
            return None
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "Merge these stories?",
                "opts": self.model._meta,
                "stories": stories,
                "keep": stories[0],
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "desk/story_merge_confirm.html", context)
        story = story_merge(stories=list[Story](stories))
        self.message_user(
            request, f"Merged {len(stories)} stories into “{story}”.", messages.SUCCESS
        )
        return None

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if not isinstance(formset, ReportFormSet):
            super().save_formset(request, form, formset, change)
            return
        # Nothing of a report is written here, but the change message reads what was ticked.
        formset.save(commit=False)
        articles = [f.instance.article for f in formset.forms if f.cleaned_data.get("split_off")]
        if not articles:
            return
        new = story_split(story=formset.instance, articles=articles)
        self.message_user(
            request,
            format_html(
                'Split {} report(s) off into the new story “<a href="{}">{}</a>”.',
                len(articles),
                reverse("admin:discovery_story_change", args=[new.pk]),
                new.title,
            ),
        )


@admin.register(StoryRedirect)
class StoryRedirectAdmin(admin.ModelAdmin[StoryRedirect]):
    list_display = ["old_id", "story", "created_at"]
    search_fields = ["=old_id"]
    raw_id_fields = ["story"]


@admin.register(ArticleEmbedding)
class ArticleEmbeddingAdmin(admin.ModelAdmin[ArticleEmbedding]):
    list_display = ["article", "story", "backend", "published_at"]
    list_filter = ["backend"]
    raw_id_fields = ["article", "story"]
    exclude = ["vector"]
    actions = ["split_off"]

    @admin.action(description="Split the selected reports off into a new story")
    def split_off(self, request: HttpRequest, queryset: QuerySet[ArticleEmbedding]) -> None:
        stories = {embedding.story for embedding in queryset if embedding.story}
        if len(stories) != 1:
            self.message_user(request, "Select reports of one story.", messages.WARNING)
            return
        story = stories.pop()
        new = story_split(story=story, articles=[item.article for item in queryset])
        self.message_user(request, f"Split into the new story “{new}”.")


@admin.register(PopularityBucket)
class PopularityBucketAdmin(admin.ModelAdmin[PopularityBucket]):
    list_display = ["article", "hour", "views"]
    date_hierarchy = "hour"
    raw_id_fields = ["article"]
