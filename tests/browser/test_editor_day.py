"""The editor's day in Chromium: sign in, open the review queue, correct an article in the
rich-text editor, preview it, publish it and find it on the site; schedule another and watch
the scheduler's tick put it live; a source update arriving on an edited article shows both
versions. Desk pages are looked at 375 px and 1280 px wide."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from gazette.articles.models import Article
from gazette.articles.services import ArticleFields, article_store
from gazette.desk.roles import sync_role_permissions
from gazette.newsroom.scheduler import scheduler_tick
from gazette.states import ArticleState
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "harbour-desk-password-7"


def _editor() -> Any:
    sync_role_permissions()  # the roles, as after `migrate` (this test's database is flushed)
    user = get_user_model().objects.create_user(username="erin", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    return user


def _shots(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"desk-{name}-{width}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width + 1, f"{name} scrolls sideways at {width}px ({scroll}px)"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_editors_day(site_url: str, browser_context: Any):
    _editor()
    courier = make_source(name="The Harbour Courier", slug="courier", auto_publish=False)
    article = make_article(
        source=courier,
        state=ArticleState.DRAFT,
        title="Quay rebuilt in a wek",
        body_html="<p>The quay took a week to rebuild.</p>",
    )
    later = make_article(source=courier, state=ArticleState.DRAFT, title="Ferry timetable")

    page = browser_context.new_page()
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )

    # Sign in, and open the review queue.
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", "erin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.goto(f"{site_url}/admin/articles/article/?state__exact=draft")
    assert page.locator("#result_list").get_by_text("Quay rebuilt in a wek").is_visible()
    _shots(page, "review-queue")

    # Open the article, correct the headline and the text in the editor.
    page.locator("#result_list").get_by_role("link", name="Quay rebuilt in a wek").click()
    page.wait_for_selector(".ProseMirror[contenteditable=true]")
    _shots(page, "article-desk")
    page.fill("#id_title", "Quay rebuilt in a week")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Ferries return today.")

    # Preview in a new tab: the public page with the unsaved text.
    with browser_context.expect_page() as preview_opened:
        page.get_by_role("button", name="Preview with these changes").click()
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert "Quay rebuilt in a week" in preview.locator("h1").inner_text()
    assert "Ferries return today." in preview.locator(".body").inner_text()
    assert "readers do not see this yet" in preview.content()
    preview.close()
    article.refresh_from_db()
    assert article.title == "Quay rebuilt in a wek", "the preview saved nothing"

    # Save, then approve and publish.
    page.click("input[name=_continue]")
    page.wait_for_selector("text=Approve and publish now")
    page.get_by_role("button", name="Approve and publish now").click()
    page.wait_for_selector("text=is published")
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED
    assert "Ferries return today." in article.body_html

    # See it on the site.
    page.goto(f"{site_url}{article.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Quay rebuilt in a week"
    assert "Ferries return today." in page.locator(".body").inner_text()

    # Schedule the other article, and watch the scheduler's tick put it live.
    page.goto(f"{site_url}/admin/articles/article/{later.pk}/change/")
    go_live = timezone.localtime() + timedelta(hours=3)
    page.fill("#schedule-at", go_live.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.wait_for_selector("text=Goes live")
    assert go_live.strftime("%H:%M") in page.locator(".desk-when").inner_text()
    later.refresh_from_db()
    assert later.state == ArticleState.SCHEDULED and later.scheduled_for is not None
    public = f"{site_url}{later.get_absolute_url()}"
    assert page.goto(public).status == 404
    assert scheduler_tick(now=later.scheduled_for - timedelta(seconds=1)).published == ()
    # Three hours pass: the go-live time is now behind us (the page shows real time, so the
    # schedule moves back rather than the clock forward), and the next tick puts it live.
    Article.objects.filter(pk=later.pk).update(scheduled_for=timezone.now() - timedelta(seconds=1))
    assert page.goto(public).status == 404, "nothing goes live between ticks"
    assert scheduler_tick().published == (later.pk,)
    assert page.goto(public).status == 200
    assert scheduler_tick().published == (), "once"

    # The source updates the edited article: the desk shows both versions.
    article_store(
        article_id=article.pk,
        source=courier,
        fields=ArticleFields(
            title="Quay rebuilt in eight days",
            body_html="<p>The quay took eight days.</p>",
            text="The quay took eight days.",
            original_url=article.original_url,
            language="en",
            first_seen_at=article.published_at,
        ),
        publish_if_ready=False,
    )
    page.goto(f"{site_url}/admin/articles/article/{article.pk}/change/")
    update = page.locator(".desk-source-update")
    assert "The source updated this story after it was edited" in update.inner_text()
    assert "Quay rebuilt in a week" in update.inner_text()
    assert "Quay rebuilt in eight days" in update.inner_text()
    _shots(page, "source-update")
    assert Article.objects.get(pk=article.pk).title == "Quay rebuilt in a week"
    page.get_by_role("button", name="Take the source's version").click()
    page.wait_for_selector("text=The source's version is on show")
    assert Article.objects.get(pk=article.pk).title == "Quay rebuilt in eight days"

    assert not csp_errors, csp_errors
