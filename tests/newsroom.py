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
    courier: Source  # The Lakeside Courier: an English daily, full text, published at once
    tagblatt: Source  # Donauländer Tagblatt: a German daily, translated before it is published
    wire: Source  # The Wire Review: an English agency, excerpts only
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
    return user  # type: ignore[no-any-return]


def build_newsroom(*, base_urls: tuple[str, str, str] | None = None) -> Newsroom:
    """The outlets (served at `base_urls`, Courier, Tagblatt, Wire Review, when the test
    serves them) and the people of the desk."""
    from gazette.demo.outlets import OUTLETS

    by_slug = {outlet.slug: outlet for outlet in OUTLETS}
    courier_url, tagblatt_url, wire_url = base_urls or (DEFAULT_BASE_URL,) * 3
    return Newsroom(
        courier=_source(
            "The Lakeside Courier",
            "courier",
            courier_url,
            by_slug["courier"].feed_path,
            "en",
            LicencePolicy.FULL,
        ),
        tagblatt=_source(
            "Donauländer Tagblatt",
            "tagblatt",
            tagblatt_url,
            by_slug["tagblatt"].feed_path,
            "de",
            LicencePolicy.FULL,
        ),
        wire=_source(
            "The Wire Review",
            "wirereview",
            wire_url,
            by_slug["wirereview"].feed_path,
            "en",
            LicencePolicy.EXCERPT,
        ),
        editor=_person("erin.editor", superuser=True),
        translator=_person("tomas.translator"),
        moderator=_person("mona.moderator"),
    )
