"""Setting up the demo: an admin login and the three fictional outlets as sources."""

from __future__ import annotations

import os
from datetime import timedelta

from django.contrib.auth import get_user_model

from gazette.demo.outlets import OUTLETS
from gazette.sources.models import Source
from gazette.sources.services import source_register
from gazette.states import LicencePolicy, SourceKind

DEMO_ADMIN_USERNAME = "admin"


def demo_admin_password() -> str:
    return os.environ.get("DEMO_ADMIN_PASSWORD", "gazette-demo")


def demo_admin_ensure() -> tuple[str, str]:
    """Create (or reset) the demo's admin user; return its login."""
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=DEMO_ADMIN_USERNAME, defaults={"email": "admin@example.org"}
    )
    password = demo_admin_password()
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return DEMO_ADMIN_USERNAME, password


def demo_sources_register(
    *, base_urls: list[str], poll_interval: timedelta = timedelta(minutes=2)
) -> list[Source]:
    """Register the demo outlets served at `base_urls` (in OUTLETS order) as full-text sources."""
    sources = []
    for outlet, base_url in zip(OUTLETS, base_urls, strict=True):
        base = base_url.rstrip("/")
        sources.append(
            source_register(
                name=outlet.name,
                feed_url=base + outlet.feed_path,
                homepage=base + "/",
                language=outlet.language,
                kind=SourceKind.FEED,
                licence=LicencePolicy.FULL,
                poll_interval=poll_interval,
            )
        )
    return sources
