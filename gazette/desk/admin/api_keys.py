"""API keys in the desk (administrators): made here, the token shown once on the page that
follows, then only its prefix; revoked with the list's action. A key acts with its owner's
roles, so its owner must be an active staff member (gazette.api.keys)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from gazette.api.keys import api_key_create, api_key_revoke
from gazette.api.models import ApiKey

ADD_FIELDS = ["name", "owner", "requests_per_minute"]
SHOWN_FIELDS = [
    "name",
    "owner",
    "prefix",
    "requests_per_minute",
    "created_at",
    "last_used_at",
    "revoked_at",
]


class ApiKeyForm(forms.ModelForm[ApiKey]):
    class Meta:
        model = ApiKey
        fields = ADD_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            owner = self.fields["owner"]
            assert isinstance(owner, forms.ModelChoiceField)
            owner.queryset = get_user_model().objects.filter(is_staff=True, is_active=True)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    form = ApiKeyForm
    list_display = ["name", "shown_prefix", "owner", "created_at", "last_used_at", "status"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix"]
    actions = ["revoke"]

    def get_fields(
        self, request: HttpRequest, obj: ApiKey | None = None
    ) -> list[str | list[str] | tuple[str, ...] | tuple[()]]:
        return list(ADD_FIELDS if obj is None else SHOWN_FIELDS)

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> list[str]:
        if obj is None:
            return []
        return ["owner", "prefix", "created_at", "last_used_at", "revoked_at"]

    @admin.display(description="key starts")
    def shown_prefix(self, key: ApiKey) -> str:
        return f"{key.prefix}_…"

    @admin.display(description="status")
    def status(self, key: ApiKey) -> str:
        return f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        key, token = api_key_create(
            owner=obj.owner, name=obj.name, requests_per_minute=obj.requests_per_minute
        )
        obj.pk, obj.prefix, obj.key_hash, obj.created_at = (
            key.pk,
            key.prefix,
            key.key_hash,
            key.created_at,
        )
        obj._state.adding = False
        request._api_token = token  # type: ignore[attr-defined]  # for response_add, only

    def response_add(
        self, request: HttpRequest, obj: ApiKey, post_url_continue: str | None = None
    ) -> HttpResponse:
        """The one page that shows the token: never stored, never sent again."""
        token = getattr(request, "_api_token", None)
        if token is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "title": "API key made",
            "key": obj,
            "token": token,
            "opts": self.opts,
        }
        response = TemplateResponse(request, "desk/api_key_created.html", context)
        response.headers["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Revoke the selected keys (refused from now on)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        revoked = 0
        for key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(key=key)
            revoked += 1
        self.message_user(
            request,
            f"{revoked} key(s) revoked: requests with them are answered 401 from now on.",
            messages.SUCCESS,
        )
