"""The newsroom every test can work in: the three demo outlets and the desk's people, by name.

The healthchecks habit (`hc/test.py`): a test says `newsroom.tagblatt` or `newsroom.editor`,
not "Outlet 7"; what each one is stays written here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

from gazette.sources.models import Source
from gazette.states import LicencePolicy, SourceKind

DEFAULT_BASE_URL = "http://127.0.0.1:9"  # nothing listens there: for tests that fetch nothing


@dataclass(frozen=True)
class Newsroom:
    tagblatt: Source  # Donauländer Tagblatt: a German daily, translated before it is published
    courier: Source  # The Harbour Courier: an English daily, full text, published at once
    wire: Source  # Continental Wire Review: an English agency, excerpts only
    editor: AbstractUser  # runs the desk: publishes, withdraws, merges stories
    translator: AbstractUser  # reviews machine translations
    moderator: AbstractUser  # reads comments before readers do


def _source(name: str, slug: str, base_url: str, feed: str, language: str, licence: str) -> Source:
    return Source.objects.create(
        name=name,
        slug=slug,
        feed_url=f"{base_url.rstrip('/')}{feed}",
        homepage=f"{base_url.rstrip('/')}/",
        language=language,
        kind=SourceKind.FEED,
        licence=licence,
        poll_interval=timedelta(minutes=15),
    )


def _person(username: str, *, superuser: bool = False) -> AbstractUser:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@newsroom.example", password=f"{username}-password"
    )
    user.is_staff = True
    user.is_superuser = superuser
    user.save()
    return user


def build_newsroom(*, base_urls: dict[str, str] | None = None) -> Newsroom:
    """The outlets and the people of the desk. `base_urls` (outlet slug → address) points the
    outlets at the demo outlets a test serves (the `outlets` fixture); by default nothing
    answers there."""
    from gazette.demo.outlets import OUTLETS

    outlet = {outlet.slug: outlet for outlet in OUTLETS}
    urls = base_urls or {}

    def source(slug: str, licence: str) -> Source:
        return _source(
            outlet[slug].name,
            slug,
            urls.get(slug, DEFAULT_BASE_URL),
            outlet[slug].feed_path,
            outlet[slug].language,
            licence,
        )

    return Newsroom(
        tagblatt=source("tagblatt", LicencePolicy.FULL),
        courier=source("courier", LicencePolicy.FULL),
        wire=source("wirereview", LicencePolicy.EXCERPT),
        editor=_person("erin.editor", superuser=True),
        translator=_person("tomas.translator"),
        moderator=_person("mona.moderator"),
    )
