"""Cursor pages stay right while articles arrive: walking every page of the list finds each
article that existed at the start exactly once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from gazette.api import cursors
from gazette.api.problems import ApiProblem
from tests.factories import make_article, make_source


def test_walking_every_page_while_articles_arrive(db: None, client: Client, settings) -> None:
    settings.API_REQUESTS_PER_MINUTE = 10_000
    source = make_source()
    now = timezone.now()
    # 45 articles, some sharing a publication time (the id breaks the tie).
    existing = {
        make_article(source=source, published_at=now - timedelta(minutes=10 * (n // 3))).pk
        for n in range(45)
    }
    seen: list[int] = []
    cursor, pages = None, 0
    while True:
        query = "limit=7" + (f"&cursor={quote(cursor)}" if cursor else "")
        response = client.get(f"/api/v1/articles/?{query}")
        assert response.status_code == 200
        page = json.loads(response.content)
        seen += [item["id"] for item in page["items"]]
        pages += 1
        # Between pages: a newer story, one as old as the page's last, and an older one.
        last = page["items"][-1]["published_at"] if page["items"] else None
        make_article(source=source, published_at=timezone.now())
        if last:
            at = datetime.fromisoformat(last.replace("Z", "+00:00"))
            make_article(source=source, published_at=at)
            make_article(source=source, published_at=at - timedelta(minutes=1))
        cursor = page["next_cursor"]
        if cursor is None:
            break
    walked = [pk for pk in seen if pk in existing]
    assert len(walked) - len(set(walked)) == 0, "no article twice"
    assert existing - set(walked) == set(), "no article skipped"
    assert pages >= 7


def test_cursor_round_trip_keeps_the_microsecond() -> None:
    when = timezone.now().replace(microsecond=999_999)
    assert cursors.read_time_and_id("a", cursors.time_and_id("a", when, 42)) == (when, 42)
    with pytest.raises(ApiProblem):
        cursors.read_time_and_id("s", cursors.time_and_id("a", when, 42))
