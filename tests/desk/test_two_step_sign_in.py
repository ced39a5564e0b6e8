"""Two-step sign-in: enrol from the desk (scan, confirm a code), then signing in asks for a
code; recovery codes work once; wrong codes count towards the login throttle."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gazette.desk.models import RecoveryCode, TwoStepSignIn

pytestmark = pytest.mark.django_db

PASSWORD = "pw-correct-horse-42"


def _staff(username: str = "erin") -> object:
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.is_staff = True
    user.save()
    return user


def _code(secret: str, *, steps_ahead: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.at(time.time() + steps_ahead * totp.interval)


def _enrol(client: Client) -> tuple[str, list[str]]:
    page = client.post("/admin/two-step/", {"action": "start"}).content.decode()
    assert "<svg" in page, "the QR code, inline"
    secret = TwoStepSignIn.objects.get().secret
    assert secret in page, "the key to type by hand"
    wrong = client.post("/admin/two-step/", {"action": "confirm", "code": "000000"})
    assert "does not match" in wrong.content.decode()
    page = client.post(
        "/admin/two-step/", {"action": "confirm", "code": _code(secret)}
    ).content.decode()
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page)
    assert len(codes) == 10
    return secret, codes


def test_it_enrols_then_asks_for_the_code_at_sign_in():
    _staff()
    client = Client()
    assert (
        client.post("/admin/login/", {"username": "erin", "password": PASSWORD}).status_code == 302
    )
    secret, codes = _enrol(client)
    assert TwoStepSignIn.objects.get().confirmed_at is not None
    assert not RecoveryCode.objects.filter(code_hash__in=codes).exists(), "only hashes are kept"

    fresh = Client()
    step = fresh.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    assert step.status_code == 302 and "/admin/sign-in/code/" in step["Location"]
    assert fresh.get("/admin/").status_code == 302, "a password alone does not open the desk"
    page = fresh.post("/admin/sign-in/code/", {"code": "123456"})
    assert "not right" in page.content.decode()
    # The code for the next 30-second step (the enrolment used this one's).
    done = fresh.post("/admin/sign-in/code/", {"code": _code(secret, steps_ahead=1)})
    assert done.status_code == 302
    assert fresh.get("/admin/").status_code == 200

    spare = Client()
    spare.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    assert spare.post("/admin/sign-in/code/", {"code": codes[0].upper()}).status_code == 302
    again = Client()
    again.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    reused = again.post("/admin/sign-in/code/", {"code": codes[0]})
    assert reused.status_code == 200, "a recovery code works once"


def test_the_code_step_is_throttled_like_passwords(settings):
    settings.AXES_FAILURE_LIMIT = 3
    _staff()
    client = Client()
    client.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    secret, _codes = _enrol(client)

    attacker = Client()
    attacker.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    statuses = [
        attacker.post("/admin/sign-in/code/", {"code": "000000"}).status_code for _ in range(3)
    ]
    assert statuses[-1] == 429, statuses
    locked = attacker.post("/admin/sign-in/code/", {"code": _code(secret, steps_ahead=1)})
    assert locked.status_code == 429, "locked out even with the right code"


def test_without_a_pending_password_step_there_is_no_code_step():
    response = Client().post("/admin/sign-in/code/", {"code": "123456"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
