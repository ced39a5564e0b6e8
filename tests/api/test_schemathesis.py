"""schemathesis runs every operation of the API's own OpenAPI document against the app, with
every built-in check: no server error, statuses, content types, headers and bodies as the
document says, invalid input refused with a 4xx and valid input accepted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS

from gazette.api import cursors
from gazette.api.keys import api_key_create
from gazette.api.management.commands.api_schema import openapi_document
from gazette.desk.roles import ADMINISTRATOR
from tests.api.conftest import World

# The document the app serves at /api/v1/openapi.json (made by the same function; loading it
# over WSGI at import would need the database, which pytest-django opens only in a test, and
# schemathesis' lazy fixture loader does not run under pytest 9).
schema = schemathesis.openapi.from_dict(json.loads(openapi_document()))
APP: list[WSGIHandler] = []


def _app(environ: dict[str, Any], start_response: Any) -> Any:
    """The handler of the running test (made in the fixture below), for the requests
    schemathesis sends on its own: the auth check's probes without and with a wrong key."""
    return APP[0](environ, start_response)


schema.app = _app
EVERY_CHECK = list(CHECKS.get_all())
# A write's body can be well formed and still refused: a feed followed already (409), a
# language or address the desk refuses (400). The other checks still hold the answer to
# the document (statuses, content types, bodies).
WRITE_CHECKS = [check for check in EVERY_CHECK if check.__name__ != "positive_data_acceptance"]
KEY: list[str] = []  # an administrator's API key, for the writes


@pytest.fixture(autouse=True)
def _served(world: World, settings: Any, client: Client) -> Iterator[None]:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.API_KEY_REQUESTS_PER_MINUTE = 10_000
    administrator = get_user_model().objects.create_user(username="api-admin", is_staff=True)
    administrator.groups.add(Group.objects.get(name=ADMINISTRATOR))
    KEY[:] = [api_key_create(owner=administrator, name="schemathesis")[1]]
    served = json.loads(client.get("/api/v1/openapi.json").content)
    assert served == schema.raw_schema, "the app serves the document tested here"
    APP[:] = [WSGIHandler()]  # made now: middleware reads the test's settings when made
    # Called directly, the WSGI handler ends each request by closing old database connections,
    # which would close the test's transaction: not here (as Django's test client does; after
    # the client's request above, which connects the handler again when it is done).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def valid_cursor(path: str) -> str:
    """A cursor this API could have given out for the list at `path`."""
    now = timezone.now()
    kinds = {"sections": "sec", "tags": "tag", "sources": "src"}
    name = path.strip("/").split("/")[-1]
    if name in kinds:
        return cursors.after_id(kinds[name], 3)
    if name == "search":
        return cursors.offset("q", 2)
    return cursors.time_and_id("s" if name == "stories" else "a", now, 10**6)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation(case: Any) -> None:
    # A cursor is opaque: the document can say it is a string of at most 200 characters, not
    # which strings this API gave out, so a schema-valid random one is still refused with 400
    # (tests/api/test_endpoints.py checks that). Valid cases get a real one instead.
    query = case.query or {}
    if isinstance(query.get("cursor"), str) and case.meta and case.meta.generation.mode.is_positive:
        query["cursor"] = valid_cursor(case.path)
    # The WSGI transport does not undo Content-Encoding, as an HTTP client would.
    headers = {"Accept-Encoding": "identity"}
    checks = EVERY_CHECK
    if case.method.upper() == "POST":
        headers["Authorization"] = f"Bearer {KEY[0]}"
        checks = WRITE_CHECKS
    case.call_and_validate(app=APP[0], headers=headers, checks=checks)
