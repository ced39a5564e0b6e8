"""The search page and its feed: what they list, filters, pages, hostile queries, nothing
unpublished, and conditional requests (on both databases). The search itself, its ranking and
filters as a selector, is tested in tests/discovery/test_search.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Article, Section
from gazette.discovery.search import search_index_article
from gazette.discovery.services import article_discover
from gazette.states import ArticleState
from tests.factories import make_article, make_source, translated_from
from tests.search_queries import HOSTILE_QUERIES

QUAKE = "<p>A strong earthquake struck the coast of Valdoria on Monday, rescuers said.</p>"
pytestmark = pytest.mark.django_db


def quake(**fields: Any) -> Article:
    """A published report of the Valdoria earthquake, in the search index."""
    fields.setdefault("title", "Valdoria earthquake")
    fields.setdefault("body_html", QUAKE)
    article = make_article(**fields)
    article_discover(article_id=article.pk)
    return article


def test_the_search_page_and_feed_show_what_the_search_finds_and_nothing_else(client: Client):
    found = quake(title="Valdoria earthquake")
    quake(title="Budget passes", body_html="<p>Nothing about that.</p>")
    hidden = make_article(title="Valdoria earthquake draft", state=ArticleState.DRAFT)
    article_discover(article_id=hidden.pk)

    page = client.get("/search/", {"q": "earthquake"})
    assert page.status_code == 200 and found.title in page.content.decode()
    assert "draft" not in page.content.decode()
    assert client.get("/search/feed/", {"q": "earthquake"}).status_code == 200
    other = client.get("/search/", {"q": "earthquake", "source": "no-such-outlet"})
    assert found.title not in other.content.decode()


def test_the_search_page_filters_by_every_field(client: Client):
    section = Section.objects.create(name="World", slug="world")
    wanted = quake(source=make_source(slug="wire"), section=section)
    translated_from(wanted, "fr")
    quake()
    day = timezone.localtime(wanted.published_at).date().isoformat()
    params = {"q": "earthquake", "source": "wire", "section": "world", "language": "fr"}
    page = client.get("/search/", {**params, "from": day, "to": day}).content.decode()
    assert page.count('class="teaser"') == 1 and wanted.get_absolute_url() in page


def test_the_search_page_pages_beyond_the_first(client: Client):
    now = timezone.now()
    for n in range(25):
        quake(title=f"Valdoria earthquake {n}", published_at=now - timedelta(hours=n))
    page = client.get("/search/", {"q": "earthquake", "page": "2"}).content.decode()
    assert page.count('class="teaser"') == 5 and 'rel="prev"' in page
    assert 'rel="next"' not in page
    past = client.get("/search/", {"q": "earthquake", "page": "3"})
    assert past.status_code == 200 and "past the last" in past.content.decode()


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_give_a_search_page_and_a_feed(client: Client, query: str):
    quake()
    for url in ("/search/", "/search/feed/"):
        response = client.get(url, {"q": query.encode("utf-8", "surrogatepass")})
        assert response.status_code == 200, url
    page = client.get("/search/", {"q": query.encode("utf-8", "surrogatepass")}).content.decode()
    assert 'class="teaser"' in page or 'class="empty"' in page


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "NEAR(a b)", "title:x OR", "*", "a" * 10_000, "quake\x00valdoria", "-- ;'"],
)
def test_hostile_queries_give_a_page_never_an_error(client: Client, query: str):
    quake()
    response = client.get("/search/", {"q": query, "from": "yesterday", "page": "x"})
    assert response.status_code == 200


def test_a_raw_lone_surrogate_and_nul_in_the_address_give_a_page(client: Client):
    quake()
    for raw in ("q=%ED%A0%80", "q=%00%00", "q=%22NEAR(%2A", "q=earthquake&page=-3&from=%00"):
        assert client.get(f"/search/?{raw}").status_code == 200
        feed = client.get(f"/search/feed/?{raw}")
        assert feed.status_code == 200 and not feedparser.parse(feed.content).bozo


def test_nothing_unpublished_is_ever_shown_on_the_search_page_or_feed(client: Client):
    quake(title="Valdoria earthquake visible")
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
    page = client.get("/search/", {"q": "valdoria earthquake"}).content.decode()
    feed = client.get("/search/feed/", {"q": "valdoria earthquake"}).content.decode()
    for text in (page, feed):
        assert "visible" in text
        for word in ("draft", "awaiting", "duplicate", "embargo", "withdrawn"):
            assert f"earthquake {word}" not in text


def test_the_search_feed_parses(client: Client):
    article = quake(title="Valdoria earthquake: rescuers reach the coast")
    response = client.get("/search/feed/", {"q": "earthquake & rescuers"})
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Search: earthquake & rescuers"
    assert "q=earthquake+%26+rescuers" in feed.feed.link
    assert [entry.title for entry in feed.entries] == [article.title]
    assert feed.entries[0].link.endswith(article.get_absolute_url())
    empty = feedparser.parse(client.get("/search/feed/", {"q": "nothingmatchesthis"}).content)
    assert not empty.bozo and empty.entries == []


def test_the_search_feed_applies_the_filters_of_the_search_page(client: Client):
    courier, tagblatt = make_source(slug="courier"), make_source(slug="tagblatt")
    mine = quake(source=courier, title="Valdoria earthquake: the Courier reports")
    quake(source=tagblatt, title="Valdoria earthquake: the Tagblatt reports")
    page = client.get("/search/", {"q": "earthquake", "source": "courier"}).content.decode()
    assert "1 result" in page
    assert 'href="/search/feed/?q=earthquake&amp;source=courier"' in page

    feed = feedparser.parse(
        client.get("/search/feed/", {"q": "earthquake", "source": "courier"}).content
    )
    assert [entry.title for entry in feed.entries] == [mine.title]
    assert "q=earthquake&source=courier" in feed.feed.link
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link.endswith("/search/feed/?q=earthquake&source=courier")


def test_filters_without_words_ask_for_words(client: Client):
    quake(source=make_source(slug="courier"))
    page = client.get("/search/", {"q": "", "source": "courier"}).content.decode()
    assert "Type one or more words to search for." in page


@pytest.mark.parametrize(
    "path", ["/search/", "/search/?q=earthquake", "/search/feed/?q=earthquake&source=courier"]
)
def test_the_search_page_and_feed_answer_a_conditional_request_before_searching(
    client: Client, path: str, monkeypatch: pytest.MonkeyPatch
):
    quake(source=make_source(slug="courier"))
    response = client.get(path)
    assert response.status_code == 200
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("a 304 is answered before the search runs")

    monkeypatch.setattr("gazette.site.search_views.search_articles", no_search)
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_a_new_article_changes_the_validators_of_the_search_page(
    client: Client, django_capture_on_commit_callbacks: Any
):
    quake(title="Valdoria earthquake: first report")
    path = "/search/?q=earthquake"
    etag = client.get(path)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        quake(title="Valdoria earthquake: second report")
    response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "second report" in response.content.decode()
