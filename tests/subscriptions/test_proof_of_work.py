"""The sign-up form's optional proof of work (NEWSLETTER_POW_BITS): off by default, the form
then works without JavaScript; on, a post needs a fresh signed challenge solved, once."""

from __future__ import annotations

import time
from itertools import count
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from gazette.subscriptions import services
from gazette.subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db

BITS = 8  # about 256 tries: quick here, and the check is the same at 16 or 20


@pytest.fixture
def pow_on(settings: Any) -> None:
    settings.NEWSLETTER_POW_BITS = BITS
    settings.NEWSLETTER_MIN_SECONDS = 3
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def solve(challenge: str, bits: int) -> str:
    return next(
        str(nonce) for nonce in count() if services.pow_zero_bits(challenge, str(nonce)) >= bits
    )


def post(client: Client, email: str, **extra: str) -> Any:
    data = {"email": email, "started": services.form_token(time.time() - 10), **extra}
    return client.post("/newsletter/", data)


def test_off_by_default_the_form_needs_no_script(client: Client, settings: Any):
    settings.NEWSLETTER_POW_BITS = 0
    page = client.get("/newsletter/").content.decode()
    assert "data-pow" not in page and "newsletter-pow.js" not in page
    assert client.get("/newsletter/?challenge").status_code == 200  # the form page, no JSON
    assert post(client, "plain@example.org").status_code == 200
    assert Subscriber.objects.filter(email="plain@example.org").exists()


def test_a_solved_challenge_is_accepted_once(client: Client, pow_on: None):
    page = client.get("/newsletter/").content.decode()
    assert 'data-pow="/newsletter/?challenge"' in page and "newsletter-pow.js" in page
    asked = client.get("/newsletter/?challenge")
    assert asked["Content-Type"] == "application/json" and "no-cache" in asked["Cache-Control"]
    challenge, bits = asked.json()["challenge"], asked.json()["bits"]
    assert bits == BITS
    nonce = solve(challenge, bits)
    accepted = post(client, "solved@example.org", pow_challenge=challenge, pow_nonce=nonce)
    assert accepted.status_code == 200
    assert Subscriber.objects.filter(email="solved@example.org").exists()

    replayed = post(client, "second@example.org", pow_challenge=challenge, pow_nonce=nonce)
    assert replayed.status_code == 400 and b"sent already" in replayed.content
    assert not Subscriber.objects.filter(email="second@example.org").exists()


@pytest.mark.parametrize("case", ["no script", "wrong nonce", "forged", "too few bits"])
def test_a_post_without_the_work_is_refused_with_a_message(
    client: Client, pow_on: None, settings: Any, case: str
):
    challenge = client.get("/newsletter/?challenge").json()["challenge"]
    fields = {
        "no script": {},
        "wrong nonce": {"pow_challenge": challenge, "pow_nonce": "x"},
        "forged": {"pow_challenge": challenge[:-2] + "xx", "pow_nonce": solve(challenge, BITS)},
    }.get(case)
    if case == "too few bits":  # solved for 8 bits, then the site asks for more
        fields = {"pow_challenge": challenge, "pow_nonce": solve(challenge, BITS)}
        settings.NEWSLETTER_POW_BITS = 20
    required = settings.NEWSLETTER_POW_BITS
    if (
        case != "forged"
        and fields
        and services.pow_zero_bits(challenge, fields["pow_nonce"]) >= required
    ):
        pytest.skip("this nonce happens to solve this challenge after all")
    response = post(client, "bot@example.org", **(fields or {}))
    assert response.status_code == 400 and b"turn on JavaScript" in response.content
    assert not Subscriber.objects.exists()


def test_an_old_challenge_is_refused(client: Client, pow_on: None):
    with mock.patch("time.time", return_value=time.time() - 3600):
        challenge = services.pow_challenge()
    response = post(
        client, "late@example.org", pow_challenge=challenge, pow_nonce=solve(challenge, BITS)
    )
    assert response.status_code == 400 and b"expired" in response.content
    assert not Subscriber.objects.exists()
