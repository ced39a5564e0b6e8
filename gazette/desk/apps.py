from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editors' desk: the admin of every app, the review queue and the status page."""

    name = "gazette.desk"
    label = "desk"
    verbose_name = "Desk"
