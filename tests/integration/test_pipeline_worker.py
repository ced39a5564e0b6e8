"""End to end: outlets on loopback → scheduler → a real worker process (`run_worker`) →
published pages."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils.html import escape

from gazette.articles.models import Article
from gazette.demo.outlets import OUTLETS
from gazette.demo.services import demo_sources_register
from gazette.ingest.models import Entry
from gazette.newsroom.scheduler import scheduler_tick
from gazette.site.views import PAGE_SIZE
from gazette.states import ArticleState, EntryState
from tests.conftest import start_manage, stop_process, subprocess_env, wait_until

CLUTTER = ("Accept all", "Alle akzeptieren", "Leave a reply", "Advertisement", "Newsletter")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        django_settings.TASKS_BACKEND != "database",
        reason="this test drives the db_worker; the RQ run has its own test",
    ),
]


def test_it_publishes_the_outlets_through_a_real_worker(outlets):
    sources = demo_sources_register(base_urls=[server.base_url for server in outlets])
    expected = sum(len(outlet.articles) for outlet in OUTLETS)

    assert scheduler_tick().sources == len(sources)
    assert scheduler_tick().sources == 0, "a claimed source is not claimed again"

    worker = start_manage(
        "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2",
        env=subprocess_env(),
    )  # fmt: skip
    try:
        done = wait_until(
            lambda: (
                Entry.objects.exclude(state=EntryState.DISCOVERED)
                .exclude(state=EntryState.FETCHED)
                .count()
                >= expected
            ),
            timeout=180,
        )
    finally:
        output = stop_process(worker)
    assert done, (
        f"worker did not finish: {Entry.objects.values_list('state', 'last_error')}\n{output}"
    )
    assert not Entry.objects.exclude(state=EntryState.EXTRACTED).exists(), list(
        Entry.objects.exclude(state=EntryState.EXTRACTED).values_list("url", "last_error")
    )

    client = Client()
    home = client.get("/").content.decode()
    newest = Article.objects.published().order_by("-published_at")[:PAGE_SIZE]
    for article in newest:
        assert escape(article.title) in home
    for outlet, source in zip(OUTLETS, sources, strict=True):
        articles = Article.objects.filter(source=source)
        assert articles.count() == len(outlet.articles)
        if outlet.language == "de":
            assert set(articles.values_list("state", flat=True)) == {
                ArticleState.AWAITING_TRANSLATION
            }
            for article in articles:
                assert escape(article.title) not in home
                assert client.get(article.get_absolute_url()).status_code == 404
            continue
        for article in articles:
            if article.state == ArticleState.DUPLICATE:
                continue  # checked below, with the wire copies
            assert article.state == ArticleState.PUBLISHED
            page = client.get(article.get_absolute_url())
            assert page.status_code == 200
            html = page.content.decode()
            assert f"<h1>{escape(article.title)}</h1>" in html
            assert f'<a href="{article.original_url}"' in html, "source linked to the original"
            stamp = re.search(r'<time[^>]* datetime="([^"]+)">([^<]+)</time>', html)
            assert stamp, "a machine-readable date"
            assert datetime.fromisoformat(stamp.group(1)) == article.published_at
            assert stamp.group(2).strip(), "a date a reader sees"
            for marker in CLUTTER:
                assert marker not in article.body_html, (article.title, marker)

    # Near-identical agency copies on two outlets: one published, the other linked to it.
    by_path = {a.path: a for o in OUTLETS for a in o.articles}
    duplicates = list(Article.objects.filter(state=ArticleState.DUPLICATE))
    wire_ids = {a.wire_id for a in by_path.values() if a.wire_id}
    assert len(duplicates) == len(wire_ids)
    for duplicate in duplicates:
        original = duplicate.duplicate_of
        assert original is not None and original.state == ArticleState.PUBLISHED
        copy_of = by_path[urlsplit(duplicate.original_url).path].wire_id
        assert copy_of is not None
        assert copy_of == by_path[urlsplit(original.original_url).path].wire_id
        assert client.get(duplicate.get_absolute_url()).status_code == 404

    undated = [a for o in OUTLETS for a in o.articles if a.published is None]
    for outlet_article in undated:
        article = Article.objects.get(original_url__endswith=outlet_article.path)
        assert article.published_at_estimated
        assert "first seen" in client.get(article.get_absolute_url()).content.decode()
