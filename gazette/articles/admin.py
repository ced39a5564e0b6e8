from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from gazette.articles.models import Article
from gazette.articles.services import article_publish, article_withdraw
from gazette.states import ArticleState


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = ["title", "source", "language", "state", "published_at", "made_public_at"]
    list_filter = ["state", "language", "source", "published_at_estimated"]
    search_fields = ["title", "standfirst", "author", "original_url"]
    date_hierarchy = "published_at"
    readonly_fields = ["entry", "made_public_at", "created_at", "updated_at"]
    list_select_related = ["source"]
    actions = ["publish", "withdraw"]

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
