"""The search page and a story page in a real browser (axe-core: no serious or critical
violation), and the view beacon an article page sends."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from gazette.articles.models import Article
from gazette.discovery.models import Story
from gazette.discovery.services import article_discover
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db(transaction=True)

STRIKE = "<p>Dockers at the harbour walked out over pay for a third day, the union said.</p>"


def two_reports() -> tuple[Article, Story]:
    """One event from two outlets, in the search index and in one story."""
    articles = [
        make_article(
            source=make_source(name=name), title="Harbour strike enters third day", body_html=STRIKE
        )
        for name in ("The Harbour Courier", "Wire Review")
    ]
    for article in articles:
        article_discover(article_id=article.pk)
    return articles[0], Story.objects.get(members__article=articles[0])


@pytest.mark.parametrize("query", ["", "?q=harbour+strike"])
def test_the_search_page_has_no_serious_accessibility_violation(
    site_url: str, browser_context: Any, query: str
) -> None:
    two_reports()
    page = browser_context.new_page()
    page.goto(site_url + reverse("site:search") + query)
    assert page.locator("h1").count() == 1
    assert page.locator("form[role=search] input[name=q]").is_visible()
    if query:
        assert page.locator(".teaser").count() == 2
    assert axe_violations(page) == []
    screenshot(page, "search-results" if query else "search-empty")


def test_the_story_page_has_no_serious_accessibility_violation(
    site_url: str, browser_context: Any
) -> None:
    article, story = two_reports()
    page = browser_context.new_page()
    page.goto(site_url + article.get_absolute_url())
    page.locator(".story-link a").click()
    page.wait_for_url(f"**{reverse('site:story', kwargs={'pk': story.pk})}")
    assert page.locator(".teaser").count() == 2
    assert axe_violations(page) == []
    screenshot(page, "story-desktop")


def test_the_article_page_sends_its_view_beacon(site_url: str, browser_context: Any) -> None:
    article, _story = two_reports()
    page = browser_context.new_page()
    with page.expect_request(lambda request: "/beacon/" in request.url) as sent:
        page.goto(site_url + article.get_absolute_url())
    request = sent.value
    assert request.url == site_url + reverse("site:beacon", kwargs={"article_id": article.pk})
    assert request.method == "POST", "sent by navigator.sendBeacon"
