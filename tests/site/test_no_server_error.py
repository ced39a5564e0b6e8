"""No address gives a server error: every public URL pattern, with generated path arguments
and generated values for every query parameter the public views read, answers 2xx, 3xx or
4xx. The dates of the search filters at the ends of the calendar first, by name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import quote, quote_from_bytes

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client
from django.urls import URLPattern, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazette.articles.models import Article, Section, Tag
from gazette.discovery.models import Story
from gazette.discovery.services import article_discover
from tests.factories import make_article, make_source

# Every parameter a public view reads: `request.GET` in gazette/site/ (q, page, from, to,
# source, section, language) and the sitemaps' page (p).
PARAMETERS = ("q", "page", "from", "to", "source", "section", "language", "p")
# Examples per family of routes; the search reads the most parameters, so gets the most.
EXAMPLES = 100
SEARCH_EXAMPLES = 200


@pytest.fixture
def site(db: None) -> dict[str, list[str]]:
    """A small site whose real names the generated addresses mix in with made-up ones."""
    courier = make_source(name="The Harbour Courier", slug="courier")
    wire = make_source(name="Wire Review", slug="wire", language="de")
    economy = Section.objects.create(name="Economy", slug="economy")
    ports = Tag.objects.create(name="Ports", slug="ports")
    body = "<p>Dockers at the harbour walked out over pay for a third day, the union said.</p>"
    articles = [
        make_article(source=source, section=economy, title="Harbour strike", body_html=body)
        for source in (courier, wire)
    ]
    articles[0].tags.add(ports)
    for article in articles:
        article_discover(article_id=article.pk)
    published = articles[0].published_at
    return {
        "slug": [articles[0].slug, "economy", "ports", "courier", "wire", "ada-reporter"],
        "int": [
            str(published.year),
            str(published.month),
            str(published.day),
            *[str(pk) for pk in Story.objects.values_list("pk", flat=True)],
            *[str(pk) for pk in Article.objects.values_list("pk", flat=True)],
        ],
        "str": ["articles", "sections", "news"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/search/", "/search/feed/"])
@pytest.mark.parametrize(
    "query",
    [
        "q=harbour&from=0001-01-01",
        "q=harbour&to=9999-12-31",
        "q=harbour&from=0001-01-01&to=9999-12-31",
        "q=harbour&from=9999-12-31",
        "q=harbour&to=0001-01-01",
        "from=0001-01-01",
        "to=9999-12-31",
    ],
)
def test_dates_at_the_ends_of_the_calendar_give_a_search_and_a_feed(
    site: Any, url: str, query: str
):
    response = Client(raise_request_exception=False).get(f"{url}?{query}")
    assert response.status_code == 200, f"{url}?{query}"
    if url.endswith("feed/"):
        fromstring(response.content)


@pytest.mark.django_db
def test_the_widest_dates_still_find_what_they_span(site: Any):
    client = Client()
    wide = client.get("/search/?q=harbour&from=0001-01-01&to=9999-12-31").content.decode()
    assert wide.count('class="teaser"') == 2
    empty = client.get("/search/?q=harbour&from=9999-12-31").content.decode()
    assert 'class="teaser"' not in empty and 'class="empty"' in empty
    assert 'value="9999-12-31"' in empty, "the form shows the date as given"


# --- Generated addresses ------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=40)  # any character but a surrogate
DIGITS = st.from_regex(r"[0-9]{1,30}", fullmatch=True)
NUMBER = st.one_of(
    st.integers().map(str), DIGITS, st.sampled_from(["0", "-1", "02", "51", "1e9", "²", "٣"])
)
DATE = st.one_of(
    st.sampled_from(["0001-01-01", "9999-12-31"]),  # the ends of the calendar
    st.sampled_from(["0000-00-00", "2026-02-30", "yesterday", "1900-01-01", "9998-12-31"]),
    st.dates().map(date.isoformat),
    st.dates().map(lambda day: f"{day.year:04d}{day.month:02d}{day.day:02d}"),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.from_regex(r"[+-]?[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}", fullmatch=True),
)
SLUG = st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True)
WORDS = st.sampled_from(["harbour", "harbour strike", "pay union", "<script>", "a b c d e f"])
# What each parameter is meant to hold, or anything else: text, or bytes sent as they are.
MEANT = {
    "q": WORDS,
    "page": NUMBER,
    "p": NUMBER,
    "from": DATE,
    "to": DATE,
    "source": st.one_of(st.sampled_from(["courier", "wire"]), SLUG),
    "section": st.one_of(st.sampled_from(["economy"]), SLUG),
    "language": st.sampled_from(["de", "en", "EN", "xx", "İ" * 12]),
}


def encoded(text: str) -> bytes:
    return text.encode("utf-8")


def value_of(name: str) -> st.SearchStrategy[bytes]:
    """Mostly what the parameter is meant to hold (hypothesis favours earlier choices)."""
    meant = MEANT[name].map(encoded)
    return st.one_of(meant, meant, meant, TEXT.map(encoded), st.binary(max_size=20))


def query_string(given: tuple[dict[str, bytes], list[tuple[bytes, bytes]]]) -> str:
    pairs = [(encoded(name), value) for name, value in given[0].items()] + given[1]
    return "&".join(f"{quote_from_bytes(name)}={quote_from_bytes(value)}" for name, value in pairs)


QUERY = st.tuples(
    st.fixed_dictionaries({}, optional={name: value_of(name) for name in PARAMETERS}),
    # Parameters twice, or unknown to every view.
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(PARAMETERS).map(encoded), TEXT.map(encoded)),
            st.one_of(TEXT.map(encoded), st.binary(max_size=20)),
        ),
        max_size=3,
    ),
).map(query_string)


def path_argument(converter: str, real: dict[str, list[str]]) -> st.SearchStrategy[str]:
    if converter == "int":
        made_up = st.one_of(DIGITS, st.integers(0, 3000).map(str))
    elif converter == "slug":
        made_up = SLUG
    else:  # str: anything but a slash
        made_up = st.text(
            st.characters(codec="utf-8", exclude_characters="/"),
            min_size=1,
            max_size=30,
        )
    return st.one_of(st.sampled_from(real[converter]), made_up)


ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def public_routes() -> Iterator[tuple[str, str]]:
    """(name, route) of every public URL pattern."""
    for pattern in get_resolver("gazette.site.urls").url_patterns:
        if isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, str(pattern.pattern)


ROUTES = dict(public_routes())
FAMILIES = {
    "article": ["article"],
    "listings": ["home", "section", "tag", "source", "author"],
    "archive": ["archive", "archive-month", "archive-day"],
    "feeds": [
        name for name in ROUTES if name in ("rss", "atom") or name.endswith(("-rss", "-atom"))
    ],
    "sitemaps": ["sitemap-index", "sitemap-section", "sitemap-news", "robots"],
    "search": ["search", "search-feed"],
    "site pages": ["about", "imprint", "privacy", "favicon", "manifest"],
    "stored images": ["media-image"],
    "story": ["story"],
    "beacon": ["beacon"],
    "health": ["healthz", "readyz"],
    "comments": [name for name in ROUTES if name.startswith("comment-")],
    "newsletter": [name for name in ROUTES if name.startswith("newsletter")],
}


def test_the_families_cover_every_public_route():
    covered = [name for names in FAMILIES.values() for name in names]
    assert sorted(covered) == sorted(ROUTES)


def address(route: str, real: dict[str, list[str]]) -> st.SearchStrategy[str]:
    """The route with each argument generated for its converter, percent-encoded."""
    parts = ARGUMENT.split(route)
    pieces: list[st.SearchStrategy[str]] = []
    # split() gives text, converter, name, text, converter, name, ... text
    for index in range(0, len(parts), 3):
        pieces.append(st.just(quote(parts[index])))
        if index + 1 < len(parts):
            argument = path_argument(parts[index + 1] or "str", real)
            pieces.append(argument.map(lambda value: quote(value, safe="")))
    return st.tuples(*pieces).map(lambda values: "/" + "".join(values))


@pytest.mark.django_db
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_no_address_of_any_public_route_gives_a_server_error(site: Any, family: str):
    client = Client(raise_request_exception=False)
    addresses = st.one_of(*(address(ROUTES[name], site) for name in FAMILIES[family]))

    @settings(
        max_examples=SEARCH_EXAMPLES if family == "search" else EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(path=addresses, query=QUERY)
    def answers_without_a_server_error(path: str, query: str) -> None:
        url = f"{path}?{query}" if query else path
        status = client.get(url).status_code
        assert 200 <= status < 500, f"{url} answered {status}"

    answers_without_a_server_error()
