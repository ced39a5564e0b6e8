"""Walk every endpoint over real data (staff with e-mail addresses, an author, articles of
every licence): no answer holds an address, a staff username or withheld text. The writes
(POST) are walked too, anonymously (refused with 401) and with a key of too small a role
(403): neither answer names anyone."""

from __future__ import annotations

import json
import re
from typing import cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.test import Client

from gazette.api.keys import api_key_create
from gazette.desk.roles import TRANSLATOR
from tests.api.conftest import World

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


WRITE_BODIES = {
    "/api/v1/sources/": {
        "name": "Valley Post",
        "feed_url": "https://valley.example.org/feed",
        "language": "en",
    },
    "/api/v1/entries/": {"url": "https://courier.example.org/news/1", "source": "courier"},
}


def every_write_answer(client: Client, world: World) -> dict[str, str]:
    """Each POST operation anonymously and with a translator's key (no write permission)."""
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    writes = [path for path, operations in schema["paths"].items() if "post" in operations]
    assert sorted(writes) == sorted(WRITE_BODIES), "a new write endpoint: add its body here"
    translator = world.newsroom.translator
    translator.groups.add(Group.objects.get(name=TRANSLATOR))
    _key, token = api_key_create(owner=cast(User, translator), name="translator's tool")
    answers: dict[str, str] = {}
    for path in writes:
        body = json.dumps(WRITE_BODIES[path])
        anonymous = client.post(path, data=body, content_type="application/json")
        assert anonymous.status_code == 401, path
        answers[f"POST {path}"] = anonymous.content.decode()
        refused = client.post(
            path, data=body, content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        assert refused.status_code == 403, path
        answers[f"POST {path} (translator)"] = refused.content.decode()
    return answers


def every_answer(client: Client, world: World) -> dict[str, str]:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    answers: dict[str, str] = {}
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        if "{article_id}" in path:
            for article in (world.full, world.translated, world.excerpt, world.link):
                answers[path.replace("{article_id}", str(article.pk))] = ""
        elif "{story_id}" in path:
            stories = json.loads(client.get("/api/v1/stories/").content)["items"]
            assert stories
            for story in stories:
                answers[path.replace("{story_id}", str(story["id"]))] = ""
        elif path.endswith("/search/"):
            for q in ("harbour", "strike+dockers", "WIREBODYSECRET", "LINKBODYSECRET", "pay"):
                answers[f"{path}?q={q}"] = ""
        elif path.endswith("/most-read/"):
            answers[f"{path}?window=week&limit=20"] = ""
            answers[path] = ""
        else:
            answers[f"{path}?limit=100"] = ""
    for url in list(answers):
        response = client.get(url)
        assert response.status_code == 200, url
        answers[url] = response.content.decode()
    return {**answers, **every_write_answer(client, world)}


def test_no_answer_leaks_people_or_withheld_text(world: World, client: Client) -> None:
    answers = every_answer(client, world)
    assert len(answers) >= 19
    staff = [user.username for user in get_user_model().objects.filter(is_staff=True)]
    assert len(staff) == 3
    searched = answers["/api/v1/search/?q=WIREBODYSECRET"]
    assert json.loads(searched)["total"] == 1, "the withheld text is indexed, and so searchable"
    for url, body in answers.items():
        assert not EMAIL.search(body), f"an e-mail address in {url}"
        for name in staff:
            assert name not in body, f"staff username {name} in {url}"
        for secret in world.withheld:
            assert secret not in body, f"withheld text {secret} in {url}"
        for article in world.hidden:
            assert article.title not in body, f"unpublished {article.title!r} in {url}"
