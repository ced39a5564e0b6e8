from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from gazette.discovery.models import ArticleEmbedding, PopularityBucket, Story
from gazette.discovery.services import story_merge, story_split


class MemberInline(admin.TabularInline):
    model = ArticleEmbedding
    fields = ["article", "published_at", "backend"]
    readonly_fields = ["article", "published_at", "backend"]
    extra = 0
    can_delete = False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "reports", "last_article_at"]
    search_fields = ["title"]
    exclude = ["centroid"]
    inlines = [MemberInline]
    actions = ["merge_stories"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Story]:
        return super().get_queryset(request).annotate(report_count=Count("members"))

    @admin.display(ordering="report_count")
    def reports(self, story: Story) -> int:
        return int(getattr(story, "report_count", 0))

    @admin.action(description="Merge the selected stories into one")
    def merge_stories(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        if queryset.count() < 2:
            self.message_user(request, "Select two or more stories.", messages.WARNING)
            return
        story = story_merge(stories=list(queryset))
        self.message_user(request, f"Merged into “{story}”.")


@admin.register(ArticleEmbedding)
class ArticleEmbeddingAdmin(admin.ModelAdmin):
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
class PopularityBucketAdmin(admin.ModelAdmin):
    list_display = ["article", "hour", "views"]
    date_hierarchy = "hour"
    raw_id_fields = ["article"]
