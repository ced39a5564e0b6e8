"""The article page: what it shows per licence, its metadata for machines, and its cost."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gazette.articles.models import Section, Tag
from gazette.discovery.models import ArticleEmbedding
from gazette.discovery.services import article_discover
from gazette.ingest.models import ImageFile
from gazette.states import LicencePolicy
from tests.factories import make_article, make_source

LONG_STANDFIRST = (
    "Storm Elin broke a forty-metre stretch of the harbour wall overnight. Engineers say "
    "repairs will take until spring, and the ferry berth stays closed until then. "
    "The council meets on Thursday to decide who pays for the work and how quickly."
)


class Head(HTMLParser):
    """The parts of a page machines read: meta, links, JSON-LD, <time>, anchors, headings."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.times: list[dict[str, str]] = []
        self.json_ld: list[dict[str, object]] = []
        self.h1 = 0
        self._script = False
        self._buffer = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and "content" in values:
            key = values.get("property") or values.get("name") or ""
            self.meta.setdefault(key, []).append(values["content"])
        elif tag == "link":
            self.links.append(values)
        elif tag == "a":
            self.anchors.append(values)
        elif tag == "time":
            self.times.append(values)
        elif tag == "h1":
            self.h1 += 1
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script, self._buffer = True, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script:
            self.json_ld.append(json.loads(self._buffer))
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self._buffer += data


def read(client: Client, path: str) -> tuple[str, Head]:
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    head = Head()
    head.feed(body)
    return body, head


@pytest.mark.django_db
def test_it_shows_the_full_text_with_its_metadata_for_a_full_licence_source(
    django_capture_on_commit_callbacks: Any,
):
    source = make_source(name="The Harbour Courier", licence=LicencePolicy.FULL)
    section = Section.objects.create(name="Local", slug="local")
    article = make_article(
        source=source,
        title="Storm breaks the harbour wall",
        standfirst=LONG_STANDFIRST,
        body_html="<p>Waves broke over the wall.</p><h2>Who pays</h2><p>The council.</p>",
        section=section,
        modified_at=timezone.now(),
        image_url="https://img.example.org/wall.jpg",
        image_alt="Waves over the broken harbour wall",
        image_caption="The wall on Tuesday morning",
        image_credit="Jo Lens",
    )
    article.tags.add(Tag.objects.create(name="Storm Elin", slug="storm-elin"))

    body, head = read(Client(), article.get_absolute_url())

    assert head.h1 == 1
    assert "<h2>Who pays</h2>" in body
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [
        article.original_url
    ]
    assert "robots" not in head.meta
    datetimes = [t["datetime"] for t in head.times]
    assert datetime.fromisoformat(datetimes[0]) == article.published_at
    assert len(datetimes) == 2 and all(datetimes), "published and updated, never blank"
    assert "Updated" in body
    assert head.meta["og:title"] == ["Storm breaks the harbour wall"]
    # The outlet's image is never hot-linked: until our stored copy exists, no image at all.
    assert "og:image" not in head.meta
    assert "img.example.org" not in body
    assert head.meta["twitter:card"] == ["summary"]
    assert head.meta["article:tag"] == ["Storm Elin"]
    (ld,) = head.json_ld
    assert ld["@type"] == "NewsArticle"
    assert ld["headline"] == "Storm breaks the harbour wall"
    assert ld["isBasedOn"] == article.original_url
    assert ld["articleSection"] == "Local"
    assert "translationOfWork" not in ld
    assert "The wall on Tuesday morning" not in body, "no figure before our copy is stored"

    # Once the pipeline stored (and committed) our copies: a <picture> of them, with caption
    # and credit, at once (the stored picture moves the change stamp, as any public change).
    with django_capture_on_commit_callbacks(execute=True):
        ImageFile.objects.create(
            article=article,
            source_url=article.image_url,
            state=ImageFile.State.STORED,
            width=1280,
            height=720,
            renditions=[
                {
                    "width": w,
                    "height": w * 9 // 16,
                    "format": f,
                    "name": f"images/ab/{'a' * 24}-{w}.{f}",
                }
                for w in (640, 1280)
                for f in ("webp", "jpeg")
            ],
        )
    body, head = read(Client(), article.get_absolute_url())
    assert "The wall on Tuesday morning" in body and "Jo Lens" in body
    assert 'alt="Waves over the broken harbour wall"' in body
    assert 'width="1280" height="720"' in body and 'type="image/webp"' in body
    assert head.meta["og:image"] == [f"{settings.SITE_URL}/media/images/ab/{'a' * 24}-1280.jpeg"]
    assert "img.example.org" not in body
    source_links = [a for a in head.anchors if a.get("href") == article.original_url]
    assert source_links, "the source line links to the original"


@pytest.mark.django_db
def test_it_shows_an_excerpt_cut_at_a_sentence_and_a_read_at_link_for_an_excerpt_source():
    source = make_source(name="Wire Review", licence=LicencePolicy.EXCERPT)
    article = make_article(
        source=source,
        standfirst=f"{LONG_STANDFIRST} {LONG_STANDFIRST}",
        body_html="<p>SECRET FULL TEXT</p>",
        image_url="https://img.example.org/x.jpg",
    )
    body, head = read(Client(), article.get_absolute_url())
    assert "SECRET FULL TEXT" not in body
    assert "Read the full story at Wire Review" in body
    assert head.meta["robots"] == ["noindex"]
    assert not [link for link in head.links if link.get("rel") == "canonical"]
    excerpt = body.split('<div class="excerpt"><p>')[1].split("</p>")[0]
    assert excerpt.endswith((".", "…")) and len(excerpt) <= 330
    assert f"{LONG_STANDFIRST} {LONG_STANDFIRST}".startswith(excerpt.rstrip("…"))


@pytest.mark.django_db
def test_it_shows_only_the_headline_and_the_link_for_a_link_source():
    source = make_source(name="Link Times", licence=LicencePolicy.LINK)
    article = make_article(source=source, standfirst="A summary.", body_html="<p>BODY</p>")
    body, head = read(Client(), article.get_absolute_url())
    assert "BODY" not in body and "A summary." not in body.split("<main")[1]
    assert "Read this story at Link Times" in body
    assert head.meta["robots"] == ["noindex"]


@pytest.mark.django_db
def test_it_marks_a_translation_with_hreflang_a_canonical_here_and_translation_of_work():
    german = make_source(name="Donauländer Tagblatt", language="de")
    article = make_article(source=german, language="en", title="Flood on the Danube")
    _body, head = read(Client(), article.get_absolute_url())
    alternates = {link["hreflang"]: link["href"] for link in head.links if link.get("hreflang")}
    assert alternates["de"] == article.original_url
    assert alternates["en"].endswith(article.get_absolute_url())
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [alternates["en"]]
    (ld,) = head.json_ld
    assert ld["translationOfWork"] == {
        "@type": "NewsArticle",
        "url": article.original_url,
        "inLanguage": "de",
    }
    assert ld["isBasedOn"] == article.original_url


@pytest.mark.django_db
def test_it_offers_plain_share_links_that_carry_the_story_address():
    article = make_article(title="Ferry fares & timetables")
    _body, head = read(Client(), article.get_absolute_url())
    permalink = "http://127.0.0.1:8000" + article.get_absolute_url()
    shares = {
        a["class"].removeprefix("share-"): a["href"]
        for a in head.anchors
        if a.get("class", "").startswith("share-")
    }
    assert set(shares) == {"email", "mastodon", "bluesky", "x", "facebook", "whatsapp", "linkedin"}
    for name, href in shares.items():
        query = parse_qs(urlsplit(href).query)
        values = " ".join(v for vs in query.values() for v in vs)
        assert permalink in values, name
    assert urlsplit(shares["bluesky"]).netloc == "bsky.app"
    assert urlsplit(shares["email"]).scheme == "mailto"


@pytest.mark.django_db
def test_it_links_the_previous_and_next_story_in_the_section():
    section = Section.objects.create(name="Sport", slug="sport")
    now = timezone.now()
    older = make_article(section=section, published_at=now - timedelta(hours=3))
    middle = make_article(section=section, published_at=now - timedelta(hours=2))
    newer = make_article(section=section, published_at=now - timedelta(hours=1))
    make_article(published_at=now - timedelta(minutes=90))  # another section: not a neighbour
    _body, head = read(Client(), middle.get_absolute_url())
    rels = {a.get("rel"): a["href"] for a in head.anchors if a.get("rel") in ("prev", "next")}
    assert rels == {"prev": older.get_absolute_url(), "next": newer.get_absolute_url()}


def _article_with(n: int) -> str:
    section = Section.objects.get_or_create(name="World", slug="world")[0]
    source = make_source()
    article = make_article(source=source, section=section)
    tags = [Tag.objects.create(name=f"Tag {n}-{i}", slug=f"t-{n}-{i}") for i in range(n)]
    article.tags.add(*tags)
    for _ in range(n):
        make_article(source=source, section=section)
    return article.get_absolute_url()


@pytest.mark.django_db
def test_its_query_count_stays_the_same_however_many_tags_and_neighbours(
    django_assert_max_num_queries,
):
    client = Client()
    few, many = _article_with(1), _article_with(30)
    client.get(few)  # warm: the first request loads what later ones share
    with CaptureQueriesContext(connection) as with_few:
        client.get(few)
    with django_assert_max_num_queries(12):
        client.get(many)
    with CaptureQueriesContext(connection) as with_many:
        client.get(many)
    assert len(with_many) == len(with_few)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/section/world/", "/tag/t-30-1/", "/archive/"])
def test_list_pages_have_a_constant_query_budget(django_assert_max_num_queries, path):
    _article_with(30)
    with django_assert_max_num_queries(10):
        assert Client().get(path).status_code == 200


@pytest.mark.django_db
def test_the_article_page_boxes_take_a_constant_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
):
    quake = "<p>A strong earthquake struck the coast of Valdoria on Monday, rescuers said.</p>"
    source = make_source()
    articles = []
    for n in range(8):  # each in the index, embedded and in its story before the next
        articles.append(
            make_article(source=source, title=f"Valdoria earthquake update {n}", body_html=quake)
        )
        article_discover(article_id=articles[-1].pk)
    with django_assert_max_num_queries(40):
        response = client.get(articles[0].get_absolute_url())
    assert response.status_code == 200
    assert ArticleEmbedding.objects.count() == 8
