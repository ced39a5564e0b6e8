from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "gazette.translation"
    label = "translation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import gazette.translation.checks  # noqa: F401  (registers the system checks)
