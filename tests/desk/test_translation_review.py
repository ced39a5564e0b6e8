"""The translation review screen: the words, not placeholders; one action that saves, marks
reviewed and updates the public page; truthful messages; a translator never publishes.

Translations are made by the tiny Marian model committed as a fixture (it knows the sentences
of the Tagblatt's article about the reconstruction conference in Kyiv).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gazette.articles.models import Article
from gazette.newsroom import flow
from gazette.states import ArticleState, TranslationState
from gazette.translation.models import ArticleTranslation, GlossaryTerm, SourceTranslationPolicy
from tests.desk.desk_people import desk_person, logged_in
from tests.factories import make_article, make_source

FIXTURES = Path(__file__).parents[1] / "translation" / "fixtures"
TITLE = "Wiederaufbaukonferenz in Kiew: Europa sagt 14 Milliarden Euro für das Stromnetz zu"
BODY = (
    '<p>Die Donau steigt.</p><p>Mehr auf dem <a href="https://example.org/">Portal</a> des '
    "Landes.</p>"
)


@pytest.fixture
def tiny_model(settings):
    settings.TRANSLATION_MODEL_DIR = FIXTURES
    settings.TRANSLATION_ENGINES = "de-en=ctranslate2"
    settings.LANGUAGE_CODE = "en"
    settings.SITE_LANGUAGE = "en"


def translated(*, published: bool) -> ArticleTranslation:
    """The Kyiv article translated by the engine: held for review, or published at once."""
    GlossaryTerm.objects.get_or_create(
        source_language="de", target_language="en", source_term="Kiew", target_term="Kyiv"
    )
    source = make_source(language="de", auto_publish=published)
    SourceTranslationPolicy.objects.create(source=source, review_machine_translations=not published)
    article = make_article(
        source=source,
        language="de",
        state=ArticleState.AWAITING_TRANSLATION,
        title=TITLE,
        standfirst="",
        body_html=BODY,
    )
    translation = flow.article_translate(article_id=article.pk)
    assert translation is not None
    article.refresh_from_db()
    assert article.is_published == published
    return translation


def review_url(translation: ArticleTranslation) -> str:
    return reverse("admin:translation_articletranslation_review", args=[translation.pk])


def targets_of(translation: ArticleTranslation) -> dict[str, str]:
    return {f"target-{i}": s["target"] for i, s in enumerate(translation.segments)}


@pytest.mark.django_db
def test_it_shows_the_glossary_term_and_the_link_as_words_on_both_sides(tiny_model):
    translation = translated(published=False)
    page = logged_in(desk_person("editor")).get(review_url(translation)).content.decode()
    # The marked-up text travels in a hidden box (shown only without JavaScript); what the
    # editor reads and edits has no placeholder.
    shown = re.sub(r"<textarea[^>]*>.*?</textarea>", "", page, flags=re.S)
    assert "&lt;x1/&gt;" not in shown and "&lt;g1&gt;" not in shown
    assert (
        'Wiederaufbaukonferenz in <mark class="ph ph-term" title="Glossary: Kiew → Kyiv">Kiew'
        "</mark>: Europa sagt" in page
    )
    assert (
        'Reconstruction conference in <mark class="ph ph-term" data-x="1" '
        'title="Glossary: Kiew → Kyiv" contenteditable="false">Kyiv</mark>: Europe pledges' in page
    )
    assert '<span class="ph ph-link" title="Link to https://example.org/">Portal</span>' in page
    assert '<span class="ph ph-link" data-g="1" title="Link to https://example.org/">portal' in page
    assert ">Headline</h3>" in page and ">Body</h3>" in page and "body_html" not in page
    assert 'value="Save, mark reviewed and publish"' in page


@pytest.mark.django_db
def test_saving_a_published_article_updates_the_public_page_at_once(tiny_model):
    translation = translated(published=True)
    article = translation.article
    client = logged_in(desk_person("editor"))
    targets = targets_of(translation)
    body = next(k for k, v in targets.items() if v == "The Danube is rising.")
    page = client.get(review_url(translation)).content.decode()
    assert 'value="Save and update the public page"' in page
    targets[body] = "The Danube keeps rising."
    response = client.post(review_url(translation), {**targets, "save": "1"}, follow=True)
    assert "The public page now shows the corrected text." in response.content.decode()
    translation.refresh_from_db()
    assert translation.state == TranslationState.REVIEWED
    public = client.get(Article.objects.get(pk=article.pk).get_absolute_url()).content.decode()
    assert "The Danube keeps rising." in public and "The Danube is rising." not in public
    assert "reviewed by the editors" in public


@pytest.mark.django_db
def test_a_translator_saves_for_review_and_the_public_page_keeps_its_text(tiny_model):
    translation = translated(published=True)
    client = logged_in(desk_person("translator"))
    page = client.get(review_url(translation)).content.decode()
    assert 'value="Save for an editor&#x27;s review"' in page
    targets = targets_of(translation)
    targets["target-0"] = targets["target-0"].replace("Europe pledges", "Europe promises")
    response = client.post(review_url(translation), targets, follow=True)
    assert "Saved for an editor&#x27;s review. Your corrections" in response.content.decode()
    translation.refresh_from_db()
    article = Article.objects.get(pk=translation.article_id)
    assert translation.state == TranslationState.IN_REVIEW and translation.reviewed_at is None
    assert "Europe promises" in translation.title and "Europe pledges" in article.title


@pytest.mark.django_db
def test_a_lost_glossary_term_is_refused_in_words_and_the_edit_is_kept(tiny_model):
    translation = translated(published=False)
    client = logged_in(desk_person("editor"))
    targets = targets_of(translation)
    targets["target-0"] = "Reconstruction conference in Kiev: Europe pledges"
    page = client.post(review_url(translation), targets).content.decode()
    assert "Not saved. Segment 1 (Headline) lost or changed a highlighted word" in page
    assert "Reconstruction conference in Kiev: Europe pledges" in page
    translation.refresh_from_db()
    assert translation.state == TranslationState.IN_REVIEW


@pytest.mark.django_db
def test_without_an_engine_the_warning_shows_once_and_the_editor_translates(settings, client):
    settings.TRANSLATION_ENGINES = "none"
    settings.SITE_LANGUAGE = settings.LANGUAGE_CODE = "en"
    GlossaryTerm.objects.create(
        source_language="de", target_language="en", source_term="Kiew", target_term="Kyiv"
    )
    article = make_article(
        source=make_source(language="de"),
        language="de",
        state=ArticleState.AWAITING_TRANSLATION,
        title="Konferenz in Kiew",
        standfirst="",
        body_html="<p>Die Donau steigt.</p>",
    )
    translation = flow.article_translate(article_id=article.pk)
    assert translation is not None and translation.state == TranslationState.WAITING_FOR_HUMAN
    client = logged_in(desk_person("editor"))
    listing = client.get(reverse("admin:translation_articletranslation_changelist")).content
    assert listing.decode().count("No translation engine is configured") == 1
    assert b"Review side by side" in listing and b"Waiting for a human translation" in listing
    page = client.get(review_url(translation)).content.decode()
    assert page.count("No translation engine is configured") == 1
    # Not translated yet: the box starts with the original, the term already rendered.
    assert 'contenteditable="false">Kyiv</mark>' in page and "Not translated yet" in page
    response = client.post(
        review_url(translation),
        {"target-0": "Conference in <x1/>", "target-1": "The Danube rises."},
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.title == "Conference in Kyiv"
    assert translation.state == TranslationState.REVIEWED


@pytest.mark.django_db
def test_only_people_who_may_change_translations_open_the_review(tiny_model):
    translation = translated(published=False)
    moderator = logged_in(desk_person("moderator"))
    assert moderator.get(review_url(translation)).status_code == 403
    assert get_user_model().objects.filter(username="moderator-person").exists()


@pytest.mark.django_db
def test_an_output_correction_of_the_glossary_shows_as_the_public_page_will(settings):
    settings.TRANSLATION_ENGINES = "none"
    settings.SITE_LANGUAGE = settings.LANGUAGE_CODE = "en"
    GlossaryTerm.objects.create(
        source_language="", target_language="en", source_term="Kiev", target_term="Kyiv"
    )
    article = make_article(
        source=make_source(language="de"),
        language="de",
        state=ArticleState.AWAITING_TRANSLATION,
        title="Die Donau steigt.",
        standfirst="",
        body_html="<p>Die Donau steigt.</p>",
    )
    translation = flow.article_translate(article_id=article.pk)
    assert translation is not None
    client = logged_in(desk_person("editor"))
    client.post(review_url(translation), {"target-0": "Rain in Kiev.", "target-1": "Rain."})
    translation.refresh_from_db()
    assert translation.title == "Rain in Kyiv."
    page = client.get(review_url(translation)).content.decode()
    assert (
        'Rain in <mark class="ph ph-term" title="Glossary: Kiev → Kyiv (corrected in every '
        'translation)">Kyiv</mark>.' in page
    )
