"""Search: filters, pages, hostile queries, nothing unpublished (on both databases). The search
page and its feed are tested in tests/site/test_search_page.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from gazette.articles.models import Article, Section
from gazette.discovery import search
from gazette.discovery.search import SearchFilters, search_articles, search_index_article
from gazette.discovery.services import article_discover
from gazette.states import ArticleState
from tests.factories import make_article, make_source, translated_from
from tests.search_queries import HOSTILE_QUERIES

QUAKE = "<p>A strong earthquake struck the coast of Valdoria on Monday, rescuers said.</p>"
pytestmark = pytest.mark.django_db


def quake(**fields: Any) -> Article:
    """A published report of the Valdoria earthquake, in the search index."""
    fields.setdefault("title", "Valdoria earthquake")
    article = make_article(body_html=QUAKE, **fields)
    article_discover(article_id=article.pk)
    return article


def found(query: str = "earthquake", **filters: Any) -> list[Article]:
    return [hit.article for hit in search_articles(query, filters=SearchFilters(**filters)).hits]


def test_it_filters_by_source():
    courier, tagblatt = make_source(slug="courier"), make_source(slug="tagblatt")
    mine = quake(source=courier)
    quake(source=tagblatt)
    assert found(source="courier") == [mine]
    assert found(source="no-such-outlet") == []


def test_it_filters_by_the_original_language_of_translated_articles():
    english = quake()
    translated = quake(language="en")
    translated_from(translated, "de")
    assert found(language="de") == [translated]
    assert found(language="en") == [english]
    assert found(language="EN") == [english]


def test_it_filters_by_date_range_in_whole_days():
    now = timezone.now()
    recent = quake(published_at=now - timedelta(days=1))
    old = quake(published_at=now - timedelta(days=40))
    today = timezone.localdate()
    assert found(since=today - timedelta(days=3)) == [recent]
    assert found(until=today - timedelta(days=30)) == [old]
    old_day = timezone.localtime(old.published_at).date()
    assert found(since=old_day, until=old_day) == [old]
    assert found(since=today + timedelta(days=1)) == []


def test_it_filters_by_section():
    politics = Section.objects.create(name="Politics", slug="politics")
    filed = quake(section=politics)
    quake()
    assert found(section="politics") == [filed]


def test_filters_apply_before_the_candidate_limit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search, "CANDIDATES", 2)
    now = timezone.now()
    archive = make_source(slug="archive")
    old = quake(source=archive, published_at=now - timedelta(days=60))
    for n in range(3):
        quake(published_at=now - timedelta(hours=n))
    assert found(source="archive") == [old]
    assert found(until=timezone.localdate() - timedelta(days=30)) == [old]
    result = search_articles("earthquake")
    assert len(result.hits) == 2 and result.more


def test_it_pages_beyond_the_first():
    now = timezone.now()
    articles = [quake(title=f"Valdoria earthquake {n}", published_at=now - timedelta(hours=n))
                for n in range(25)]  # fmt: skip
    first = search_articles("earthquake", offset=0, limit=20)
    second = search_articles("earthquake", offset=20, limit=20)
    assert first.total == second.total == 25
    assert len(first.hits) == 20 and len(second.hits) == 5
    seen = {hit.article.pk for hit in first.hits + second.hits}
    assert seen == {article.pk for article in articles}


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_give_results_or_a_message(query: str):
    quake()
    result = search_articles(query)
    assert result.hits or result.message


def test_nothing_unpublished_is_ever_found():
    visible = quake(title="Valdoria earthquake visible")
    hidden = [
        quake(title="Valdoria earthquake draft", state=ArticleState.DRAFT),
        quake(title="Valdoria earthquake awaiting", state=ArticleState.AWAITING_TRANSLATION),
        quake(title="Valdoria earthquake duplicate", state=ArticleState.DUPLICATE),
        quake(title="Valdoria earthquake embargo", made_public_at=timezone.now() + timedelta(1)),
    ]
    withdrawn = quake(title="Valdoria earthquake withdrawn")
    # Withdrawn after it was indexed, and the index not yet told: it must still not show.
    Article.objects.filter(pk=withdrawn.pk).update(state=ArticleState.WITHDRAWN)
    for article in hidden:  # even if something put them in the index
        article.state = ArticleState.PUBLISHED
        search_index_article(article=article)
    assert found() == [visible]
    assert search_articles("earthquake").total == 1


def test_search_filters_turn_days_into_local_midnights():
    start, end = SearchFilters(since=date(2026, 3, 1), until=date(2026, 3, 1)).period()
    assert start is not None and end is not None
    assert end - start == timedelta(days=1)
    assert timezone.localtime(start).hour == 0
