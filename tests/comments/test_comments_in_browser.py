"""In Chromium with JavaScript off: post a comment, confirm the address from the mail (a real
SMTP server), and see it once a moderator approves it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gazette.comments import services
from gazette.comments.models import Comment, CommentState
from gazette.newsroom import comment_mail
from tests.comments.conftest import Sink
from tests.factories import make_article


@pytest.mark.no_javascript
def test_a_reader_comments_without_javascript(
    browser_context: Any, site_url: str, smtp: Sink, settings: Any
) -> None:
    settings.SITE_URL = site_url
    article = make_article(title="The harbour reopens")
    page = browser_context.new_page()
    page.goto(site_url + article.get_absolute_url())
    page.fill("#comment-text", "The council should have consulted the fishermen first.")
    page.fill("#comment-name", "Grace Hopper")
    page.fill("#comment-email", "grace@example.org")
    page.check("#comment-notify")
    page.click("button:has-text('Post comment')")
    assert page.locator("h1").inner_text() == "Please confirm your address"

    [mail] = smtp.to("grace@example.org")
    link = next(link for link in mail.links() if "/comments/confirm/" in link)
    page.goto(link)
    assert Comment.objects.get().state == CommentState.UNCONFIRMED  # opening changes nothing
    page.click("button:has-text('Confirm')")
    assert page.locator("h1").inner_text() == "Address confirmed"
    assert "first comment from this address" in page.content()

    services.comments_approve(
        comments=Comment.objects.all(),
        moderator=AnonymousUser(),
        published=comment_mail.reply_published,
    )
    page.goto(site_url + article.get_absolute_url())
    page.reload()  # the article page is cacheable for minutes: revalidate, as a reader would
    assert page.locator(".comment-author").first.inner_text() == "Grace Hopper"
    assert "1 comment" in page.locator("#comments-title").inner_text()
    page.click("text=Reply")
    assert page.locator("h1").inner_text() == "Reply to Grace Hopper"
    assert page.locator("input[name=parent]").count() == 1
