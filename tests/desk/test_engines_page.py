"""The desk's Engines page: administrators only; engines with budget and spend; a test
translation through the real (tiny, local) engine, metered; installing a package file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gazette.translation.engines.base import LanguagePair
from gazette.translation.engines.local import ArgosEngine
from gazette.translation.metering import engine_record_usage, engine_usage_today
from tests.desk.desk_people import desk_person, logged_in
from tests.translation.test_packages import FakeIndex, build_package

FIXTURES = Path(__file__).parents[1] / "translation" / "fixtures"
ENGINES = reverse("admin:translation_engineusage_changelist")


@pytest.fixture
def tiny_model(settings):
    settings.TRANSLATION_MODEL_DIR = FIXTURES
    settings.TRANSLATION_ENGINES = "de-en=ctranslate2;*-en=deepl"
    settings.TRANSLATION_DAILY_BUDGET = 1000
    settings.LANGUAGE_CODE = "en"
    settings.SITE_LANGUAGE = "en"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "translator", "moderator"])
def test_engines_are_forbidden_to_everyone_but_administrators(tiny_model, role):
    client = logged_in(desk_person(role))
    assert client.get(ENGINES).status_code == 403
    assert (
        client.post(ENGINES, {"trial-text": "Die Donau steigt.", "trial": "1"}).status_code == 403
    )
    assert b"translation engines" not in client.get(reverse("admin:index")).content.lower()


@pytest.mark.django_db
def test_it_shows_each_engine_with_its_budget_and_spend(tiny_model):
    engine_record_usage(engine="deepl", characters=250)
    page = logged_in(desk_person("administrator")).get(ENGINES).content.decode()
    assert "de-en=ctranslate2;*-en=deepl" in page
    assert "OPUS-MT (CTranslate2, on our server)" in page and "DeepL" in page
    assert "250 characters" in page and "750 left of 1000" in page
    assert "not limited" in page  # the local engine
    assert '<th scope="row">de-en</th>' in page  # the installed fixture model


@pytest.mark.django_db
def test_a_test_translation_goes_through_the_engine_and_counts(tiny_model):
    client = logged_in(desk_person("administrator"))
    before = engine_usage_today("ctranslate2")
    page = client.post(
        ENGINES,
        {
            "trial-text": "Die Donau steigt.",
            "trial-source_language": "de",
            "trial-engine": "",
            "trial": "1",
        },
    ).content.decode()
    assert "The Danube is rising." in page
    assert "By OPUS-MT (CTranslate2, on our server); 17 characters sent" in page
    assert engine_usage_today("ctranslate2") == before + len("Die Donau steigt.")
    refused = client.post(
        ENGINES,
        {
            "trial-text": "La Seine monte.",
            "trial-source_language": "fr",
            "trial-engine": "ctranslate2",
            "trial": "1",
        },
    ).content.decode()
    assert "Not translated:" in refused and "no CTranslate2 model for fr-en" in refused


@pytest.mark.django_db
def test_an_administrator_installs_a_package_file_from_the_desk(settings, tmp_path):
    settings.TRANSLATION_MODEL_DIR = tmp_path / "models"
    package = build_package(tmp_path / "translate-de_en-1_0.argosmodel")
    client = logged_in(desk_person("administrator"))
    upload = SimpleUploadedFile(package.name, package.read_bytes())
    response = client.post(ENGINES, {"install-package": upload, "install": "1"}, follow=True)
    page = response.content.decode()
    assert "Installed the de-en model for the argos engine" in page
    assert "translate-de_en-1_0.argosmodel" in page  # where it came from, in the models table
    assert ArgosEngine().problem(LanguagePair("de", "en")) == ""
    empty = client.post(ENGINES, {"install": "1"}).content.decode()
    assert "Give a package name or choose a package file." in empty


@pytest.mark.django_db
def test_an_administrator_installs_a_package_by_name_from_the_index(settings, tmp_path):
    settings.TRANSLATION_MODEL_DIR = tmp_path / "models"
    served = tmp_path / "served"
    served.mkdir()
    index = FakeIndex(served)
    try:
        settings.TRANSLATION_PACKAGE_INDEX_URL = f"{index.url}/index.json"
        index.offer(build_package(served / "translate-de_en-1_0.argosmodel"))
        client = logged_in(desk_person("administrator"))
        page = client.post(
            ENGINES, {"install-name": "translate-de_en", "install": "1"}, follow=True
        ).content.decode()
        assert "Installed the de-en model for the argos engine" in page
        assert ArgosEngine().problem(LanguagePair("de", "en")) == ""
        missing = client.post(ENGINES, {"install-name": "fr-en", "install": "1"}).content
        assert "Not installed: the index has no package &#x27;fr-en&#x27;" in missing.decode()
    finally:
        index.close()
