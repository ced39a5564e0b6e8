"""The site's own pages (About, Imprint, Privacy) in the desk. Editors change the three
pages; they are neither added nor deleted, as the site links to each at a fixed address."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from gazette.site.models import SitePage
from gazette.site.services import site_page_save


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin[SitePage]):
    list_display = ["title", "slug", "updated_at"]
    fields = ["slug", "title", "body_html", "updated_at"]
    readonly_fields = ["slug", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: SitePage, form: ModelForm[SitePage], change: bool
    ) -> None:
        site_page_save(page=obj)
