"""The article page in a real browser: phone and desktop widths, keyboard only, share links,
accessibility (axe-core: no serious or critical violation), and without JavaScript."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from gazette.articles.models import Article, Section, Tag
from gazette.states import LicencePolicy
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db(transaction=True)

LEAD_IMAGE = (
    "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 9'>"
    "<rect width='16' height='9' fill='%23406a8c'/><rect y='6' width='16' height='3' "
    "fill='%23223a4d'/><rect x='2' y='4.5' width='9' height='1.5' fill='%23b9b2a3'/></svg>"
)
BODY = """
<p>Storm Elin broke a forty-metre stretch of the harbour wall at Kingsharbour overnight,
flooding the fish market and closing the ferry berth until further notice.</p>
<p>“The sea came over the wall like it wasn't there,” said the harbour master, who has
worked at the port for twenty-two years.</p>
<h2>Who pays for the repairs</h2>
<p>The council meets on Thursday to decide how the work is paid for. Engineers estimate
that repairs will take until spring.</p>
<ul><li>Ferry berth: closed</li><li>Fish market: reopens Monday</li></ul>
<h2>What residents can do</h2>
<p>Residents of the lower town can collect sandbags at the fire station.</p>
"""

SHARE_HOSTS = {
    "email": "",
    "mastodon": "mastodonshare.com",
    "bluesky": "bsky.app",
    "x": "x.com",
    "facebook": "www.facebook.com",
    "whatsapp": "wa.me",
    "linkedin": "www.linkedin.com",
}


def make_story() -> Article:
    courier = make_source(name="The Harbour Courier", slug="courier", licence=LicencePolicy.FULL)
    local = Section.objects.create(name="Local", slug="local")
    now = timezone.now()
    make_article(
        source=courier,
        section=local,
        title="Ferry timetable changes for winter",
        published_at=now - timedelta(hours=5),
    )
    article = make_article(
        source=courier,
        section=local,
        title="Storm Elin breaks the harbour wall; ferry berth closed until spring",
        standfirst="Forty metres of the wall gave way overnight. The council meets on Thursday.",
        body_html=BODY,
        author="Maren Holt",
        published_at=now - timedelta(hours=3),
        modified_at=now - timedelta(hours=1),
        image_url=LEAD_IMAGE,
        image_alt="Grey sea and a broken harbour wall",
        image_caption="The damaged harbour wall on Tuesday morning.",
        image_credit="Harbour Courier",
    )
    article.tags.add(Tag.objects.create(name="Storm Elin", slug="storm-elin"))
    make_article(
        source=courier,
        section=local,
        title="Lifeboat crew honoured",
        published_at=now - timedelta(hours=1),
    )
    return article


@pytest.mark.parametrize(("width", "name"), [(375, "article-phone"), (1280, "article-desktop")])
def test_the_article_page_fits_the_screen_and_has_no_serious_accessibility_violation(
    site_url: str, browser_context: Any, width: int, name: str
) -> None:
    article = make_story()
    page = browser_context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + article.get_absolute_url())

    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert page.locator("article time[datetime]").first.inner_text().strip()
    assert axe_violations(page) == []
    screenshot(page, name)


def test_the_home_page_has_no_serious_accessibility_violation(
    site_url: str, browser_context: Any
) -> None:
    make_story()
    page = browser_context.new_page()
    page.goto(site_url + "/")
    assert axe_violations(page) == []
    screenshot(page, "home-desktop")


def test_a_keyboard_user_can_skip_to_the_story_and_reach_every_share_link(
    site_url: str, browser_context: Any
) -> None:
    article = make_story()
    page = browser_context.new_page()
    page.goto(site_url + article.get_absolute_url())

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    reached: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        cls = page.evaluate("document.activeElement.className || ''")
        if cls.startswith("share-"):
            reached.append(cls.removeprefix("share-"))
            assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        if set(SHARE_HOSTS) <= set(reached):
            break
    assert set(SHARE_HOSTS) <= set(reached), f"share links reached by Tab: {reached}"
    screenshot(page, "article-keyboard")


def test_the_share_links_point_at_each_network_with_the_story_address(
    site_url: str, browser_context: Any
) -> None:
    article = make_story()
    page = browser_context.new_page()
    page.goto(site_url + article.get_absolute_url())
    links = page.eval_on_selector_all(
        ".share-links a", "els => els.map(a => [a.className, a.href])"
    )
    found = {cls.removeprefix("share-"): href for cls, href in links}
    assert set(found) == set(SHARE_HOSTS)
    for key, host in SHARE_HOSTS.items():
        parts = urlsplit(found[key])
        assert parts.netloc == host, key
        assert "harbour" in found[key].lower() or article.slug in found[key], key
    assert page.locator("script[src^='http']").count() == 0, "no third-party scripts"
    assert page.locator("[data-copy-link]").is_visible(), "copy link is offered with JavaScript"


@pytest.mark.no_javascript
def test_the_article_works_without_javascript(site_url: str, browser_context: Any) -> None:
    article = make_story()
    page = browser_context.new_page()
    page.goto(site_url + article.get_absolute_url())
    assert "Who pays for the repairs" in page.locator(".body h2").first.inner_text()
    assert page.locator(".share-links a").count() == len(SHARE_HOSTS)
    assert page.locator("#share-url").input_value().endswith(article.get_absolute_url())
    assert page.locator("[data-copy-link]").is_hidden()
