"""The header, footer, icons and the site's own pages in Chromium: no 404 and no console
error on any page (the favicon and manifest answer), the header's search box works with the
keyboard and without JavaScript, and no serious accessibility violation at phone width."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from gazette.discovery.services import article_discover
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import make_article, make_source
from tests.site.site_pages import ensure_site_pages

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_pages")]

STRIKE = "<p>Dockers at the harbour walked out over pay for a third day, the union said.</p>"


@pytest.fixture
def site_pages() -> None:
    """The pages the migration creates: a transactional test before this one emptied every
    table, so they are made again from the migration's own text."""
    ensure_site_pages()


def published_story() -> str:
    article = make_article(
        source=make_source(name="The Harbour Courier"),
        title="Harbour strike enters third day",
        body_html=STRIKE,
    )
    article_discover(article_id=article.pk)
    return str(article.get_absolute_url())


def test_no_page_has_a_404_or_a_console_error(site_url: str, browser_context: Any) -> None:
    article = published_story()
    problems: list[str] = []
    page = browser_context.new_page()
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    for path in ["/", article, "/search/?q=harbour", "/about/", "/privacy/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert problems == []
    # What a browser asks for by itself, whatever the page links.
    for path in ["/favicon.ico", reverse("site:manifest")]:
        assert page.request.get(site_url + path).status == 200, path


@pytest.mark.parametrize("width", [375, 1280])
def test_the_header_search_box_works_from_the_keyboard(
    site_url: str, browser_context: Any, width: int
) -> None:
    published_story()
    page = browser_context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "/")
    box = page.get_by_role("searchbox", name="Search stories")
    assert box.is_visible()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the masthead
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("harbour strike")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=harbour+strike")
    assert page.locator(".teaser").count() == 1
    page.goto(site_url + "/")
    assert axe_violations(page) == []
    screenshot(page, f"home-header-{width}")


@pytest.mark.no_javascript
def test_the_header_search_box_works_without_javascript(
    site_url: str, browser_context: Any
) -> None:
    published_story()
    page = browser_context.new_page()
    page.goto(site_url + "/about/")
    page.get_by_role("searchbox", name="Search stories").fill("harbour")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=harbour")
    assert page.locator(".teaser").count() == 1


@pytest.mark.parametrize("path", ["/about/", "/imprint/", "/privacy/", "/search/"])
def test_the_site_pages_have_no_serious_accessibility_violation(
    site_url: str, browser_context: Any, path: str
) -> None:
    published_story()
    page = browser_context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + path)
    assert page.locator("h1").count() == 1
    footer = page.locator(".site-footer")
    for name in ("About", "Imprint and contact", "Privacy", "RSS feed", "Atom feed"):
        assert footer.get_by_role("link", name=name, exact=True).is_visible(), name
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "no sideways scroll"
    screenshot(page, "site-page-" + (path.strip("/") or "home") + "-375")
