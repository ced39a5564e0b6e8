"""The newsroom's roles: which Django permissions each desk group holds.

The groups are created by a migration (`desk/migrations/0001_roles.py`); their permissions are
set from `ROLE_PERMISSIONS` after every `migrate` (`sync_role_permissions`, connected in
`DeskConfig.ready`), so a model added later reaches its roles without a hand-written migration.
A permission named here whose model does not exist (yet) is skipped, never an error.

Each app owns its rows: add the permissions a role needs where the app's desk pages are made.
"""

from __future__ import annotations

from typing import Any

EDITOR = "editor"
TRANSLATOR = "translator"
MODERATOR = "moderator"
ADMINISTRATOR = "administrator"

ROLES: tuple[str, ...] = (EDITOR, TRANSLATOR, MODERATOR, ADMINISTRATOR)

ROLE_LABELS: dict[str, str] = {
    EDITOR: "Editor: reviews, edits, schedules, publishes and withdraws articles; manages stories",
    TRANSLATOR: "Translator: corrects translations and the glossary; never publishes",
    MODERATOR: "Moderator: approves, holds and removes readers' comments; never publishes",
    ADMINISTRATOR: "Administrator: everything, including sources, engines, roles and API keys",
}

# "app_label.codename" per role. The administrator holds every permission (see below).
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    EDITOR: (
        "articles.view_article",
        "articles.change_article",
        "articles.view_section",
        "articles.view_tag",
        "articles.add_tag",
        "articles.change_tag",
        "articles.view_articlerevision",
        "articles.publish_article",
        "articles.schedule_article",
        "articles.withdraw_article",
        "articles.correct_article",
        "discovery.view_story",
        "discovery.change_story",
        "translation.view_articletranslation",
        "translation.change_articletranslation",
        "translation.view_glossaryterm",
        "sources.view_source",
        "ingest.add_entry",  # submit a URL for ingestion (the API's POST /entries/)
        "ingest.view_entry",  # the start page's and status page's unfetched articles
        "site.view_sitepage",
        "site.change_sitepage",
        "subscriptions.view_digest",
        "subscriptions.add_digest",
        "subscriptions.send_digest",
    ),
    TRANSLATOR: (
        "articles.view_article",
        "translation.view_articletranslation",
        "translation.change_articletranslation",
        "translation.view_glossaryterm",
        "translation.add_glossaryterm",
        "translation.change_glossaryterm",
        "translation.delete_glossaryterm",
    ),
    MODERATOR: (
        "articles.view_article",
        "comments.view_comment",
        "comments.change_comment",
        "comments.delete_comment",
    ),
}


def role_permission_names(role: str) -> tuple[str, ...]:
    return ROLE_PERMISSIONS.get(role, ())


def sync_role_permissions(**_: Any) -> None:
    """Give each role group exactly its permissions (the administrator: all of them)."""
    from django.contrib.auth.models import Group, Permission

    every = Permission.objects.select_related("content_type")
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in every}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        if role == ADMINISTRATOR:
            wanted = list(by_name.values())
        else:
            wanted = [by_name[name] for name in role_permission_names(role) if name in by_name]
        group.permissions.set(wanted)
