"""Adding and watching a source from the desk: the homepage's feeds found, a test fetch shown
before anything is saved, addresses refused with a readable reason, health in words."""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gazette.sources.models import Source
from gazette.sources.reasons import readable_reason, readable_text
from gazette.sources.services import source_record_failure
from gazette.states import SourceHealth
from tests.factories import make_source
from tests.fault_server import Route, fault_server

pytestmark = pytest.mark.django_db

NO_FEED_PAGE = Route(
    body=b"<!DOCTYPE html><html><head><title>Lonely</title></head><body><p>Hi</p></body></html>",
    headers={"Content-Type": "text/html; charset=utf-8"},
)


def _admin() -> Client:
    user = get_user_model().objects.create_superuser("ada", "ada@example.org", "pw-123456789")
    client = Client()
    client.force_login(user)
    return client


def _outlet(outlets: list[Any], slug: str) -> Any:
    return next(server for server in outlets if server.outlet.slug == slug)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _errors(html: str) -> str:
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.DOTALL))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_finds_the_feed_on_a_homepage_and_shows_what_it_would_take(outlets):
    courier = _outlet(outlets, "courier")
    client = _admin()
    page = client.post(
        "/admin/sources/source/add/",
        {"address": courier.base_url + "/", "check": "Check", "licence": "full",
         "auto_publish": "False", "allow_search_engines": "True", "poll_seconds": "900"},
    )  # fmt: skip
    html = page.content.decode()
    assert page.status_code == 200
    assert courier.base_url + courier.outlet.feed_path in html, "the announced feed, checked"
    first = courier.outlet.articles[0]
    assert first.title.split()[0] in html
    assert re.search(r"\d+&nbsp;characters", html), "the extracted text's length"
    assert "Save source" in html
    assert not Source.objects.exists(), "nothing is saved by a check"

    response = client.post(
        "/admin/sources/source/add/",
        {"address": courier.base_url + "/", "feed_url": courier.base_url + courier.outlet.feed_path,
         "name": "The Harbour Courier", "language": "en", "licence": "full",
         "auto_publish": "False", "allow_search_engines": "False", "poll_seconds": "1800",
         "default_section": "", "save": "Save source"},
    )  # fmt: skip
    assert response.status_code == 302, _text(response.content.decode())[:2000]
    source = Source.objects.get()
    assert source.feed_url == courier.base_url + courier.outlet.feed_path
    assert source.homepage == courier.base_url + "/"
    assert source.language == "en" and source.auto_publish is False
    assert source.allow_search_engines is False
    assert source.poll_interval.total_seconds() == 1800


def test_it_refuses_a_page_without_feeds_an_unreachable_host_and_a_free_text_language():
    client = _admin()
    with fault_server({"/": NO_FEED_PAGE}) as server:
        page = client.post(
            "/admin/sources/source/add/",
            {
                "address": server.base_url + "/",
                "check": "Check",
                "licence": "full",
                "auto_publish": "False",
                "allow_search_engines": "True",
                "poll_seconds": "900",
            },
        ).content.decode()
    errors = _errors(page)
    assert "web page that announces no feed" in errors
    assert "b&#x27;" not in errors and "DOCTYPE" not in errors

    port = _closed_port()
    page = client.post(
        "/admin/sources/source/add/",
        {
            "address": f"http://127.0.0.1:{port}/feed",
            "check": "Check",
            "licence": "full",
            "auto_publish": "False",
            "allow_search_engines": "True",
            "poll_seconds": "900",
        },
    ).content.decode()
    assert "refused the connection" in _errors(page)
    assert "Errno" not in page

    page = client.post(
        "/admin/sources/source/add/",
        {
            "address": "http://127.0.0.1:9/feed",
            "language": "English",
            "save": "Save source",
            "licence": "full",
            "auto_publish": "False",
            "allow_search_engines": "True",
            "poll_seconds": "900",
        },
    ).content.decode()
    assert "Select a valid choice" in _errors(page)
    assert not Source.objects.exists()


def test_it_refuses_a_homepage_as_the_feed_of_an_existing_source(outlets):
    courier = _outlet(outlets, "courier")
    source = make_source(feed_url=courier.base_url + courier.outlet.feed_path)
    client = _admin()
    form = client.get(f"/admin/sources/source/{source.pk}/change/").content.decode()
    for hidden in ("Claimed at", "ETag", "Etag", "Last modified"):
        assert hidden not in form, f"{hidden} is an internal of polling"
    response = client.post(
        f"/admin/sources/source/{source.pk}/change/",
        {"name": source.name, "slug": source.slug, "homepage": "", "kind": "feed",
         "feed_url": courier.base_url + "/", "language": "en", "licence": "full",
         "auto_publish": "True", "allow_search_engines": "True", "default_section": "",
         "poll_interval": "900", "is_active": "True"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "this is a web page, not a feed" in html
    assert courier.outlet.feed_path in html, "the feeds the page announces are named"


def test_failures_are_stored_readable_and_a_failing_source_keeps_being_polled(settings):
    settings.MAX_ATTEMPTS = 2
    source = make_source()
    source_record_failure(
        source=source,
        reason="not a feed or sitemap (Content-Type text/html, "
        "starts with b'<!DOCTYPE html>\\n<html')",
    )
    source.refresh_from_db()
    source_record_failure(
        source=source, reason="cannot fetch http://127.0.0.1:9/feed: [Errno 111] Connection refused"
    )
    source.refresh_from_db()
    assert source.health == SourceHealth.NEEDS_ATTENTION
    assert source.is_active, "never silently disabled"
    assert "refused the connection" in source.last_error and "Errno" not in source.last_error

    client = _admin()
    listing = _text(client.get("/admin/sources/source/").content.decode())
    assert "2: 127.0.0.1:9 refused the connection" in listing
    start = _text(client.get("/admin/").content.decode())
    assert re.search(r"1 Sources failing", start)


def test_readable_reason_walks_the_exception_chain():
    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except OSError as inner:
            raise RuntimeError("cannot fetch http://example.org:81/feed: boom") from inner
    except RuntimeError as exc:
        assert readable_reason(exc) == (
            "example.org:81 refused the connection: nothing answers at that address "
            "(is the site down, or the address or port mistyped?)"
        )
    assert "web page (HTML)" in readable_text("starts with b'<html lang=\"en\">'")
    assert (
        readable_text("HTTP 500 from http://x.example/feed")
        == "HTTP 500 from http://x.example/feed"
    )


def test_pause_and_resume_from_the_list():
    source = make_source()
    client = _admin()
    client.post(
        "/admin/sources/source/",
        {"action": "pause", "_selected_action": [source.pk]},
    )
    source.refresh_from_db()
    assert source.is_active is False
    client.post("/admin/sources/source/", {"action": "resume", "_selected_action": [source.pk]})
    source.refresh_from_db()
    assert source.is_active is True


def test_the_search_engine_policy_reaches_the_article_page():
    from gazette.site.presentation import is_indexable
    from tests.factories import make_article

    open_source = make_source(licence="full")
    closed = make_source(licence="full", allow_search_engines=False)
    assert is_indexable(make_article(source=open_source))
    article = make_article(source=closed)
    assert not is_indexable(article)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in page


def test_the_default_section_applies_when_the_listing_names_no_category():
    from gazette.ingest.extract import extract_article
    from gazette.ingest.models import Entry
    from gazette.ingest.services import article_fields

    source = make_source(default_section="Harbour")
    paragraphs = "".join(
        f"<p>Paragraph {n}: the old quay number {n} was rebuilt over winter {2000 + n} by the "
        f"harbour board, which spent {n * 7} thousand on stone and {n * 3} weeks on it.</p>"
        for n in range(1, 9)
    )
    page = (
        "<html><head><title>Quay rebuilt</title></head><body><article><h1>Quay rebuilt</h1>"
        f"{paragraphs}</article></body></html>"
    )
    extracted = extract_article(page, url="http://127.0.0.1:9/quay")
    plain = Entry.objects.create(
        source=source, url="http://127.0.0.1:9/q", canonical_url="http://127.0.0.1:9/q"
    )
    assert article_fields(entry=plain, extracted=extracted).categories == ("Harbour",)
    named = Entry.objects.create(
        source=source, url="http://127.0.0.1:9/r", canonical_url="http://127.0.0.1:9/r",
        feed_categories=["Sport"],
    )  # fmt: skip
    assert article_fields(entry=named, extracted=extracted).categories == ("Sport",)
