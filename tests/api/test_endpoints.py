"""What each endpoint answers: fields, licences, what is never shown, errors, HTTP caching,
CORS and the rate limit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Article
from tests.api.conftest import World


def get(client: Client, path: str, **headers: str) -> tuple[int, Any]:
    response = client.get(path, headers=headers)
    return response.status_code, json.loads(response.content) if response.content else None


def test_articles_list_newest_first_with_every_field(world: World, client: Client) -> None:
    status, page = get(client, "/api/v1/articles/")
    assert status == 200
    ids = [item["id"] for item in page["items"]]
    assert ids == [world.full.pk, world.translated.pk, world.excerpt.pk, world.link.pk]
    assert page["next_cursor"] is None
    full = page["items"][0]
    assert full["title"] == "Harbour strike enters third day"
    assert full["standfirst"] == "The dockers want more pay."
    assert "Dockers at the harbour" in full["body_html"]
    assert full["source"] == {
        "name": "The Harbour Courier",
        "slug": "courier",
        "homepage": "http://127.0.0.1:9/",
        "language": "en",
        "licence": "full",
    }
    assert full["section"]["slug"] == "politics"
    assert [tag["slug"] for tag in full["tags"]] == ["harbour"]
    assert full["published_at_estimated"] is False
    assert full["url"] == "http://testserver" + world.full.get_absolute_url()
    assert full["original_url"] == world.full.original_url
    assert full["translation"] is None
    assert (full["language"], full["original_language"]) == ("en", "en")


def test_licence_decides_the_text(world: World, client: Client) -> None:
    _, excerpt = get(client, f"/api/v1/articles/{world.excerpt.pk}/")
    assert excerpt["standfirst"] == "Wire standfirst that may be shown."
    assert excerpt["body_html"] is None
    _, link = get(client, f"/api/v1/articles/{world.link.pk}/")
    assert link["standfirst"] is None and link["body_html"] is None
    assert link["title"] == "Harbour strike: a linked report"


def test_translation_metadata(world: World, client: Client) -> None:
    _, article = get(client, f"/api/v1/articles/{world.translated.pk}/")
    assert article["language"] == "en"
    assert article["original_language"] == "de"
    assert article["translation"] == {
        "from_language": "de",
        "engine_label": "Opus-MT (local)",
        "reviewed": True,
    }


def test_unpublished_articles_are_never_shown(world: World, client: Client) -> None:
    for article in world.hidden:
        status, problem = get(client, f"/api/v1/articles/{article.pk}/")
        assert status == 404
        assert problem["status"] == 404 and problem["title"] == "Not Found"
    _, page = get(client, "/api/v1/articles/?limit=100")
    shown = {item["id"] for item in page["items"]}
    assert shown.isdisjoint(article.pk for article in world.hidden)


def test_filters(world: World, client: Client) -> None:
    def ids(query: str) -> list[int]:
        status, page = get(client, f"/api/v1/articles/?{query}")
        assert status == 200, page
        return [item["id"] for item in page["items"]]

    assert ids("section=politics") == [world.full.pk]
    assert ids("source=wirereview") == [world.excerpt.pk]
    assert ids("tag=harbour") == [
        world.full.pk,
        world.translated.pk,
        world.excerpt.pk,
        world.link.pk,
    ]
    assert ids("language=de") == [world.translated.pk]
    assert ids("source=no-such-outlet") == []


def test_changed_after_on_every_list(world: World, client: Client) -> None:
    later = timezone.now()
    Article.objects.filter(pk=world.excerpt.pk).update(updated_at=timezone.now())
    since = later.isoformat().replace("+00:00", "Z")
    _, articles = get(client, f"/api/v1/articles/?changed_after={since}")
    assert [item["id"] for item in articles["items"]] == [world.excerpt.pk]
    for path in ("sources", "tags", "stories", "sections"):
        status, page = get(client, f"/api/v1/{path}/?changed_after={since}")
        assert status == 200
        if path == "sources":
            assert [item["slug"] for item in page["items"]] == ["wirereview"]
        if path == "sections":  # the wire's article has no section
            assert page["items"] == []
    _, found = get(client, f"/api/v1/search/?q=harbour&changed_after={since}")
    assert [hit["article"]["id"] for hit in found["items"]] == [world.excerpt.pk]
    _, everything = get(client, "/api/v1/articles/?changed_after=2000-01-01T00:00:00")
    assert len(everything["items"]) == 4


def test_stories_with_their_reports(world: World, client: Client) -> None:
    status, page = get(client, "/api/v1/stories/")
    assert status == 200 and page["items"]
    for story in page["items"]:
        status, detail = get(client, f"/api/v1/stories/{story['id']}/")
        assert status == 200
        assert detail["report_count"] == len(detail["reports"]) == story["report_count"]
        assert detail["url"].endswith(f"/stories/{story['id']}/")
    reported = {
        r["id"]
        for s in page["items"]
        for r in get(client, f"/api/v1/stories/{s['id']}/")[1]["reports"]
    }
    assert reported.isdisjoint(article.pk for article in world.hidden)
    assert get(client, "/api/v1/stories/999999/")[0] == 404


def test_search_and_most_read(world: World, client: Client) -> None:
    status, found = get(client, "/api/v1/search/?q=harbour+strike&source=courier")
    assert status == 200
    assert [hit["article"]["id"] for hit in found["items"]] == [world.full.pk]
    assert "<mark>" in found["items"][0]["snippet"]
    _, wire = get(client, "/api/v1/search/?q=harbour&source=wirereview")
    assert wire["items"][0]["snippet"] is None, "no snippet of withheld text"
    _, paged = get(client, "/api/v1/search/?q=harbour&limit=3")
    assert paged["total"] == 4 and len(paged["items"]) == 3
    _, rest = get(client, f"/api/v1/search/?q=harbour&limit=3&cursor={paged['next_cursor']}")
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    status, read = get(client, "/api/v1/most-read/?window=week&limit=10")
    assert status == 200
    assert [item["id"] for item in read["items"]] == [
        world.full.pk, world.translated.pk, world.excerpt.pk, world.link.pk
    ]  # fmt: skip


@pytest.mark.parametrize(
    "query",
    [
        "cursor=not-a-cursor",
        "cursor=" + "A" * 150,
        "cursor=cXwxMA",  # a search cursor ("q|10") given to the article list
        "cursor=YXw5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OXwx",  # a time far beyond 9999
        "changed_after=yesterday",
        "changed_after=1700000000",  # seconds since 1970: pydantic would take them
        "changed_after=2024-13-45T00:00:00",
        "limit=0",
        "limit=101",
        "limit=ten",
        "section=..%2F",
    ],
)
def test_bad_parameters_are_400_problems(world: World, client: Client, query: str) -> None:
    response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert set(problem) >= {"type", "title", "status", "detail"}
    assert problem["status"] == 400 and problem["title"] == "Bad Request"


def test_other_bad_parameters(world: World, client: Client) -> None:
    for path in (
        "/api/v1/search/",  # no q
        "/api/v1/search/?q=x&since=someday",
        "/api/v1/most-read/?window=year",
        "/api/v1/articles/0/",
        "/api/v1/stories/?cursor=%00",
        "/api/v1/tags/?cursor=YXwxfDI",
    ):
        assert client.get(path).status_code == 400, path
    for path in ("/api/v1/articles/99999/", "/api/v1/no-such-list/", "/api/v1/articles/-3/"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert response["Content-Type"] == "application/problem+json", path


def test_etag_last_modified_and_304(world: World, client: Client) -> None:
    first = client.get("/api/v1/articles/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified and "public" in first["Cache-Control"]
    again = client.get("/api/v1/articles/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get("/api/v1/tags/", headers={"If-None-Match": etag}).status_code == 200
    from django.core.cache import cache

    Article.objects.filter(pk=world.full.pk).update(updated_at=timezone.now())
    cache.clear()  # the database's change time is otherwise reused for 2 s, as on the site
    changed = client.get("/api/v1/articles/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_cors_head_options_and_read_only(world: World, client: Client) -> None:
    response = client.get("/api/v1/articles/", headers={"Origin": "https://elsewhere.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options("/api/v1/articles/", headers={"Origin": "https://x.example"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    head = client.head("/api/v1/articles/")
    assert head.status_code == 200 and head.content == b"" and head["ETag"]
    assert head["Access-Control-Allow-Origin"] == "*"
    refused = client.post("/api/v1/articles/", data={})
    assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD, OPTIONS"
    assert refused["Content-Type"] == "application/problem+json"


def test_rate_limit_per_address(world: World, client: Client, settings: Any) -> None:
    settings.API_REQUESTS_PER_MINUTE = 3
    statuses = [client.get("/api/v1/sections/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/sections/")
    assert limited["Content-Type"] == "application/problem+json"
    assert 1 <= int(limited["Retry-After"]) <= 61
    assert limited["Access-Control-Allow-Origin"] == "*"
    assert json.loads(limited.content)["status"] == 429
    other = client.get("/api/v1/sections/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200, "another address has its own minute"
