from typing import Any

from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


def _after_last_app(sender: AppConfig, **kwargs: Any) -> None:
    """Sync the roles once per migrate, after the last app's permissions were created."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender is with_models[-1]:
        from gazette.desk.roles import sync_role_permissions

        sync_role_permissions(**kwargs)


class DeskConfig(AppConfig):
    """The editors' desk: the admin of every app, the review queue and the status page."""

    default = True
    name = "gazette.desk"
    label = "desk"
    verbose_name = "Desk"

    def ready(self) -> None:
        post_migrate.connect(_after_last_app, dispatch_uid="desk-roles")


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the desk as its default site (`gazette.desk.site.DeskSite`)."""

    default = False  # `gazette.desk` alone means DeskConfig
    default_site = "gazette.desk.site.DeskSite"
