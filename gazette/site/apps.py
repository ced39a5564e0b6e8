from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "gazette.site"
    label = "site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gazette.site import checks, search_wiring  # noqa: F401  (checks: registers them)
        from gazette.site.signals import connect

        connect()
        search_wiring.connect()
