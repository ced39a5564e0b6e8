"""Content-Security-Policy and Permissions-Policy on every response: public pages, feeds,
sitemaps, the desk, errors. No template carries inline script or style the policy would
refuse; a page and the policy it was served with always travel together, through the page
cache and through a 304."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

from gazette.site.pagecache import PageCache
from gazette.site.views import server_error
from tests.factories import make_article, make_source
from tests.site.policies import assert_nonces_match, assert_policies

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
DATA_BLOCKS = ("application/ld+json", "application/json")


@pytest.mark.django_db
def test_every_kind_of_response_carries_both_policies(settings):
    settings.DEBUG = False
    source = make_source(slug="courier")
    article = make_article(source=source)
    editor = get_user_model().objects.create_superuser("erin", "erin@example.org", "pw-Erin-42")
    reader = Client()
    desk = Client()
    desk.force_login(editor)
    public = [
        "/",
        article.get_absolute_url(),
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/source/courier/rss.xml",
        "/search/?q=story",
        "/search/feed/?q=story",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/no-such-page/",  # 404
        "/?page=1",  # 301
        f"/beacon/{article.pk}/",
        "/admin/login/",
    ]
    for url in public:
        assert_policies(reader.get(url), url)
    assert_policies(reader.get("/", HTTP_HOST="evil.example"), "a refused host (400)")
    for url in [
        "/admin/",
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:ingest_entry_attention"),
    ]:
        response = desk.get(url)
        assert response.status_code == 200, url
        assert_policies(response, url)
        assert_nonces_match(response.content.decode(), response["Content-Security-Policy"], url)


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom)]
handler500 = server_error


@pytest.mark.django_db
def test_the_server_error_page_carries_both_policies_and_needs_no_inline_style(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert_policies(response, "500")
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "<style" not in body and "style=" not in body
    assert re.search(r'<link rel="stylesheet" href="/static/css/[\w.-]+\.css">', body)


@pytest.mark.django_db
def test_a_revalidated_page_keeps_the_policy_it_was_served_with():
    """A 304 carries no body, so it carries no policy either: the browser keeps the one that
    came with the page it holds (a 304's headers replace the stored ones)."""
    client = Client()
    first = client.get("/")
    assert first.status_code == 200 and first["Content-Security-Policy"]
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "Content-Security-Policy" not in again


@pytest.mark.django_db
@pytest.mark.usefixtures("wsgi_keeps_connection")
def test_a_page_replayed_from_the_page_cache_carries_the_policy_it_was_rendered_with(
    tmp_path, settings
):
    from django.core.handlers.wsgi import WSGIHandler

    settings.DATA_DIR = tmp_path
    article = make_article()
    app = PageCache(WSGIHandler(), seconds=60)

    def get(path: str) -> tuple[dict[str, str], str]:
        seen: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc: Any = None) -> None:
            seen["status"], seen["headers"] = status, dict(headers)

        path_info, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
        }
        body = b"".join(app(environ, start_response)).decode()
        assert seen["status"].startswith("200"), path
        return seen["headers"], body

    for url in ("/", article.get_absolute_url(), "/search/?q=story", "/feeds/rss.xml"):
        first_headers, first_body = get(url)
        replay_headers, replay_body = get(url)
        assert replay_body == first_body, f"{url} is replayed from the cache"
        assert replay_headers["Content-Security-Policy"] == first_headers["Content-Security-Policy"]
        assert_nonces_match(replay_body, replay_headers["Content-Security-Policy"], url)
        assert replay_headers["Permissions-Policy"], url


class InlineFinder:
    """Inline script, inline style and event-handler attributes in a template's markup."""

    SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
    STYLE_ELEMENT = re.compile(r"<style\b([^>]*)>", re.I)
    STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.I)
    HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)

    @classmethod
    def problems(cls, text: str) -> list[str]:
        found = []
        for match in cls.SCRIPT.finditer(text):
            attributes = match.group(1)
            data_block = any(kind in attributes for kind in DATA_BLOCKS)
            if "src=" not in attributes and "nonce=" not in attributes and not data_block:
                found.append(match.group(0))
        for match in cls.STYLE_ELEMENT.finditer(text):
            if "nonce=" not in match.group(1):
                found.append(match.group(0))
        found += [m.group(0) for m in cls.STYLE_ATTRIBUTE.finditer(text)]
        found += [m.group(0) for m in cls.HANDLER.finditer(text)]
        return found


def test_no_template_has_inline_script_or_style_the_policy_would_refuse():
    templates = sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.xml"))
    # Mail templates (under a `mail/` directory) are never served under the site's CSP: their
    # one <style> block is inlined into style= attributes when a message is rendered.
    templates = [t for t in templates if "mail" not in t.relative_to(TEMPLATES).parts[:-1]]
    assert len(templates) > 10
    problems = {
        str(template.relative_to(ROOT)): found
        for template in templates
        if (found := InlineFinder.problems(template.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_no_python_module_writes_inline_style_or_script_into_html():
    """format_html and mark_safe strings are HTML too: the desk's edition preview once wrote
    style="…" there, and the policy refused it (the text ran off the page). Exempt: mail
    (mail clients need inlined styles; no policy applies there) and the demo's fictional
    outlets, whose pages carry the scripts extraction must strip."""
    modules = sorted((ROOT / "gazette").rglob("*.py"))
    outlets = ROOT / "gazette" / "demo" / "outlets"
    problems = {
        str(module.relative_to(ROOT)): found
        for module in modules
        if module.name != "mail.py"
        and not module.is_relative_to(outlets)
        and (found := InlineFinder.problems(module.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_the_inline_finder_finds_what_the_policy_refuses():
    assert InlineFinder.problems('<script>alert(1)</script><p style="color:red">') == [
        "<script>",
        ' style="',
    ]
    assert InlineFinder.problems('<style>p{}</style><a onclick="x()">') == ["<style>", ' onclick="']
    assert (
        InlineFinder.problems(
            '<script src="/s.js" defer></script><script type="application/ld+json">{}</script>'
            '<script nonce="{{ request.csp_nonce }}">x()</script>'
        )
        == []
    )


@pytest.mark.django_db
def test_the_server_error_page_still_answers_when_its_stylesheet_is_not_collected(
    settings, tmp_path
):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    settings.STATIC_ROOT = tmp_path  # no manifest: {% static %} raises
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert_policies(response, "500 without its stylesheet")


def test_no_desk_list_makes_the_admin_write_its_inline_style():
    """Django's change list writes an inline <style> when a ModelAdmin turns off both action
    bars; the policy would refuse it. Every other admin template is CSP-clean (see the browser
    test of the desk)."""
    from django.contrib import admin

    both_off = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if not model_admin.actions_on_top and not model_admin.actions_on_bottom
    ]
    assert both_off == []


@pytest.mark.django_db
def test_a_refused_form_says_what_to_do_without_inline_style() -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "x", "password": "y"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "reload the page and send it again" in page
    assert "<style" not in page and "style=" not in page
