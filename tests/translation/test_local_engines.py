"""The local engines end to end, through the tiny Marian model committed as a fixture.

The model (built by scripts/train_tiny_marian.py) knows only the sentences it was trained on:
one article of the German demo outlet and a few short ones.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from gazette.articles.models import Article
from gazette.ingest.models import Entry
from gazette.newsroom import flow
from gazette.newsroom.flow import entry_fetch, source_poll
from gazette.states import ArticleState, LicencePolicy, TranslationState
from gazette.translation.engines.base import LanguagePair
from gazette.translation.engines.local import ArgosEngine, CTranslate2Engine
from gazette.translation.models import GlossaryTerm
from gazette.translation.segments import markup_signature
from tests.factories import make_source

FIXTURES = Path(__file__).parent / "fixtures"
DE_EN = LanguagePair("de", "en")


@pytest.fixture
def tiny_model(settings):
    settings.TRANSLATION_MODEL_DIR = FIXTURES
    settings.TRANSLATION_ENGINES = "de-en=ctranslate2"
    settings.LANGUAGE_CODE = "en"
    settings.SITE_LANGUAGE = "en"


def test_ctranslate2_translates_with_placeholders(tiny_model):
    engine = CTranslate2Engine()
    assert engine.problem(DE_EN) == ""
    assert engine.translate(
        ["Die Donau steigt.", "Mehr auf dem <g1>Portal</g1> des Landes."], pair=DE_EN, glossary={}
    ) == ["The Danube is rising.", "More on the state's <g1>portal</g1>."]
    assert engine.model_version(DE_EN).startswith("de-en@")


def test_a_sentence_beyond_the_models_positions_is_an_engine_error_not_a_crash(tiny_model):
    from gazette.translation.engines.base import EngineOutputError

    long_sentence = " ".join(["Wiederaufbaukonferenz"] * 400) + "."
    with pytest.raises(EngineOutputError, match="TRANSLATION_MAX_TOKENS"):
        CTranslate2Engine().translate([long_sentence], pair=DE_EN, glossary={})


def test_a_missing_model_is_a_clear_problem(settings):
    settings.TRANSLATION_MODEL_DIR = FIXTURES / "nowhere"
    assert "no CTranslate2 model for de-en" in CTranslate2Engine().problem(DE_EN)


@pytest.mark.django_db
def test_a_german_demo_article_comes_out_in_english_with_its_structure(tiny_model, outlets, client):
    GlossaryTerm.objects.create(
        source_language="de", target_language="en", source_term="Kiew", target_term="Kyiv"
    )
    tagblatt = next(server for server in outlets if server.outlet.language == "de")
    source = make_source(
        language="de", feed_url=tagblatt.feed_url, licence=LicencePolicy.FULL, auto_publish=True
    )
    source_poll(source_id=source.pk)
    entry = Entry.objects.get(url__contains="kiew-wiederaufbaukonferenz")
    entry_fetch(entry_id=entry.pk)
    article = Article.objects.get(entry=entry)
    assert article.state == ArticleState.AWAITING_TRANSLATION
    original_body = article.body_html

    translation = flow.article_translate(article_id=article.pk)

    assert translation is not None and translation.state == TranslationState.TRANSLATED
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED and article.language == "en"
    assert article.title == (
        "Reconstruction conference in Kyiv: Europe pledges 14 billion euros for the power grid"
    )
    assert markup_signature(article.body_html) == markup_signature(original_body)
    assert "<h2>Decentralised supply as the focus</h2>" in article.body_html
    assert "Kiew" not in article.body_html and "Kyiv" in article.body_html
    assert translation.original_title.startswith("Wiederaufbaukonferenz in Kiew")

    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Translated from German by OPUS-MT (CTranslate2, on our server)" in page
    assert "Wiederaufbaukonferenz in Kiew" in page  # the original, one click away
    ld_json = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert ld_json is not None
    data = json.loads(ld_json.group(1))
    assert data["inLanguage"] == "en"
    assert data["translationOfWork"]["inLanguage"] == "de"
    assert data["translationOfWork"]["url"] == article.original_url
    assert data["translator"] == [
        {"@type": "Organization", "name": "OPUS-MT (CTranslate2, on our server)"}
    ]


def test_an_argos_package_is_installed_from_a_file_and_used(settings, tmp_path):
    package = tmp_path / "translate-de_en-0_1.argosmodel"
    with zipfile.ZipFile(package, "w") as archive:
        root = "translate-de_en-0_1"
        archive.writestr(f"{root}/metadata.json", '{"from_code": "de", "to_code": "en"}')
        for name in ("model.bin", "config.json", "shared_vocabulary.json"):
            if (FIXTURES / "de-en" / name).exists():
                archive.write(FIXTURES / "de-en" / name, f"{root}/model/{name}")
        archive.write(FIXTURES / "de-en" / "source.spm", f"{root}/sentencepiece.model")
    settings.TRANSLATION_MODEL_DIR = tmp_path / "models"
    call_command("install_translation_model", str(package))
    engine = ArgosEngine()
    assert engine.problem(DE_EN) == ""
    assert engine.translate(["Die Donau steigt."], pair=DE_EN, glossary={}) == [
        "The Danube is rising."
    ]
    shutil.rmtree(tmp_path / "models")
