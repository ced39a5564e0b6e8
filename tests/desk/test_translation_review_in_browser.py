"""The review screen in Chromium at 1280 and 375 px: the words and highlighted glossary terms,
boxes that fit their sentence, one action that puts the correction on the public page.

With GAZETTE_SCREENSHOTS=1 it writes docs/screenshots/desk-review-1280.png and -375.png
(`scripts/review_screenshots.sh`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from gazette.articles.models import Article
from gazette.newsroom import flow
from gazette.states import ArticleState
from gazette.translation.models import ArticleTranslation, GlossaryTerm, SourceTranslationPolicy
from tests.browser.conftest import (  # noqa: F401 - the browser tests' fixtures
    AXE,
    _plain_http,
    browser_context,
    browser_ready,
    site_url,
)
from tests.desk.desk_people import desk_person, logged_in
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "translation" / "fixtures"
SHOTS = ROOT / "docs" / "screenshots"
BODY = (
    "<p>Unter strengen Sicherheitsvorkehrungen sind am Freitag in Kiew Vertreter von mehr als 40 "
    "Staaten und internationalen Organisationen zusammengekommen, um über den Wiederaufbau der "
    "ukrainischen Energieversorgung zu beraten.</p>"
    "<p>Österreich beteiligt sich mit Know-how bei Wasserkraft und Netztechnik.</p>"
    '<p>Die Donau steigt.</p><p>Mehr auf dem <a href="https://example.org/">Portal</a> des '
    "Landes.</p>"
)


@pytest.fixture
def kyiv_article(settings: Any) -> ArticleTranslation:
    settings.TRANSLATION_MODEL_DIR = FIXTURES
    settings.TRANSLATION_ENGINES = "de-en=ctranslate2"
    settings.LANGUAGE_CODE = settings.SITE_LANGUAGE = "en"
    GlossaryTerm.objects.create(
        source_language="de", target_language="en", source_term="Kiew", target_term="Kyiv"
    )
    source = make_source(name="Donauländer Tagblatt", language="de", auto_publish=True)
    SourceTranslationPolicy.objects.create(source=source, review_machine_translations=False)
    article = make_article(
        source=source,
        language="de",
        state=ArticleState.AWAITING_TRANSLATION,
        title="Wiederaufbaukonferenz in Kiew: Europa sagt 14 Milliarden Euro für das Stromnetz zu",
        standfirst="Österreich beteiligt sich mit Know-how bei Wasserkraft und Netztechnik.",
        body_html=BODY,
    )
    translation = flow.article_translate(article_id=article.pk)
    assert translation is not None
    return translation


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations in the page's content (the desk's header and
    navigation are checked by their own tests)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run('#content-main', {resultTypes: ['violations']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(context: Any, url: str, role: str) -> None:
    """The browser carries a real session of a desk person (the login page is tested apart)."""
    session = logged_in(desk_person(role)).cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": url}])


def test_an_editor_reads_the_words_and_corrects_the_public_page(
    kyiv_article: ArticleTranslation,
    browser_context: Any,  # noqa: F811
    site_url: str,  # noqa: F811
) -> None:
    log_in(browser_context, site_url, "editor")
    page = browser_context.new_page()
    page.goto(f"{site_url}{reverse('admin:translation_articletranslation_changelist')}")
    if os.environ.get("GAZETTE_SCREENSHOTS_DIR"):
        page.screenshot(path=f"{os.environ['GAZETTE_SCREENSHOTS_DIR']}/list-1280.png")
    for name in ("State", "Review side by side"):  # on screen at 1280 px, not scrolled away
        box = page.get_by_text(name, exact=True).first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1280
    review = reverse("admin:translation_articletranslation_review", args=[kyiv_article.pk])
    url = f"{site_url}{review}"
    page.goto(url)
    text = page.inner_text("#content-main")
    assert "<x1/>" not in text and "<g1>" not in text
    term = page.locator(".review-editor mark.ph-term").first
    assert term.inner_text() == "Kyiv" and term.get_attribute("title") == "Glossary: Kiew → Kyiv"
    assert page.locator(".review-source mark.ph-term").first.inner_text() == "Kiew"
    assert page.locator("textarea.review-raw").first.is_hidden()
    # Every box shows its whole sentence: nothing is cut off.
    cut = page.evaluate(
        "() => [...document.querySelectorAll('.review-editor')]"
        ".filter(e => e.scrollHeight > e.clientHeight + 2).length"
    )
    assert cut == 0
    assert axe_violations(page) == []
    if os.environ.get("GAZETTE_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "desk-review-1280.png"), full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site_url}{reverse('admin:translation_articletranslation_changelist')}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert page.get_by_role("link", name="Reconstruction conference in Kyiv").is_visible()
    page.goto(url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert page.locator(".review-actions input[type=submit]").is_visible()
    if os.environ.get("GAZETTE_SCREENSHOTS"):
        page.screenshot(path=str(SHOTS / "desk-review-375.png"), full_page=True)

    row = page.locator(".review-row", has_text="Die Donau steigt.")
    row.locator(".review-editor").fill("The Danube keeps rising.")
    page.get_by_role("button", name="Save and update the public page").click()
    page.wait_for_load_state()
    assert "The public page now shows the corrected text." in page.inner_text("body")
    article = Article.objects.get(pk=kyiv_article.article_id)
    page.goto(f"{site_url}{article.get_absolute_url()}")
    body = page.inner_text("body")
    assert "The Danube keeps rising." in body and "Kyiv" in body


def test_an_administrator_tries_an_engine_on_a_phone(
    kyiv_article: ArticleTranslation,
    browser_context: Any,  # noqa: F811
    site_url: str,  # noqa: F811
) -> None:
    log_in(browser_context, site_url, "administrator")
    page = browser_context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site_url}{reverse('admin:translation_engineusage_changelist')}")
    shots = os.environ.get("GAZETTE_SCREENSHOTS_DIR")
    if shots:
        page.screenshot(path=f"{shots}/engines-375-before.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.fill("#id_trial-text", "Die Donau steigt.")
    page.select_option("#id_trial-source_language", "de")
    page.get_by_role("button", name="Translate").click()
    page.wait_for_load_state()
    assert page.locator(".engines-trial-text").inner_text() == "The Danube is rising."
    assert axe_violations(page) == []
    if shots:
        page.screenshot(path=f"{shots}/engines-375.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=f"{shots}/engines-1280.png", full_page=True)
