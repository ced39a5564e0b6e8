"""The demo's German outlet is published in English from the editors' translation memory."""

from __future__ import annotations

import json

import pytest

from gazette.articles.models import Article
from gazette.demo.services import DEMO_PAIR, demo_translations, demo_translations_load
from gazette.ingest.models import Entry
from gazette.newsroom import flow
from gazette.newsroom.flow import entry_fetch, source_poll
from gazette.states import ArticleState, LicencePolicy, TranslationState
from gazette.translation.models import GlossaryTerm, TranslationMemory
from gazette.translation.segments import PLACEHOLDER, markup_signature
from tests.factories import make_source

pytestmark = pytest.mark.django_db


def test_every_german_story_is_published_in_english_without_an_engine(outlets, settings, client):
    settings.TRANSLATION_ENGINES = "none"
    settings.LANGUAGE_CODE = "en"
    demo_translations_load()
    tagblatt = next(server for server in outlets if server.outlet.language == "de")
    source = make_source(
        language="de", feed_url=tagblatt.feed_url, licence=LicencePolicy.FULL, auto_publish=True
    )
    source_poll(source_id=source.pk)
    for entry_id in Entry.objects.values_list("pk", flat=True):
        entry_fetch(entry_id=entry_id)
    originals = {a.pk: a.body_html for a in Article.objects.all()}
    assert len(originals) == len(tagblatt.outlet.articles)

    for article_id in originals:
        translation = flow.article_translate(article_id=article_id)
        # A German sentence missing from the demo's memory leaves its story waiting: run
        # scripts/demo_translations.py to list it.
        assert translation is not None and translation.state == TranslationState.TRANSLATED, (
            translation and translation.error
        )
        assert translation.engine_label == "our editors"
        assert translation.characters_sent == 0

    for article in Article.objects.all():
        assert article.state == ArticleState.PUBLISHED and article.language == "en"
        assert markup_signature(article.body_html) == markup_signature(originals[article.pk])
        assert "Kiew" not in article.title + article.body_html
    kyiv = Article.objects.get(title__startswith="Reconstruction conference in Kyiv")
    page = client.get(kyiv.get_absolute_url()).content.decode()
    assert "Translated from German by our editors" in page
    assert "Wiederaufbaukonferenz in Kiew" in page  # the original, one click away
    ld = json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>")[0])
    assert ld["translator"] == [{"@type": "Organization", "name": f"{settings.SITE_NAME} editors"}]


def test_the_translations_keep_their_placeholders_and_load_once():
    pairs = demo_translations()
    assert pairs
    for german, english in pairs:
        assert sorted(PLACEHOLDER.findall(german)) == sorted(PLACEHOLDER.findall(english)), german
        assert english.strip() and english != german

    assert demo_translations_load() == len({german for german, _ in pairs})
    demo_translations_load()
    assert TranslationMemory.objects.filter(
        source_language=DEMO_PAIR.source, origin="editor"
    ).count() == len({german for german, _ in pairs})
    assert GlossaryTerm.objects.filter(source_term="Kiew", target_term="Kyiv").count() == 1
