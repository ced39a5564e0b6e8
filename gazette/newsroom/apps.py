from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The newsroom's work: the path of a story through the stages (`flow.py`) and the
    scheduler that keeps it moving."""

    name = "gazette.newsroom"
    label = "newsroom"
