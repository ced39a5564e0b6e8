"""The hostile outlet (`tests/hostile_outlet.py`) taken in through the real pipeline, then
every public page (home, each article, source, section, tag and author pages, the archive,
search, story pages), the feeds and sitemaps (read as text), and the desk's pages of sources,
entries and articles, in Chromium: no payload script runs, and no link, image, stylesheet or
form on any page points at a `javascript:`, `data:` or `vbscript:` address."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import lxml.html
import pytest
from defusedxml.ElementTree import fromstring
from django.contrib.auth import get_user_model
from django.urls import reverse

from gazette.articles.models import Article, Section, Tag
from gazette.discovery.models import Story
from gazette.ingest.models import Entry
from gazette.sources.models import Source
from tests.hostile_outlet import SCRIPT, UNSAFE_PREFIXES, TakenIn, hostile_outlet, take_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pw-Erin-42-harbour"
# Every attribute a page could navigate, load or submit through (a browser ignores ASCII
# whitespace and control characters around a scheme, so they are dropped before comparing),
# and any event-handler attribute that came from a payload.
UNSAFE_ADDRESSES = """() => {
  const checked = [["a", "href"], ["area", "href"], ["img", "src"], ["img", "srcset"],
    ["link", "href"], ["form", "action"], ["button", "formaction"], ["input", "formaction"],
    ["iframe", "src"], ["frame", "src"], ["embed", "src"], ["object", "data"],
    ["source", "src"], ["video", "src"], ["audio", "src"], ["script", "src"],
    ["meta[http-equiv]", "content"]];
  const found = [];
  for (const [selector, attribute] of checked) {
    for (const element of document.querySelectorAll(`${selector}[${attribute}]`)) {
      const value = element.getAttribute(attribute);
      const plain = value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase().replace(/^\\d+;url=/, "");
      if (/^(javascript|data|vbscript):/.test(plain)) {
        found.push(`${selector}[${attribute}]=${value.slice(0, 60)}`);
      }
    }
  }
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.getAttributeNames()) {
      const value = element.getAttribute(attribute);
      if (attribute.startsWith("on") && /__pwned|PWNED/.test(value)) {
        found.push(`${element.tagName}[${attribute}] from a payload`);
      }
    }
  }
  return found;
}"""
RAN = "() => ({pwned: window.__pwned !== undefined, title: document.title})"


class Visitor:
    """One browser tab that records every sign of a payload on each page it visits."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.page = context.new_page()
        self.base_url = base_url
        self.problems: list[str] = []
        self.visited: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"a dialog opened: {dialog.message!r}")
        dialog.dismiss()

    def visit(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 500, path
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(50)  # an onload or onerror handler would have run by now
        self.visited.append(path)
        ran = self.page.evaluate(RAN)
        if ran["pwned"] or ran["title"] == "PWNED":
            self.problems.append(f"a payload ran on {path}")
        for unsafe in self.page.evaluate(UNSAFE_ADDRESSES):
            self.problems.append(f"{path}: {unsafe}")
        return response


def public_paths(taken: TakenIn) -> list[str]:
    search = reverse("site:search")
    paths = [
        reverse("site:home"),
        reverse("site:archive"),
        f"{search}?q=harbour",
        f"{search}?q={quote(SCRIPT)}",  # the query comes back on the page
        f"{search}?q=harbour&source={quote(SCRIPT)}",
    ]
    paths += [article.get_absolute_url() for article in taken.articles]
    paths += [reverse("site:source", args=[source.slug]) for source in Source.objects.all()]
    paths += [section.get_absolute_url() for section in Section.objects.all()]
    paths += [tag.get_absolute_url() for tag in Tag.objects.filter(articles__isnull=False)]
    paths += [
        reverse("site:author", args=[slug])
        for slug in {article.author_slug for article in taken.articles if article.author_slug}
    ]
    paths += [reverse("site:story", kwargs={"pk": story.pk}) for story in Story.objects.all()]
    return list(dict.fromkeys(paths))


def feed_paths() -> list[str]:
    paths = [
        reverse("site:rss"),
        reverse("site:atom"),
        reverse("site:search-feed") + "?q=harbour",
        reverse("site:search-feed") + f"?q={quote(SCRIPT)}",
        reverse("site:sitemap-index"),
        reverse("site:sitemap-news"),
    ]
    for source in Source.objects.all():
        paths += [reverse("site:source-rss", args=[source.slug])]
        paths += [reverse("site:source-atom", args=[source.slug])]
    for section in Section.objects.all():
        paths += [reverse("site:section-rss", args=[section.slug])]
    for tag in Tag.objects.filter(articles__isnull=False):
        paths += [reverse("site:tag-atom", args=[tag.slug])]
    return paths


HTML_PARTS = ("description", "encoded", "content", "summary")


def feed_problems(path: str, body: bytes) -> list[str]:
    """A feed or sitemap read as text: well-formed XML, no element a payload injected, every
    address http(s), and the HTML it carries for readers (descriptions, full text) free of
    scripts, handlers and unsafe addresses."""
    problems: list[str] = []
    root = fromstring(body)  # raises if a payload broke the XML
    for element in root.iter():
        name = str(element.tag).rsplit("}", 1)[-1].lower()
        if name in ("script", "svg", "img", "iframe", "object", "embed"):
            problems.append(f"{path}: an injected <{name}> element")
        values = [element.get(a) or "" for a in ("href", "url", "src")]
        if name in ("link", "loc", "url", "comments") or (
            name == "id" and ":" in (element.text or "")
        ):
            values.append(element.text or "")
        for value in values:
            if "".join(value.split()).lower().startswith(UNSAFE_PREFIXES):
                problems.append(f"{path}: <{name}> points at {value[:60]}")
        if name in HTML_PARTS and (element.text or "").strip():
            fragment = lxml.html.fragment_fromstring(element.text, create_parent="div")
            for node in fragment.iter():
                if not isinstance(node.tag, str):
                    continue
                if node.tag in ("script", "iframe", "object", "embed", "svg", "form", "style"):
                    problems.append(f"{path}: <{name}> carries a <{node.tag}>")
                for attribute, value in node.attrib.items():
                    if attribute.lower().startswith("on"):
                        problems.append(f"{path}: <{name}> carries {node.tag}[{attribute}]")
                    if "".join(value.split()).lower().startswith(UNSAFE_PREFIXES):
                        problems.append(f"{path}: <{name}> carries {node.tag}[{attribute}]")
    return problems


def desk_paths(taken: TakenIn) -> list[str]:
    paths = [
        reverse("admin:index"),
        reverse("admin:sources_source_changelist"),
        reverse("admin:ingest_entry_attention"),
        reverse("admin:ingest_entry_changelist"),
        reverse("admin:articles_article_changelist"),
    ]
    paths += [reverse("admin:sources_source_change", args=[s.pk]) for s in Source.objects.all()]
    paths += [
        reverse("admin:ingest_entry_change", args=[pk])
        for pk in Entry.objects.values_list("pk", flat=True)
    ]
    paths += [reverse("admin:articles_article_change", args=[a.pk]) for a in Article.objects.all()]
    return paths


def test_nothing_from_the_hostile_outlet_runs_or_links_unsafely(site_url, browser_context):
    with hostile_outlet() as outlet:
        taken = take_in(outlet)
    assert len(taken.articles) >= 4, "the outlet's real stories came through"
    visitor = Visitor(browser_context, site_url)

    public = public_paths(taken)
    for path in public:
        visitor.visit(path)

    for path in feed_paths():
        response = browser_context.request.get(site_url + path)
        assert response.ok, path
        visitor.problems += feed_problems(path, response.body())

    get_user_model().objects.create_superuser("erin", "erin@example.org", PASSWORD)
    visitor.visit(reverse("admin:login"))
    visitor.page.fill("#id_username", "erin")
    visitor.page.fill("#id_password", PASSWORD)
    with visitor.page.expect_navigation():
        visitor.page.click("input[type=submit]")
    assert "/admin/login/" not in visitor.page.url, "signed in"
    for path in desk_paths(taken):
        visitor.visit(path)

    assert visitor.problems == []
    # The pages shown really carried the payloads, as text.
    assert len(visitor.visited) > len(public) + 10
