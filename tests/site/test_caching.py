"""Validators and Cache-Control on every public page and feed; 304s; edits invalidate."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gazette.articles.models import Section
from gazette.articles.services import article_withdraw
from gazette.site.pagecache import PageCache
from tests.conftest import subprocess_env
from tests.factories import make_article, make_source

PUBLIC = [
    "/",
    "/section/news/",
    "/source/courier/",
    "/archive/",
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/section/news/rss.xml",
    "/source/courier/atom.xml",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/robots.txt",
    "/search/",
    "/search/?q=story",
    "/search/feed/?q=story",
]


@pytest.fixture
def story(db: Any) -> Any:
    source = make_source(name="Courier", slug="courier")
    return make_article(source=source, section=Section.objects.create(name="News", slug="news"))


@pytest.mark.parametrize("path", [*PUBLIC, "article", "story page"])
def test_every_public_response_has_validators_and_answers_a_conditional_request_with_304(
    story, path
):
    from gazette.discovery.services import article_discover

    article_discover(article_id=story.pk)  # in the search index and a story of its own
    if path == "article":
        path = story.get_absolute_url()
    elif path == "story page":
        path = reverse("site:story", kwargs={"pk": story.embedding.story_id})
    client = Client()
    response = client.get(path)
    assert response.status_code == 200
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]

    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_editing_an_article_changes_the_validators_of_the_pages_that_show_it(
    story, django_capture_on_commit_callbacks
):
    client = Client()
    before = {path: client.get(path)["ETag"] for path in ("/", story.get_absolute_url())}
    with django_capture_on_commit_callbacks(execute=True):  # the edit commits
        story.title = "A corrected headline"
        story.save()
    for path, etag in before.items():
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, path
        assert "A corrected headline" in response.content.decode()


def test_splitting_a_story_changes_the_validators_of_its_reports_pages(
    story, django_capture_on_commit_callbacks
):
    from gazette.discovery.services import article_discover, story_split

    other = make_article(source=story.source, title=story.title, body_html=story.body_html)
    with django_capture_on_commit_callbacks(execute=True):
        article_discover(article_id=story.pk)
        article_discover(article_id=other.pk)
    client = Client()
    path = story.get_absolute_url()
    first = client.get(path)
    assert "1 other report of this story" in first.content.decode()
    shared = story.embedding.story
    with django_capture_on_commit_callbacks(execute=True):  # an editor splits it in the desk
        story_split(story=shared, articles=[other])
    response = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "other report" not in response.content.decode()


def test_withdrawing_an_article_takes_it_off_the_cached_front_page(
    story, django_capture_on_commit_callbacks
):
    client = Client()
    etag = client.get("/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        article_withdraw(article=story)
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert story.title not in response.content.decode()


def test_a_change_written_by_another_machine_is_seen_once_the_short_check_expires(story):
    """No local stamp moves for another machine's write: the database's change time is read
    again after DATABASE_CHANGE_CHECK_SECONDS (here: the cache entry is gone)."""
    from django.core.cache import cache

    client = Client()
    etag = client.get("/")["ETag"]
    story.title = "Corrected elsewhere"
    story.save()  # no commit hook on this machine: nothing touches the local stamp
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    cache.clear()  # as when the check's time has passed
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Corrected elsewhere" in response.content.decode()


class Wsgi:
    """A stand-in for Django's WSGI handler that counts how often it is called."""

    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self.calls = 0
        self.headers = headers

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        self.calls += 1
        start_response("200 OK", self.headers)
        return [f"page {self.calls}".encode()]


def get(app: PageCache, path: str = "/", **extra: str) -> tuple[str, bytes]:
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        seen["status"] = status

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        **extra,
    }
    body = b"".join(app(environ, start_response))
    return seen["status"], body


PUBLIC_HEADERS = [("Cache-Control", "public, max-age=60"), ("ETag", '"abc"')]


def test_the_page_cache_serves_a_public_page_again_without_calling_django(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    django = Wsgi(PUBLIC_HEADERS)
    app = PageCache(django, seconds=60)
    assert get(app) == ("200 OK", b"page 1")
    assert get(app) == ("200 OK", b"page 1")
    assert get(app, HTTP_IF_NONE_MATCH='"abc"')[0] == "304 Not Modified"
    assert django.calls == 1


def test_the_page_cache_drops_everything_when_the_change_stamp_moves(tmp_path, settings):
    from gazette.lib.stamp import stamp_touch

    settings.DATA_DIR = tmp_path
    django = Wsgi(PUBLIC_HEADERS)
    app = PageCache(django, seconds=60)
    get(app)
    stamp_touch()
    assert get(app) == ("200 OK", b"page 2")


def test_a_change_recorded_by_another_process_reaches_this_page_cache_at_once(tmp_path, settings):
    """The stamp is a shared memory map: a worker process's write is seen by the web process's
    next read, with no re-open and no wait."""
    from gazette.lib.stamp import stamp_read

    settings.DATA_DIR = tmp_path
    django = Wsgi(PUBLIC_HEADERS)
    app = PageCache(django, seconds=60)
    before = stamp_read()
    assert get(app) == ("200 OK", b"page 1")
    touch = (
        "import django; django.setup(); from gazette.lib.stamp import stamp_touch; stamp_touch()"
    )
    env = {**subprocess_env(), "DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", touch], env=env, check=True, timeout=60)
    assert stamp_read() > before
    assert get(app) == ("200 OK", b"page 2")


@pytest.mark.parametrize(
    "headers",
    [
        [("Cache-Control", "private"), ("ETag", '"a"')],
        [*PUBLIC_HEADERS, ("Set-Cookie", "csrftoken=x")],
        [*PUBLIC_HEADERS, ("Vary", "Cookie")],
    ],
)
def test_the_page_cache_never_keeps_private_or_cookie_bearing_responses(
    tmp_path, settings, headers
):
    settings.DATA_DIR = tmp_path
    django = Wsgi(headers)
    app = PageCache(django, seconds=60)
    get(app)
    get(app)
    assert django.calls == 2


def test_the_page_cache_lets_signed_in_editors_through(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    django = Wsgi(PUBLIC_HEADERS)
    app = PageCache(django, seconds=60)
    get(app)
    get(app, HTTP_COOKIE="sessionid=abc")
    assert django.calls == 2


def test_a_data_folder_the_stamp_cannot_be_written_to_is_logged_not_raised(
    tmp_path, settings, caplog
):
    from gazette.lib.stamp import stamp_read, stamp_touch

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    settings.DATA_DIR = blocker
    stamp_touch()  # after a commit: must not turn a saved edit into an error
    assert "could not record a site change" in caplog.text
    assert stamp_read() == 0
