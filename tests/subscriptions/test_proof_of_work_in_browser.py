"""In Chromium, with the proof of work on: the sign-up form's script fetches a challenge,
solves it and sends the form; the server accepts it and the confirmation arrives over SMTP.
With JavaScript off the same form is refused with a message that says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gazette.subscriptions.models import Subscriber
from gazette.subscriptions.services import SIGNUP_ACCEPTED
from tests.browser.conftest import (  # noqa: F401 (Chromium fixtures)
    _plain_http,
    browser_context,
    browser_ready,
    site_url,
)
from tests.smtp_sink import Sink, sink_for_django

BITS = 10  # about a thousand hashes in the browser: quick, and the same code as 20 bits


@pytest.fixture
def pow_on(settings: Any, site_url: str) -> Iterator[Sink]:  # noqa: F811
    for smtp in sink_for_django(settings):
        settings.SITE_URL = site_url
        settings.NEWSLETTER_POW_BITS = BITS
        settings.NEWSLETTER_MIN_SECONDS = 0
        yield smtp


def sign_up(browser_context: Any, site_url: str, email: str) -> Any:  # noqa: F811
    page = browser_context.new_page()
    page.goto(site_url + "/newsletter/")
    page.fill("#subscribe-email", email)
    page.locator("form.subscribe-form button[type=submit]").first.click()
    return page


def test_the_script_solves_the_challenge_and_the_address_gets_its_confirmation(
    browser_context: Any,  # noqa: F811
    site_url: str,  # noqa: F811
    pow_on: Sink,
) -> None:
    page = sign_up(browser_context, site_url, "ada@example.org")
    # The answer is on the same address: wait for its words, not for the address.
    page.get_by_text(SIGNUP_ACCEPTED[:40]).wait_for()
    assert Subscriber.objects.filter(email="ada@example.org").exists(), page.content()
    [mail] = pow_on.to("ada@example.org")
    assert any("/newsletter/confirm/" in link for link in mail.links())


@pytest.mark.no_javascript
def test_without_the_script_the_form_says_why_it_was_refused(
    browser_context: Any,  # noqa: F811
    site_url: str,  # noqa: F811
    pow_on: Sink,
) -> None:
    page = sign_up(browser_context, site_url, "bob@example.org")
    page.get_by_text("please turn on JavaScript").wait_for()
    assert not Subscriber.objects.filter(email="bob@example.org").exists()
    assert pow_on.to("bob@example.org") == []
