"""One address per page, 404 (never 500) for what does not exist, and a description and a
unique title on every listing page."""

from __future__ import annotations

from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Article, Section, Tag
from tests.factories import make_article, make_source

HUGE = "99999999999999999999"
C_INT_OVERFLOW = "2147483648"


class Head(HTMLParser):
    """The <title> and the meta description of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.descriptions: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "meta" and values.get("name") == "description":
            self.descriptions.append(values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def head(response: Any) -> Head:
    reader = Head()
    reader.feed(response.content.decode())
    return reader


def local(*parts: int) -> datetime:
    return timezone.make_aware(datetime(*parts))  # type: ignore[arg-type]


@pytest.fixture
def site(db: Any) -> dict[str, Any]:
    """25 stories (two pages) of one source, section, tag and author, all on 3 November 2026."""
    source = make_source(name="The Harbour Courier", slug="courier")
    section = Section.objects.create(name="Economy", slug="economy")
    tag = Tag.objects.create(name="Ports", slug="ports")
    articles = []
    for i in range(25):
        article = make_article(
            source=source,
            section=section,
            published_at=local(2026, 11, 3, 8) + timedelta(minutes=i),
            author="Ada Reporter",
        )
        article.tags.add(tag)
        articles.append(article)
    Section.objects.create(name="Empty", slug="empty")
    return {"source": source, "section": section, "tag": tag, "articles": articles}


LISTINGS = [
    "/",
    "/section/economy/",
    "/source/courier/",
    "/author/ada-reporter/",
    "/tag/ports/",
    "/archive/2026/11/",
    "/archive/2026/11/3/",
]


# 1. Numbers that overflow and dates that do not exist are not found, never a server error.


@pytest.mark.parametrize(
    "path",
    [
        f"/archive/2026/11/{C_INT_OVERFLOW}/",
        f"/archive/2026/11/{HUGE}/",
        f"/archive/2026/{C_INT_OVERFLOW}/1/",
        f"/archive/{C_INT_OVERFLOW}/1/1/",
        f"/archive/{HUGE}/{HUGE}/{HUGE}/",
        f"/archive/{HUGE}/1/",
        f"/archive/2026/{HUGE}/",
        "/archive/2026/13/",
        "/archive/2026/0/",
        "/archive/0/1/",
        "/archive/1/1/",
        "/archive/9999/12/",
        "/archive/2026/2/30/",
        "/archive/2026/13/1/",
        "/archive/2026/11/0/",
        "/archive/1/1/1/",
        "/archive/9999/12/31/",
        f"/?page={HUGE}",
        f"/?page={C_INT_OVERFLOW}",
        "/?page=" + "1" * 5000,  # int() refuses more than 4300 digits
        f"/section/economy/?page={HUGE}",
        f"/archive/2026/11/?page={HUGE}",
        f"/archive/2026/11/3/?page={C_INT_OVERFLOW}",
    ],
)
def test_huge_numbers_and_impossible_dates_are_not_found(site, path):
    assert Client().get(path).status_code == 404


@pytest.mark.parametrize(
    "date_part",
    [
        f"{C_INT_OVERFLOW}/11/3",
        f"2026/{C_INT_OVERFLOW}/3",
        f"2026/11/{C_INT_OVERFLOW}",
        f"{HUGE}/{HUGE}/{HUGE}",
        "2026/2/30",
        "2026/13/3",
        "2026/11/0",
        "0/11/3",
    ],
)
def test_an_article_address_with_an_impossible_date_is_not_found(site, date_part):
    article = site["articles"][0]
    assert Client().get(f"/{date_part}/{article.slug}/").status_code == 404


# 2. An article has one address.


def test_a_zero_padded_article_date_redirects_to_the_canonical_address(db):
    article = make_article(published_at=local(2026, 2, 3, 12))
    canonical = article.get_absolute_url()
    assert canonical == f"/2026/2/3/{article.slug}/"
    client = Client()
    assert client.get(canonical).status_code == 200
    for padded in ("2026/02/03", "2026/2/03", "2026/02/3", "02026/2/3", "2026/002/0003"):
        response = client.get(f"/{padded}/{article.slug}/")
        assert response.status_code == 301, padded
        assert response["Location"] == canonical


def test_an_article_address_with_another_date_is_never_served(db):
    article = make_article(published_at=local(2026, 2, 3, 12))
    client = Client()
    for other in ("2026/2/4", "2025/2/3", "2026/02/04", "1999/1/1"):
        response = client.get(f"/{other}/{article.slug}/")
        assert response.status_code in (301, 404), other
        if response.status_code == 301:
            assert response["Location"] == article.get_absolute_url()


def test_a_zero_padded_archive_address_redirects_to_the_canonical_one(site):
    client = Client()
    for padded, canonical in [
        ("/archive/2026/011/", "/archive/2026/11/"),
        ("/archive/2026/11/03/", "/archive/2026/11/3/"),
        ("/archive/2026/11/03/?page=2", "/archive/2026/11/3/?page=2"),
    ]:
        response = client.get(padded)
        assert response.status_code == 301, padded
        assert response["Location"] == canonical


# 3. Pagination: every page has one address, and pages beyond the last do not exist.


@pytest.mark.parametrize("path", LISTINGS)
def test_pages_of_a_listing_exist_up_to_the_last_and_no_further(site, path):
    client = Client()
    assert client.get(path).status_code == 200
    second = client.get(f"{path}?page=2")
    assert second.status_code == 200
    assert second.context["page"].number == 2
    for beyond in ("3", "99"):
        assert client.get(f"{path}?page={beyond}").status_code == 404, beyond


@pytest.mark.parametrize("path", LISTINGS)
def test_page_one_redirects_to_the_address_without_page(site, path):
    client = Client()
    response = client.get(f"{path}?page=1")
    assert response.status_code == 301
    assert response["Location"] == path
    response = client.get(f"{path}?page=01&utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == f"{path}?utm_source=x"
    response = client.get(f"{path}?page=002")
    assert response.status_code == 301
    assert response["Location"] == f"{path}?page=2"


@pytest.mark.parametrize("path", LISTINGS)
@pytest.mark.parametrize("page", ["abc", "", "0", "-1", "2.0", " 2", "²", "1e1"])
def test_a_page_that_is_not_a_page_number_is_not_found(site, path, page):
    assert Client().get(path, {"page": page}).status_code == 404


def test_the_pager_links_page_one_by_its_address_without_page(site):
    body = Client().get("/section/economy/?page=2").content.decode()
    assert 'href="/section/economy/" rel="prev"' in body
    assert "?page=1" not in body


# 4. An archive period without a published story is no page; the front and sections are.


def test_an_archive_month_or_day_without_stories_is_not_found(site):
    client = Client()
    for path in ("/archive/1999/1/", "/archive/1999/1/5/", "/archive/2026/11/4/"):
        assert client.get(path).status_code == 404, path
    unpublished = make_article(published_at=local(2026, 10, 5, 12), state="draft")
    assert not unpublished.is_published
    assert client.get("/archive/2026/10/").status_code == 404
    assert client.get("/archive/2026/10/5/").status_code == 404


def test_the_front_page_and_an_empty_section_answer_even_when_empty(db):
    Section.objects.create(name="Empty", slug="empty")
    assert not Article.objects.exists()
    client = Client()
    assert client.get("/").status_code == 200
    response = client.get("/section/empty/")
    assert response.status_code == 200
    assert "No stories here yet" in response.content.decode()


# 5. Every listing has a meta description, and each of its pages a title of its own.


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/section/economy/", "Economy"),
        ("/source/courier/", "Stories from The Harbour Courier collected by"),
        ("/author/ada-reporter/", "Stories by Ada Reporter"),
        ("/tag/ports/", "Stories about Ports"),
        ("/archive/2026/11/", "November 2026"),
        ("/archive/2026/11/3/", "3 November 2026"),
        ("/archive/", "Every story"),
    ],
)
def test_every_listing_has_a_meaningful_description(site, settings, path, words):
    response = Client().get(path)
    assert response.status_code == 200
    (description,) = head(response).descriptions
    assert words in description
    assert settings.SITE_NAME in description


def test_the_not_found_page_has_a_description(site, settings):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    (description,) = head(response).descriptions
    assert settings.SITE_NAME in description
    assert "Page not found" in head(response).title
    assert 'name="robots" content="noindex"' in response.content.decode()


@pytest.mark.parametrize("path", LISTINGS)
def test_later_pages_carry_their_number_in_the_title(site, path):
    client = Client()
    first = head(client.get(path))
    second = head(client.get(f"{path}?page=2"))
    assert "page" not in first.title
    assert "– page 2" in second.title
    assert first.title != second.title
    assert len(second.descriptions) == 1 and "– page 2" in second.descriptions[0]
