"""Comments: a real SMTP server on loopback, an open article, and a reader posting through
the real views (tasks run as they are queued, after the commit)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from gazette.articles.models import Article
from gazette.comments import tokens
from tests.browser.conftest import (  # noqa: F401 (Chromium fixtures for the browser test)
    _plain_http,
    browser_context,
    browser_ready,
    site_url,
)
from tests.factories import make_article
from tests.smtp_sink import Sink, running_sink


@pytest.fixture
def smtp(settings: Any) -> Iterator[Sink]:
    """A real SMTP server (aiosmtpd) on loopback that Django's SMTP backend sends to."""
    for sink, port in running_sink():
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.DEFAULT_FROM_EMAIL = "Gazette <news@gazette.test>"
        yield sink


@pytest.fixture(autouse=True)
def comment_settings(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_MODERATION = "first_timers"
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    settings.SITE_URL = "http://testserver"
    settings.HTTPS = False
    settings.SECURE_SSL_REDIRECT = False
    settings.AKISMET_URL = ""


@pytest.fixture
def article(db: None) -> Article:
    return make_article(title="The harbour reopens")


class Reader:
    """A reader's browser: posts the article page's form as it stands."""

    def __init__(self, client: Client, capture: Any) -> None:
        self.client, self.capture = client, capture

    def post(self, article: Article, **fields: Any) -> Any:
        data = {
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "website": "",
            "text": "The council should have consulted the fishermen before closing the old pier.",
            "stamp": tokens.form_stamp(article.pk),
            "homepage": "",
        }
        data.update({key: value for key, value in fields.items() if key != "headers"})
        with self.capture(execute=True):
            return self.client.post(
                f"/comments/post/{article.pk}/", data, **fields.get("headers", {})
            )

    def follow_post(self, url: str, data: dict[str, str] | None = None) -> Any:
        path = url.replace("http://testserver", "")
        page = self.client.get(path)
        assert page.status_code == 200
        with self.capture(execute=True):
            return self.client.post(path, data or {})


@pytest.fixture
def reader(client: Client, django_capture_on_commit_callbacks: Any) -> Reader:
    return Reader(client, django_capture_on_commit_callbacks)
