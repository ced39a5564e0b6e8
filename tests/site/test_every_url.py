"""Request every URL the site links to: no server error, and nothing unpublished leaks."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from gazette.states import ArticleState
from tests.factories import make_article, make_source


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def crawl(client: Client, start: str = "/") -> dict[str, tuple[int, str]]:
    seen: dict[str, tuple[int, str]] = {}
    queue = [start]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        body = response.content.decode("utf-8", "replace")
        seen[path] = (response.status_code, body)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        collector = LinkCollector()
        collector.feed(body)
        for link in collector.links:
            absolute = urljoin("http://testserver" + path, link)
            parts = urlsplit(absolute)
            if parts.netloc != "testserver" or parts.path.startswith(("/admin/", "/static/")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


@pytest.mark.django_db
def test_it_serves_every_linked_url_and_leaks_nothing_unpublished(settings):
    settings.DEBUG = False
    english = make_source(name="The Harbour Courier")
    german = make_source(name="Donauländer Tagblatt", language="de")
    published = [make_article(source=english, title=f"Published story {i}") for i in range(25)]
    hidden = [
        make_article(source=english, state=ArticleState.DRAFT, title="Secret draft"),
        make_article(source=german, state=ArticleState.AWAITING_TRANSLATION, title="Ungeprüft"),
        make_article(source=english, state=ArticleState.IN_REVIEW, title="Under review"),
        make_article(source=english, state=ArticleState.WITHDRAWN, title="Withdrawn piece"),
        make_article(
            source=english,
            title="Embargoed until tomorrow",
            made_public_at=timezone.now() + timedelta(days=1),
        ),
    ]
    client = Client()

    pages = crawl(client)
    for extra in ("/healthz", "/readyz", "/no-such-page/"):
        response = client.get(extra)
        pages[extra] = (response.status_code, response.content.decode())

    errors = {path: status for path, (status, _body) in pages.items() if status >= 500}
    assert errors == {}
    for article in published:
        assert pages[article.get_absolute_url()][0] == 200, "every published story is reachable"
    for path, (_status, body) in pages.items():
        for article in hidden:
            assert article.title not in body, f"{article.title!r} leaked on {path}"
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404
    assert pages["/no-such-page/"][0] == 404
    assert "Go to the latest stories" in pages["/no-such-page/"][1]


@pytest.mark.django_db
def test_it_redirects_an_article_url_with_the_wrong_date():
    article = make_article()
    good = article.get_absolute_url()
    wrong = good.replace(f"/{article.slug}/", "/").rsplit("/", 2)[0] + f"/1/{article.slug}/"
    response = Client().get(wrong)
    assert response.status_code == 301
    assert response["Location"] == good
