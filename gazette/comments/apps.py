from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Readers' comments on articles, held or published by the section's moderation policy."""

    name = "gazette.comments"
    label = "comments"
    verbose_name = "Comments"
