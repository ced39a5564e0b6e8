"""Discovery follows an article whose text the source changed, and can be rebuilt whole."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from gazette.articles.models import Article
from gazette.discovery.models import ArticleEmbedding, Story
from gazette.discovery.search import search_articles
from gazette.discovery.services import article_discover
from gazette.ingest.extract import ExtractedArticle
from gazette.states import ArticleState
from tests.factories import make_article, make_source, store_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks_run_at_once(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def extraction(title: str, body: str) -> ExtractedArticle:
    return ExtractedArticle(
        title=title,
        body_html=f"<p>{body}</p>",
        standfirst="",
        author="Ada Reporter",
        published_at=None,
        modified_at=None,
        language="en",
        canonical_url="",
    )


def titles(query: str) -> list[str]:
    return [hit.article.title for hit in search_articles(query).hits]


def discovery(callbacks: list[Any]) -> list[Any]:
    return [call for call in callbacks if "discover" in call.__qualname__]


def index_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM discovery_search")
        return int(cursor.fetchone()[0])


def test_a_changed_published_article_is_searched_and_embedded_anew(
    tasks_run_at_once: None, django_capture_on_commit_callbacks: Any
):
    source = make_source(auto_publish=True)
    first = extraction("Harbour wall collapses", "Forty metres of the harbour wall gave way.")
    entry = make_article(source=source).entry
    Article.objects.filter(entry=entry).delete()
    assert entry is not None
    with django_capture_on_commit_callbacks(execute=True):
        article = store_article(entry, first)
    assert article.state == ArticleState.PUBLISHED
    assert titles("harbour") == ["Harbour wall collapses"]
    before = ArticleEmbedding.objects.get(article=article)
    story = before.story
    assert story is not None

    update = extraction("Harbour wall repaired", "The council rebuilt the quay in a week.")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        store_article(entry, update)
    assert len(discovery(callbacks)) == 1
    assert titles("quay") == ["Harbour wall repaired"]
    assert titles("collapses") == []
    after = ArticleEmbedding.objects.get(article=article)
    assert after.text_hash != before.text_hash and after.vector != before.vector
    assert after.story == story
    assert Story.objects.get(pk=story.pk).centroid == after.vector


def test_an_unchanged_or_unpublished_article_enqueues_no_discovery(
    django_capture_on_commit_callbacks: Any,
):
    source = make_source(auto_publish=False)
    entry = make_article(source=source).entry
    Article.objects.filter(entry=entry).delete()
    assert entry is not None
    text = extraction("Budget passes", "Parliament passed the budget.")
    store_article(entry, text)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        store_article(entry, text)
        store_article(entry, extraction("Budget passes", "A changed draft."))
    assert discovery(callbacks) == []


def test_discovery_rebuild_indexes_embeds_and_reports_progress():
    articles = [
        make_article(
            title=f"Valdoria earthquake report {n}",
            body_html="<p>Rescuers.</p>",
            published_at=timezone.now() - timedelta(hours=n),
        )
        for n in range(3)
    ]
    draft = make_article(
        title="Valdoria earthquake draft", state=ArticleState.DRAFT, published_at=timezone.now()
    )
    assert index_rows() == 0
    out = StringIO()
    call_command("discovery_rebuild", "--days", "7", stdout=out)
    printed = out.getvalue()
    assert "3/3 articles (100%)" in printed and "Discovery rebuilt for 3 articles." in printed
    assert index_rows() == 3
    assert set(ArticleEmbedding.objects.values_list("article_id", flat=True)) == {
        article.pk for article in articles
    }
    assert draft.title not in titles("earthquake")
    again = StringIO()
    call_command("discovery_rebuild", stdout=again)
    assert index_rows() == 3 and ArticleEmbedding.objects.count() == 3


def test_discovery_rebuild_leaves_old_articles_and_refuses_a_bad_window():
    old = make_article(published_at=timezone.now() - timedelta(days=90))
    call_command("discovery_rebuild", "--days", "30", stdout=StringIO())
    assert not ArticleEmbedding.objects.filter(article=old).exists()
    article_discover(article_id=old.pk)
    with pytest.raises(CommandError):
        call_command("discovery_rebuild", "--days", "0")
