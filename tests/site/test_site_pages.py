"""The site's own pages (About, Imprint/Contact, Privacy), edited in the desk; the header's
search box and footer on every page; the search's language filter; icon and manifest."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gazette.lib.stamp import stamp_read
from gazette.site.models import SitePage
from gazette.site.services import site_page_save
from tests.factories import make_article, make_source
from tests.site.site_pages import ensure_site_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_pages")]

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Forms(HTMLParser):
    """Every form of a page: its attributes, and the attributes of its fields and labels."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.labels: dict[str, str] = {}
        self._label_for: str | None = None
        self.options: dict[str, list[tuple[str, str, bool]]] = {}
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append({**values, "fields": []})
        elif tag in ("input", "select", "button") and self.forms:
            self.forms[-1]["fields"].append({"tag": tag, **values})
        if tag == "label":
            self._label_for = values.get("for", "")
            self.labels[self._label_for] = ""
        if tag == "select":
            self._select = values.get("name", "")
            self.options[self._select] = []
        if tag == "option":
            self._option = (values.get("value", ""), "selected" in values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_for = None
        if tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._label_for is not None:
            self.labels[self._label_for] += data.strip()
        if self._select is not None and self._option is not None:
            value, selected = self._option
            self.options[self._select].append((value, data.strip(), selected))
            self._option = None


@pytest.fixture
def site_pages() -> None:
    ensure_site_pages()  # a transactional test before this one may have emptied the table


def forms_of(body: str) -> Forms:
    reader = Forms()
    reader.feed(body)
    return reader


def test_the_migration_creates_the_three_pages_with_honest_privacy_text():
    assert sorted(SitePage.objects.values_list("slug", flat=True)) == [
        "about",
        "imprint",
        "privacy",
    ]
    privacy = SitePage.objects.get(slug="privacy").body_html.lower()
    for fact in ("no cookies", "hash", "every day", "server", "log"):
        assert fact in privacy, fact


@pytest.mark.parametrize("slug", SitePage.SLUGS)
def test_each_site_page_is_public_cached_and_in_the_sitemap(slug: str):
    page = SitePage.objects.get(slug=slug)
    client = Client()
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert client.get(f"/{slug}/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    sitemap = fromstring(client.get("/sitemap-pages.xml").content)
    assert f"http://testserver/{slug}/" in [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]


def test_a_missing_site_page_is_not_found():
    SitePage.objects.filter(slug="imprint").delete()
    assert Client().get("/imprint/").status_code == 404


def test_saving_a_page_sanitises_its_body():
    page = SitePage.objects.get(slug="about")
    page.body_html = (
        '<p style="color:red" onclick="x()">Hello <a href="javascript:alert(1)">x</a>'
        '<a href="https://example.org/">ok</a></p><script>alert(1)</script><iframe></iframe>'
    )
    site_page_save(page=page)
    page.refresh_from_db()
    assert "<script" not in page.body_html and "style=" not in page.body_html
    assert "onclick" not in page.body_html and "javascript:" not in page.body_html
    assert "iframe" not in page.body_html
    assert 'href="https://example.org/"' in page.body_html


def test_an_editor_edits_a_page_in_the_desk_and_every_cached_page_changes(
    django_capture_on_commit_callbacks: Any,
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    page = SitePage.objects.get(slug="about")
    reader = Client()
    before = reader.get("/about/")
    home = reader.get("/")
    stamp = stamp_read()
    desk = Client()
    desk.force_login(editor)
    address = reverse("admin:site_sitepage_change", args=[page.pk])
    assert desk.get(address).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            address,
            {"title": "About us", "body_html": "<p>New text<script>alert(1)</script></p>"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.title == "About us" and page.body_html == "<p>New text</p>"
    assert stamp_read() > stamp, "saving moves the public pages' change stamp"
    after = reader.get("/about/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and "New text" in after.content.decode()
    assert reader.get("/", HTTP_IF_NONE_MATCH=home["ETag"]).status_code == 200
    # The three pages are fixed addresses: editors change them, never add or delete one.
    assert desk.get(reverse("admin:site_sitepage_add")).status_code == 403
    assert desk.get(reverse("admin:site_sitepage_delete", args=[page.pk])).status_code == 403


@pytest.mark.parametrize("path", ["/", "/archive/", "/about/", "/no-such-page/", "article"])
def test_every_page_has_the_search_box_and_the_footer_links(path: str):
    if path == "article":
        path = make_article().get_absolute_url()
    body = Client().get(path).content.decode()
    reader = forms_of(body)
    (box,) = [form for form in reader.forms if form.get("role") == "search"]
    assert box["method"] == "get" and box["action"] == "/search/"
    (field,) = [f for f in box["fields"] if f.get("name") == "q"]
    assert field["type"] == "search" and reader.labels[field["id"]], "a labelled field"
    assert any(f["tag"] == "button" and f.get("type") == "submit" for f in box["fields"])
    for link in ("/about/", "/imprint/", "/privacy/", "/feeds/rss.xml", "/feeds/atom.xml"):
        assert f'href="{link}"' in body.split('class="site-footer"', 1)[1], link
    assert 'rel="icon"' in body and 'rel="manifest" href="/manifest.webmanifest"' in body


def test_the_search_page_has_one_search_form_its_own():
    body = Client().get("/search/").content.decode()
    assert [form.get("role") for form in forms_of(body).forms] == ["search"]


def test_the_language_filter_offers_the_languages_of_published_articles_by_name():
    german = make_source(language="de")
    make_article(source=german, language="en", original_language="de")
    make_article(source=make_source(language="fr"), original_language="fr")
    make_article(original_language="en")
    make_article(
        source=make_source(language="it"), original_language="it", state="draft", title="Draft"
    )
    reader = forms_of(Client().get("/search/").content.decode())
    assert reader.options["language"] == [
        ("", "any", False),
        ("en", "English", False),
        ("fr", "French", False),
        ("de", "German", False),
    ]
    assert reader.labels["language"] == "Original language"
    chosen = forms_of(Client().get("/search/?language=de").content.decode())
    assert ("de", "German", True) in chosen.options["language"]
    # An old link's language that no published article has still shows as chosen.
    old = forms_of(Client().get("/search/?language=pl").content.decode())
    assert ("pl", "Polish", True) in old.options["language"]


def test_favicon_and_manifest():
    client = Client()
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/png"
    assert icon.content.startswith(b"\x89PNG\r\n\x1a\n")
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"].startswith("application/manifest+json")
    data = json.loads(manifest.content)
    assert data["name"] == "Gazette" and data["start_url"] == "/"
    assert data["theme_color"] and data["background_color"]
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"any", "192x192", "512x512"} <= sizes
    for entry in data["icons"]:
        assert entry["src"].startswith("/static/")
