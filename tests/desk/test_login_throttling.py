"""Desk logins are throttled (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one
user from one address, that user is locked out from that address until the cool-off passes,
even with the right password; the same user from elsewhere still gets in."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.management import call_command
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import F
from django.http import HttpRequest
from django.test import Client

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.66"
NEWSROOM = "198.51.100.10"
PASSWORD = "right-password-42"


@pytest.fixture(autouse=True)
def _throttle(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    # The database handler, whatever REDIS_URL says, so the test can age the attempts.
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast


@pytest.fixture
def editor() -> AbstractUser:
    return get_user_model().objects.create_superuser("erin", "erin@example.org", PASSWORD)


def log_in(password: str, *, address: str, username: str = "erin") -> Any:
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    response.client = client
    return response


def logged_in(response: Any) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def fail(times: int, *, address: str = ATTACKER) -> list[int]:
    return [log_in(f"guess-{n}", address=address).status_code for n in range(times)]


def time_passes(minutes: float) -> None:
    """Age every recorded failure, as if the time had gone by."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_wrong_passwords_lock_the_account_from_that_address_until_the_cool_off(editor):
    assert fail(3) == [200, 200, 429], "the form twice, then the lockout page"
    locked = log_in(PASSWORD, address=ATTACKER)
    assert locked.status_code == 429 and not logged_in(locked), "the right password fails too"
    page = locked.content.decode()
    assert "Too many failed logins; try again in 15 minutes" in page
    assert "desk/lockout.html" in [template.name for template in locked.templates]
    assert locked["Retry-After"] == "900"
    assert PASSWORD not in page and "guess-" not in page
    (attempt,) = AccessAttempt.objects.all()
    assert "guess-" not in attempt.post_data, "axes keeps no password tried"
    time_passes(14)
    assert log_in(PASSWORD, address=ATTACKER).status_code == 429, "not yet, and the wait restarts"
    time_passes(14)
    assert log_in(PASSWORD, address=ATTACKER).status_code == 429, "15 minutes from the last try"
    time_passes(15.1)
    assert logged_in(log_in(PASSWORD, address=ATTACKER)), "the cool-off has passed"


def test_one_attacker_cannot_lock_the_editor_out_from_elsewhere(editor):
    assert fail(10).count(429) == 8
    assert log_in(PASSWORD, address=ATTACKER).status_code == 429
    assert logged_in(log_in(PASSWORD, address=NEWSROOM)), "the newsroom still gets in"


def test_a_successful_login_resets_the_count(editor):
    assert fail(2) == [200, 200]
    assert logged_in(log_in(PASSWORD, address=ATTACKER))
    assert fail(2) == [200, 200], "2 + 2 failures never make 3"
    assert logged_in(log_in(PASSWORD, address=ATTACKER))
    assert fail(3) == [200, 200, 429], "3 in a row still do"


def test_the_reset_command_lifts_a_lockout(editor):
    fail(3)
    assert log_in(PASSWORD, address=ATTACKER).status_code == 429
    call_command("axes_reset_username", "erin", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert logged_in(log_in(PASSWORD, address=ATTACKER))


def test_tests_log_in_with_force_login_or_with_a_request():
    """How a test logs in now: `force_login` needs no request; `client.login` does, because
    the axes backend throttles by the request's address."""
    applied = MigrationRecorder.Migration.objects.filter(app="axes").count()
    assert applied >= 1, "manage.py migrate creates the axes tables"
    get_user_model().objects.create_superuser("chief", "c@example.org", PASSWORD)
    client = Client()
    client.force_login(get_user_model().objects.get(username="chief"))
    assert client.get("/admin/").status_code == 200
    with pytest.raises(AxesBackendRequestParameterRequired):
        Client().login(username="chief", password=PASSWORD)
    assert Client().login(request=HttpRequest(), username="chief", password=PASSWORD)


def settings_in_a_new_process(**env: str) -> str:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_HANDLER, s.AXES_LOCKOUT_PARAMETERS, s.AXES_FAILURE_LIMIT, "
        "s.AXES_COOLOFF_TIME, s.PROXY_COUNT, getattr(s, 'AXES_IPWARE_PROXY_COUNT', None), "
        "s.AUTHENTICATION_BACKENDS[0], s.MIDDLEWARE[-1])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "BEHIND_PROXY")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "gazette.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_settings_come_from_the_environment():
    default = settings_in_a_new_process()
    assert "axes.handlers.database.AxesDatabaseHandler [['username', 'ip_address']] 5" in default
    assert "0:15:00 0 None axes.backends.AxesStandaloneBackend axes.middleware.AxesMiddleware" in (
        default
    )
    tuned = settings_in_a_new_process(
        REDIS_URL="redis://127.0.0.1:6379/0",
        LOGIN_FAILURE_LIMIT="8",
        LOGIN_COOLOFF_MINUTES="60",
        BEHIND_PROXY="true",
        PROXY_COUNT="2",
    )
    assert "axes.handlers.cache.AxesCacheHandler [['username', 'ip_address']] 8 1:00:00 2 2" in (
        tuned
    )


def test_behind_a_proxy_the_login_throttle_sees_the_reader_not_the_proxy(editor, settings):
    settings.PROXY_COUNT = 1

    def via_proxy(password: str, reader: str) -> Any:
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {reader}")
        response = client.post(LOGIN, {"username": "erin", "password": password})
        response.client = client
        return response

    for n in range(3):
        via_proxy(f"guess-{n}", ATTACKER)
    assert via_proxy(PASSWORD, ATTACKER).status_code == 429
    assert logged_in(via_proxy(PASSWORD, NEWSROOM)), "one proxy, many readers"
