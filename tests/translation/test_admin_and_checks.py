"""The review screen, the banner without an engine, and the system checks."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.checks import Error, Info, Warning
from django.urls import reverse

from gazette.newsroom import flow
from gazette.states import ArticleState, TranslationState
from gazette.translation.checks import check_translation_settings
from gazette.translation.engines.base import LanguagePair
from gazette.translation.engines.registry import engine_names_for
from tests.factories import make_article, make_source


def test_rules_pick_the_most_specific_pair():
    spec = "*=deepl; *-en=openai; de-en=ctranslate2,libretranslate"
    assert engine_names_for(LanguagePair("de", "en"), spec) == ["ctranslate2", "libretranslate"]
    assert engine_names_for(LanguagePair("fr", "en"), spec) == ["openai"]
    assert engine_names_for(LanguagePair("fr", "de"), spec) == ["deepl"]
    assert engine_names_for(LanguagePair("fr", "de"), "none") == []


def test_checks_say_when_no_engine_is_configured(settings):
    settings.TRANSLATION_ENGINES = "none"
    (message,) = check_translation_settings(None)
    assert isinstance(message, Info) and message.id == "translation.I001"


def test_checks_refuse_a_bad_setting_and_warn_of_missing_parts(settings, tmp_path):
    settings.TRANSLATION_ENGINES = "de-en=babelfish"
    (message,) = check_translation_settings(None)
    assert isinstance(message, Error) and "babelfish" in message.msg
    settings.TRANSLATION_ENGINES = "de-en=ctranslate2,deepl"
    settings.TRANSLATION_MODEL_DIR = tmp_path
    settings.DEEPL_API_KEY = ""
    messages = check_translation_settings(None)
    assert all(isinstance(m, Warning) for m in messages) and len(messages) == 2


@pytest.mark.django_db
def test_the_review_screen_shows_both_sides_and_saves_edits(client, settings):
    settings.TRANSLATION_ENGINES = "none"
    settings.LANGUAGE_CODE = "en"
    settings.SITE_LANGUAGE = "en"
    article = make_article(
        source=make_source(language="de"),
        language="de",
        state=ArticleState.AWAITING_TRANSLATION,
        title="Die Donau steigt und steigt",
        standfirst="",
        body_html='<p>Mehr auf dem <a href="https://example.org/">Portal</a> des Landes.</p>',
    )
    translation = flow.article_translate(article_id=article.pk)
    assert translation is not None
    client.force_login(User.objects.create_superuser("chief", password="x"))
    listing = client.get(reverse("admin:translation_articletranslation_changelist"))
    assert listing.content.decode().count("No translation engine is configured") == 1
    url = reverse("admin:translation_articletranslation_review", args=[translation.pk])
    page = client.get(url).content.decode()
    assert "Die Donau steigt und steigt" in page
    assert 'class="ph ph-link" title="Link to https://example.org/">Portal</span>' in page
    response = client.post(
        url,
        {
            "target-0": "The Danube keeps rising",
            "target-1": "More on the state's <g1>portal</g1>.",
            "publish": "1",
        },
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    article.refresh_from_db()
    assert translation.state == TranslationState.REVIEWED
    assert article.state == ArticleState.PUBLISHED
    assert (
        article.body_html
        == '<p>More on the state\'s <a href="https://example.org/">portal</a>.</p>'
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Translated from German by our editors, reviewed by the editors." in page
