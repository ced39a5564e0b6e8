"""API keys (made in the desk, shown once, kept hashed, revocable) and the newsroom's writes,
guarded by the desk's roles: every role against every write endpoint."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from gazette.api.keys import api_key_create, api_key_revoke
from gazette.api.models import ApiKey
from gazette.desk.roles import ADMINISTRATOR, EDITOR, ROLES, TRANSLATOR
from gazette.ingest.models import Entry
from gazette.sources.models import Source
from gazette.states import EntryState
from tests.newsroom import Newsroom

NEW_SOURCE = {
    "name": "The Valley Post",
    "feed_url": "https://valley-post.example.org/feed.xml",
    "homepage": "https://valley-post.example.org/",
    "language": "en",
    "licence": "excerpt",
}
# Who may do what (gazette/desk/roles.py): sources are the administrators', submitting a URL
# the editors' and administrators'.
MAY = {
    "/api/v1/sources/": {ADMINISTRATOR},
    "/api/v1/entries/": {EDITOR, ADMINISTRATOR},
}


def staff(role: str) -> User:
    user = User.objects.create_user(
        username=f"{role}-person", email=f"{role}@newsroom.example", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def token_of(role: str) -> str:
    return api_key_create(owner=staff(role), name=f"{role} tool")[1]


def post(client: Client, path: str, body: dict[str, Any], token: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        path, data=json.dumps(body), content_type="application/json", headers=headers
    )


def body_for(path: str, n: int) -> dict[str, Any]:
    if path.endswith("/sources/"):
        return {**NEW_SOURCE, "feed_url": f"https://valley-post.example.org/feed-{n}.xml"}
    return {"url": f"https://courier.example.org/news/story-{n}", "source": "courier"}


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.API_REQUESTS_PER_MINUTE = 10_000


@pytest.mark.parametrize("path", sorted(MAY))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_on_each_write_endpoint(
    newsroom: Newsroom,
    client: Client,
    path: str,
    role: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    token = token_of(role)
    with django_capture_on_commit_callbacks() as queued:
        response = post(client, path, body_for(path, 1), token)
    if role in MAY[path]:
        assert response.status_code in (201, 202), response.content
        assert response["Cache-Control"] == "no-store"
        if path.endswith("/entries/"):
            assert len(queued) == 1, "the URL goes to fetching through the flow"
    else:
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        problem = json.loads(response.content)
        assert problem["status"] == 403 and "permission" in problem["detail"]
        assert f"{role}-person" not in response.content.decode()
        assert queued == []
        assert not Source.objects.filter(name=NEW_SOURCE["name"]).exists()


@pytest.mark.parametrize("path", sorted(MAY))
def test_writes_without_a_key_are_401(newsroom: Newsroom, client: Client, path: str) -> None:
    for headers in ({}, {"Authorization": "Basic YWRtaW46YWRtaW4="}, {"Authorization": "Bearer"}):
        response = client.post(
            path, data=json.dumps(body_for(path, 1)), content_type="application/json",
            headers=headers,
        )  # fmt: skip
        assert response.status_code == 401, headers
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Source.objects.filter(name=NEW_SOURCE["name"]).exists()
    assert not Entry.objects.exists()


def test_a_revoked_key_is_refused_everywhere(newsroom: Newsroom, client: Client) -> None:
    key, token = api_key_create(owner=staff(ADMINISTRATOR), name="CMS")
    assert post(client, "/api/v1/sources/", NEW_SOURCE, token).status_code == 201
    api_key_revoke(key=key)
    again = post(client, "/api/v1/sources/", body_for("/api/v1/sources/", 2), token)
    assert again.status_code == 401
    assert "revoked" in json.loads(again.content)["detail"]
    read = client.get("/api/v1/articles/", headers={"Authorization": f"Bearer {token}"})
    assert read.status_code == 401, "a key that is sent is checked, on reads too"
    assert client.get("/api/v1/articles/").status_code == 200, "reads need no key"


def test_a_key_of_someone_no_longer_on_the_staff_is_refused(
    newsroom: Newsroom, client: Client
) -> None:
    owner = staff(ADMINISTRATOR)
    _key, token = api_key_create(owner=owner, name="CMS")
    owner.is_staff = False
    owner.save()
    assert post(client, "/api/v1/sources/", NEW_SOURCE, token).status_code == 401
    owner.is_staff, owner.is_active = True, False
    owner.save()
    assert post(client, "/api/v1/sources/", NEW_SOURCE, token).status_code == 401


def test_keys_are_kept_hashed_and_tampered_tokens_fail(newsroom: Newsroom, client: Client) -> None:
    key, token = api_key_create(owner=staff(ADMINISTRATOR), name="CMS")
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert stored["key_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert all(token not in str(value) for value in stored.values())
    assert token.startswith(stored["prefix"] + "_") and len(token) > 50
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert post(client, "/api/v1/sources/", NEW_SOURCE, tampered).status_code == 401
    assert post(client, "/api/v1/sources/", NEW_SOURCE, "gz_nothing").status_code == 401
    assert ApiKey.objects.get(pk=key.pk).last_used_at is None
    assert post(client, "/api/v1/sources/", NEW_SOURCE, token).status_code == 201
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


def test_the_desk_shows_a_new_key_once(newsroom: Newsroom, client: Client) -> None:
    admin = staff(ADMINISTRATOR)
    owner = staff(EDITOR)
    client.force_login(admin)
    made = client.post(
        "/admin/api/apikey/add/",
        {"name": "Wire importer", "owner": owner.pk, "requests_per_minute": ""},
    )
    assert made.status_code == 200, made.content[:2000]
    key = ApiKey.objects.get(name="Wire importer")
    page = made.content.decode()
    token = page.split('id="api-token" type="text" readonly value="')[1].split('"')[0]
    assert token.startswith(key.prefix + "_")
    assert key.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert "no-store" in made["Cache-Control"]
    for shown in (f"/admin/api/apikey/{key.pk}/change/", "/admin/api/apikey/"):
        listing = client.get(shown)
        assert listing.status_code == 200
        assert key.prefix in listing.content.decode() and token not in listing.content.decode()
    # The key works with its owner's role (an editor submits URLs, adds no sources).
    client.logout()
    body = body_for("/api/v1/entries/", 9)
    assert post(client, "/api/v1/entries/", body, token).status_code == 202
    assert post(client, "/api/v1/sources/", NEW_SOURCE, token).status_code == 403
    client.force_login(admin)
    revoked = client.post(
        "/admin/api/apikey/", {"action": "revoke", "_selected_action": [key.pk]}, follow=True
    )
    assert "1 key(s) revoked" in revoked.content.decode()
    client.logout()
    assert post(client, "/api/v1/entries/", body, token).status_code == 401


def test_editors_cannot_open_the_keys(newsroom: Newsroom, client: Client) -> None:
    client.force_login(staff(EDITOR))
    assert client.get("/admin/api/apikey/add/").status_code == 403
    client.force_login(staff(TRANSLATOR))
    assert client.get("/admin/api/apikey/").status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"language": "english"}, "language"),
        ({"feed_url": "javascript:alert(1)"}, "feed_url"),
        ({"feed_url": "ftp://valley-post.example.org/feed"}, "feed_url"),
        ({"feed_url": "https://user:pw@valley-post.example.org/feed"}, "feed_url"),
        ({"feed_url": "/feed.xml"}, "feed_url"),
        ({"homepage": "not a web address"}, "homepage"),
        ({"name": "   "}, "name"),
        ({"name": "Null\x00byte"}, "name"),
    ],
)
def test_sources_are_checked_as_in_the_desk(
    newsroom: Newsroom, client: Client, change: dict[str, str], field: str
) -> None:
    response = post(client, "/api/v1/sources/", {**NEW_SOURCE, **change}, token_of(ADMINISTRATOR))
    assert response.status_code == 400, response.content
    problem = json.loads(response.content)
    assert problem["title"] == "Bad Request"
    assert [error["where"] for error in problem["errors"]] == [field]
    assert Source.objects.count() == 3


def test_a_source_is_added_once(newsroom: Newsroom, client: Client) -> None:
    token = token_of(ADMINISTRATOR)
    made = post(client, "/api/v1/sources/", {**NEW_SOURCE, "licence": "link"}, token)
    assert made.status_code == 201
    created = json.loads(made.content)
    assert created["slug"] == "the-valley-post" and created["licence"] == "link"
    source = Source.objects.get(slug="the-valley-post")
    assert (source.feed_url, source.language, source.kind) == (NEW_SOURCE["feed_url"], "en", "feed")
    again = post(client, "/api/v1/sources/", {**NEW_SOURCE, "name": "Valley Post II"}, token)
    assert again.status_code == 409
    assert json.loads(again.content)["slug"] == "the-valley-post"
    assert Source.objects.get(pk=source.pk).name == "The Valley Post", "not overwritten"
    unknown = post(client, "/api/v1/sources/", {**NEW_SOURCE, "colour": "red"}, token)
    assert unknown.status_code in (400, 409)


def test_submitting_a_url(
    newsroom: Newsroom, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    token = token_of(EDITOR)
    url = "https://courier.example.org/news/harbour-strike"
    with django_capture_on_commit_callbacks() as queued:
        first = post(client, "/api/v1/entries/", {"url": url, "source": "courier"}, token)
    assert first.status_code == 202
    entry = json.loads(first.content)
    assert entry["queued"] is True and entry["state"] == EntryState.DISCOVERED
    assert entry["source"] == "courier" and entry["article_id"] is None
    assert Entry.objects.get(pk=entry["id"]).source == newsroom.courier
    assert len(queued) == 1
    with django_capture_on_commit_callbacks() as queued_again:
        second = post(client, "/api/v1/entries/", {"url": url + "#top", "source": "courier"}, token)
    assert second.status_code == 200
    assert json.loads(second.content)["id"] == entry["id"] and queued_again == []
    for body, why in (
        ({"url": url, "source": "no-such-outlet"}, "No source"),
        ({"url": "file:///etc/passwd", "source": "courier"}, "not a usable web address"),
        ({"url": "relative/path", "source": "courier"}, "not a usable web address"),
    ):
        refused = post(client, "/api/v1/entries/", body, token)
        assert refused.status_code == 400 and why in json.loads(refused.content)["detail"]
    assert Entry.objects.count() == 1


def test_keys_have_their_own_higher_limit(
    newsroom: Newsroom, client: Client, settings: Any
) -> None:
    settings.API_REQUESTS_PER_MINUTE = 2
    settings.API_KEY_REQUESTS_PER_MINUTE = 4
    token = token_of(EDITOR)
    anonymous = [client.get("/api/v1/sections/").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]
    keyed = [
        client.get("/api/v1/sections/", headers={"Authorization": f"Bearer {token}"}).status_code
        for _ in range(5)
    ]
    assert keyed == [200, 200, 200, 200, 429]
    limited = client.get("/api/v1/sections/", headers={"Authorization": f"Bearer {token}"})
    assert "this key" in json.loads(limited.content)["detail"]
    key = ApiKey.objects.get()
    key.requests_per_minute = 10
    key.save()
    assert (
        client.get("/api/v1/sections/", headers={"Authorization": f"Bearer {token}"}).status_code
        == 200
    ), "a key's own limit replaces the default"


def test_allow_names_each_address_methods(newsroom: Newsroom, client: Client) -> None:
    assert client.options("/api/v1/sources/")["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert client.options("/api/v1/entries/")["Allow"] == "POST, OPTIONS"
    for method in ("get", "head"):
        refused = getattr(client, method)("/api/v1/entries/")
        assert refused.status_code == 405 and refused["Allow"] == "POST, OPTIONS"
    put = client.put("/api/v1/sources/", data="{}", content_type="application/json")
    assert put.status_code == 405 and put["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert put["Content-Type"] == "application/problem+json"
