"""The Content-Security-Policy in a real browser: the public pages (home, article, search,
story) and the desk (login, lists, change pages, the status and review screens) work under it
and the browser reports no violation; the view beacon still goes out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gazette.articles.models import Article, Section, Tag
from gazette.discovery.models import Story
from gazette.discovery.services import article_discover
from gazette.translation.models import ArticleTranslation
from tests.browser.conftest import axe_violations
from tests.factories import make_article, make_source
from tests.site.policies import assert_policies

pytestmark = pytest.mark.django_db(transaction=True)

STRIKE = "<p>Dockers at the harbour walked out over pay for a third day, the union said.</p>"
PASSWORD = "pw-Erin-42-harbour"
# Listens from before any script of the page runs (an init script is not subject to the CSP).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


class Watched:
    """A page whose CSP violations are collected: console messages and violation events."""

    def __init__(self, context: Any) -> None:
        context.add_init_script(LISTEN)
        self.page = context.new_page()
        self.console: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url: str) -> Any:
        response = self.page.goto(url)
        assert response is not None and response.ok, url
        self.page.wait_for_load_state("load")
        assert_policies(_title_case(response.headers), url)
        return response

    def violations(self) -> list[str]:
        events = self.page.evaluate("window.__cspViolations || []")
        return [*self.console, *events]


def _title_case(headers: dict[str, str]) -> dict[str, str]:
    """Playwright gives header names in lower case; the shared check reads them as sent."""
    names = {"content-security-policy": "Content-Security-Policy"}
    names["permissions-policy"] = "Permissions-Policy"
    return {names[name]: value for name, value in headers.items() if name in names}


@pytest.fixture
def watched(browser_context: Any) -> Iterator[Watched]:
    yield Watched(browser_context)


def a_story() -> tuple[Article, Story]:
    economy = Section.objects.create(name="Economy", slug="economy")
    articles = [
        make_article(
            source=make_source(name=name),
            section=economy,
            title="Harbour strike enters third day",
            standfirst="Dockers walked out over pay.",
            body_html=STRIKE,
        )
        for name in ("The Harbour Courier", "Wire Review")
    ]
    articles[0].tags.add(Tag.objects.create(name="Ports", slug="ports"))
    for article in articles:
        article_discover(article_id=article.pk)
    return articles[0], Story.objects.get(members__article=articles[0])


def test_the_public_pages_work_under_the_policy_without_a_violation(
    site_url: str, watched: Watched
) -> None:
    article, story = a_story()
    page = watched.page
    with page.expect_request(lambda request: "/beacon/" in request.url) as beacon:
        watched.visit(site_url + article.get_absolute_url())
    assert beacon.value.method == "POST", "the beacon goes out, by navigator.sendBeacon"
    assert page.locator("[data-copy-link]").is_visible(), "the share script ran"
    for path in (
        "/",
        reverse("site:search") + "?q=harbour+strike",
        reverse("site:story", kwargs={"pk": story.pk}),
        reverse("site:section", args=["economy"]),
        "/no-such-page/",
    ):
        response = page.goto(site_url + path)
        assert response is not None
        assert_policies(_title_case(response.headers), path)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == [], "axe runs under the policy too"
    assert watched.violations() == []


def test_a_page_with_inline_script_is_refused_and_reported(site_url: str, watched: Watched) -> None:
    """The check above can fail: an inline script, as the beacon once was, is refused."""
    watched.visit(site_url + "/")
    watched.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    watched.page.wait_for_timeout(100)
    assert watched.page.evaluate("window.ran === undefined")
    assert any("script-src" in violation for violation in watched.violations())


def test_the_desk_works_under_the_policy_without_a_violation(
    site_url: str, watched: Watched
) -> None:
    article, _story = a_story()
    get_user_model().objects.create_superuser("erin", "erin@example.org", PASSWORD)
    german = make_article(
        source=make_source(name="Donauländer Tagblatt", language="de"),
        language="de",
        title="Die Donau steigt",
    )
    translation = ArticleTranslation.objects.create(
        article=german,
        source_language="de",
        language="en",
        segments=[
            {"field": "title", "source": "Die Donau steigt", "target": "", "origin": ""},
            {"field": "body", "source": "Mehr <g1>hier</g1>.", "target": "", "origin": ""},
        ],
    )
    page = watched.page
    watched.visit(site_url + reverse("admin:login"))
    page.fill("#id_username", "erin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert "/admin/login/" not in page.url, "signed in"

    change = reverse("admin:articles_article_change", args=[article.pk])
    for path in (
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        change,
        reverse("admin:sources_source_add"),
        reverse("admin:ingest_entry_attention"),
        reverse("admin:translation_articletranslation_review", args=[translation.pk]),
    ):
        watched.visit(site_url + path)
    # The change page's scripts ran: the tag box is select2's (the source's date is shown, not
    # edited, since the publishing workflow: docs/desk.md).
    watched.visit(site_url + change)
    assert page.locator(".select2-container").count() >= 1
    page.locator(".select2-container").first.click()
    page.keyboard.type("Por")
    page.locator(".select2-results__option", has_text="Ports").first.wait_for()
    assert watched.violations() == []
