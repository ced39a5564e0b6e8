from typing import Any

from django.contrib import admin, messages
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from gazette.articles.models import Article, Section, Tag
from gazette.ingest.models import Entry
from gazette.newsroom.flow import article_publish, article_withdraw
from gazette.states import ArticleState


class OriginalLanguageFilter(admin.SimpleListFilter):
    """Articles by the language they were written in: a translated article's language is the
    site's, its original language the one its source wrote."""

    title = "original language"
    parameter_name = "original_language"
    NOT_TRANSLATED = "-"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        languages = (
            Article.objects.exclude(original_language="")
            .exclude(original_language=F("language"))
            .order_by("original_language")
            .values_list("original_language", flat=True)
            .distinct()
        )
        return [(language, language) for language in languages] + [
            (self.NOT_TRANSLATED, "not translated")
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if not value:
            return queryset
        if value == self.NOT_TRANSLATED:
            return queryset.filter(Q(original_language="") | Q(original_language=F("language")))
        return queryset.filter(original_language=value)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = [
        "title",
        "source",
        "section",
        "languages",
        "state",
        "published_at",
        "made_public_at",
    ]
    list_filter = [
        "state",
        "section",
        "language",
        OriginalLanguageFilter,
        "source",
        "published_at_estimated",
    ]
    autocomplete_fields = ["tags"]
    prepopulated_fields = {"author_slug": ["author"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body_html", "section", "tags"]}),
        (
            "Byline and dates",
            {
                "fields": [
                    "author",
                    "author_slug",
                    "published_at",
                    "published_at_estimated",
                    "modified_at",
                ]
            },
        ),
        ("Lead image", {"fields": ["image_url", "image_alt", "image_caption", "image_credit"]}),
        (
            "Origin",
            {"fields": ["source", "entry_link", "original_url", "language", "duplicate_of"]},
        ),
        ("Publication", {"fields": ["state", "made_public_at", "created_at", "updated_at"]}),
    ]
    search_fields = ["title", "standfirst", "author", "original_url"]
    date_hierarchy = "published_at"
    readonly_fields = ["entry_link", "made_public_at", "created_at", "updated_at"]
    list_select_related = ["source", "section"]
    raw_id_fields = ["duplicate_of"]
    actions = ["publish", "withdraw"]

    @admin.display(description="language", ordering="original_language")
    def languages(self, article: Article) -> str:
        """An article translated from German shows "de → en"; any other its own language."""
        original = article.original_language
        if original and original != article.language:
            return f"{original} → {article.language}"
        return article.language

    @admin.display(description="entry")
    def entry_link(self, article: Article) -> str:
        """The feed entry the article came from, in the desk."""
        entry = Entry.objects.filter(article=article).first()
        if entry is None:
            return "-"
        url = reverse("admin:ingest_entry_change", args=[entry.pk])
        return format_html('<a href="{}">{}</a>', url, entry)

    @admin.action(description="Publish")
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        done = 0
        for article in queryset.exclude(state=ArticleState.PUBLISHED):
            try:
                article_publish(article=article)
                done += 1
            except ValueError as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, f"{done} article(s) published.", messages.SUCCESS)

    @admin.action(description="Withdraw from the site")
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            article_withdraw(article=article)
        self.message_user(request, f"{queryset.count()} article(s) withdrawn.", messages.SUCCESS)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin[Section]):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
