"""Setting up the demo: an admin login, the three fictional outlets as sources, and the
editors' translations of the German outlet in the translation memory."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model

from gazette.demo.outlets import OUTLETS
from gazette.sources.models import Source
from gazette.sources.services import source_register
from gazette.states import LicencePolicy, SourceKind, TranslationOrigin
from gazette.translation.engines.base import LanguagePair
from gazette.translation.memory import EDITOR, memory_store_many
from gazette.translation.models import GlossaryTerm

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


# Our English translation of every sentence of the German outlet (Donauländer Tagblatt), as an
# editor would have written it: article by article, {"de": segment, "en": translation}, the
# segments as Gazette cuts them (`translation.services.segments_to_translate`).
# scripts/demo_translations.py lists the sentences missing after the German text changes.
DEMO_TRANSLATIONS = Path(__file__).resolve().parent / "outlets" / "translations_tagblatt.json"
DEMO_PAIR = LanguagePair("de", "en")
# The house style the demo shows: the Ukrainian capital is "Kyiv", whatever the source says.
DEMO_GLOSSARY = (("de", "Kiew", "Kyiv"), ("", "Kiev", "Kyiv"))


def demo_translations() -> list[tuple[str, str]]:
    """(German segment, English translation) pairs of the demo's German outlet."""
    articles = json.loads(DEMO_TRANSLATIONS.read_text(encoding="utf-8"))
    return [(s["de"], s["en"]) for article in articles for s in article["segments"] if s["en"]]


def demo_glossary_ensure() -> None:
    for source_language, term, target in DEMO_GLOSSARY:
        GlossaryTerm.objects.update_or_create(
            source_language=source_language,
            target_language=DEMO_PAIR.target,
            source_term=term,
            defaults={"target_term": target},
        )


def demo_translations_load() -> int:
    """Put the demo glossary in place and the editors' translations of the German outlet in
    the translation memory, so its stories are published in English without a translation
    engine; returns how many segments the memory holds for it. Run again, it changes nothing."""
    demo_glossary_ensure()
    rows = memory_store_many(
        translations=demo_translations(),
        pair=DEMO_PAIR,
        engine=EDITOR,
        origin=TranslationOrigin.EDITOR,
    )
    return len(rows)
