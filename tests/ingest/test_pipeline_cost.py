"""What one ingested article costs the database and the task queue, and what batching keeps."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from gazette.articles.models import Article
from gazette.ingest.models import Document, Entry
from gazette.newsroom.flow import discover_later, entries_fetch, source_poll
from gazette.states import ArticleState, EntryState
from tests.factories import make_article, make_source
from tests.fault_server import Route, fault_server

pytestmark = pytest.mark.django_db

WORDS = (  # noqa: SIM905  (a sentence reads better than a list of 50 strings)
    "harbour wall council market tram depot square drainage tunnel rail union strike roster "
    "coastal line timetable winter fishermen herring catch decade institute colder water "
    "northern bay engineers cracks stretch metres spring repairs mayor budget school bridge "
    "ferry storm flood river bank museum library hospital nurses doctors police court judge"
).split()


def article_page(n: int) -> bytes:
    """A page whose text shares no run of words with another page's (no near-duplicates)."""
    rng = random.Random(n)
    paragraphs = [" ".join(rng.sample(WORDS, 30)).capitalize() + "." for _ in range(4)]
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<html lang="en"><head><title>Harbour story {n}</title>'
        '<meta property="article:published_time" content="2026-11-18T09:00:00+00:00"></head>'
        f"<body><article><h1>Harbour story {n}</h1>{body}</article></body></html>"
    ).encode()


def rss(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story</title><link>{link}</link><guid>{link}</guid>"
        "<category>News</category><pubDate>Tue, 17 Nov 2026 09:00:00 +0000</pubDate></item>"
        for link in links
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    ).encode()


def tasks(path_end: str) -> list[DBTaskResult]:
    return [task for task in DBTaskResult.objects.all() if task.task_path.endswith(path_end)]


def test_a_fetch_batch_costs_a_bounded_number_of_statements_per_article(
    django_assert_max_num_queries: Any, django_capture_on_commit_callbacks: Any
):
    routes = {f"/story-{n}.html": Route(body=article_page(n)) for n in range(6)}
    with fault_server(routes) as server:
        source = make_source(auto_publish=True)
        entries = [
            Entry.objects.create(
                source=source, url=server.base_url + path, canonical_url=server.base_url + path
            )
            for path in routes
        ]
        # Per article: the document, the entry's lock, the article lookup, its slug, the dedupe
        # query, the section, the article row, its MinHash bands, the entry's state, the
        # transaction around them and its discovery task; per batch: the entries.
        with (
            django_capture_on_commit_callbacks(execute=True),
            django_assert_max_num_queries(11 * len(entries) + 3),
        ):
            assert entries_fetch(entry_ids=[entry.pk for entry in entries]) == len(entries)

    assert set(Entry.objects.values_list("state", flat=True)) == {EntryState.EXTRACTED}
    assert Document.objects.count() == len(entries)
    assert Article.objects.filter(state=ArticleState.PUBLISHED).count() == len(entries)
    assert all(article.made_public_at for article in Article.objects.all())
    # One discovery task per published article, queued with the commit that published it.
    assert sorted(task.args_kwargs["args"][0] for task in tasks(".discover_article")) == sorted(
        Article.objects.values_list("pk", flat=True)
    )


def test_a_poll_stores_its_new_entries_in_a_few_statements(
    django_assert_max_num_queries: Any, settings: Any
):
    links = [f"/story-{n}.html" for n in range(40)]
    with fault_server({"/feed.xml": Route(body=rss(links))}) as server:
        source = make_source(feed_url=server.base_url + "/feed.xml")
        make_article(source=source)  # an entry of its own, not in the feed
        with django_assert_max_num_queries(10):
            created = source_poll(source_id=source.pk)
        assert len(created) == len(links) and all(entry.pk for entry in created)
        assert source_poll(source_id=source.pk) == [], "seen before: nothing new"
    assert Entry.objects.filter(source=source).count() == len(links) + 1


def test_the_raw_document_outlives_a_bug_in_the_extractor(monkeypatch: Any):
    import gazette.ingest.services as services

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in a parser")

    monkeypatch.setattr(services, "extract_article", explode)
    with fault_server({"/story.html": Route(body=article_page(1))}) as server:
        url = server.base_url + "/story.html"
        entry = Entry.objects.create(source=make_source(), url=url, canonical_url=url)
        assert entries_fetch(entry_ids=[entry.pk]) == 0

    entry.refresh_from_db()
    assert entry.state == EntryState.FAILED
    assert "RuntimeError('a bug in a parser')" in entry.last_error
    assert bytes(Document.objects.get(entry=entry).body) == article_page(1)


def test_discovery_is_queued_per_article_and_only_once_its_transaction_commits(
    django_capture_on_commit_callbacks: Any,
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        discover_later(article.pk)
    assert tasks(".discover_article") == [], "nothing is queued before the commit"
    for callback in callbacks:
        callback()
    assert [task.args_kwargs["args"] for task in tasks(".discover_article")] == [[article.pk]]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_dedupe_query_reads_the_window_through_indexes_not_the_whole_archive():
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gazette.articles.dedupe import article_find_original

    make_article()
    with CaptureQueriesContext(connection) as queries:
        article_find_original(text_hash="x", minhash=b"\x01" * 516, published_at=timezone.now())
    [query] = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "SCAN articles_article" not in plan, plan
