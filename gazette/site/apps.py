from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "gazette.site"
    label = "site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gazette.site import checks  # noqa: F401  (registers the system checks)
        from gazette.site.signals import connect

        connect()
