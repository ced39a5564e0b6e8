"""System checks that catch bad configuration at start-up, not at request time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

DEFAULT_SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"  # noqa: S105


@register(Tags.security, deploy=True)
def check_secret_key_set(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.SECRET_KEY == DEFAULT_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development default.",
                hint="Set SECRET_KEY to a long random value, e.g. from "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="gazette.E001",
            )
        ]
    return []


@register()
def check_fetch_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    if settings.FETCH_MAX_BYTES < 64 * 1024:
        messages.append(
            Error(
                f"FETCH_MAX_BYTES={settings.FETCH_MAX_BYTES} is too small for article pages.",
                hint="Use at least 65536 (the default is 5242880).",
                id="gazette.E002",
            )
        )
    if settings.FETCH_TIMEOUT <= 0:
        messages.append(
            Error("FETCH_TIMEOUT must be positive.", hint="The default is 10.", id="gazette.E003")
        )
    if settings.FETCH_ALLOW_PRIVATE and not settings.DEBUG and settings.HTTPS:
        messages.append(
            Warning(
                "FETCH_ALLOW_PRIVATE is on in a production configuration.",
                hint="It lets sources reach addresses inside your network; use it only for "
                "local demos and tests.",
                id="gazette.W001",
            )
        )
    if settings.TASKS_BACKEND == "rq" and not settings.REDIS_URL:
        messages.append(
            Error(
                "TASKS_BACKEND=rq needs REDIS_URL.",
                hint="e.g. redis://127.0.0.1:6379/0",
                id="gazette.E004",
            )
        )
    return messages
