"""The desk's story tools: the story page in the admin (its reports and their split), and
translated articles in the article admin. Merged and emptied stories' public addresses are
tested with the story page, in tests/site/test_story_page.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gazette.articles.models import Article
from gazette.discovery.models import Story
from gazette.discovery.services import article_discover
from gazette.sources.models import Source
from tests.factories import make_article, make_source, translated_from

pytestmark = pytest.mark.django_db

TOPICS = {
    "strike": ("Harbour strike enters third day", "<p>Dockers walk out over harbour pay.</p>"),
    "budget": ("Parliament passes budget", "<p>Budget vote in parliament on spending.</p>"),
    "storm": ("Storm floods river valley", "<p>Flood water rises after the storm.</p>"),
    "final": ("Cup final ends in penalties", "<p>Goalkeeper saves penalty in the cup final.</p>"),
}


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(
        get_user_model().objects.create_superuser("desk", "desk@example.org", "pw-123456789")
    )
    return client


def story_of(topic: str, reports: int, *, sources: list[Source] | None = None) -> Story:
    """A story of `reports` published reports of one event, from as many outlets."""
    title, body = TOPICS[topic]
    articles = []
    for n in range(reports):
        source = sources[n] if sources else make_source()
        article = make_article(source=source, title=title, body_html=body)
        article_discover(article_id=article.pk)
        articles.append(article)
    stories = set(Story.objects.filter(members__article__in=articles).values_list("pk", flat=True))
    assert len(stories) == 1, f"the {topic} reports make one story"
    return Story.objects.get(pk=stories.pop())


# 1. The story page in the admin: its reports, readable, and their split.


def test_the_story_page_lists_its_reports_readably(editor):
    courier, tagblatt = make_source(name="Courier"), make_source(name="Tagblatt")
    story = story_of("strike", 2, sources=[courier, tagblatt])
    page = editor.get(f"/admin/discovery/story/{story.pk}/change/").content.decode()
    assert "embedding of article" not in page
    heading = page.split('id="members-heading"', 1)[1].split("</h2>", 1)[0]
    assert heading.split(">", 1)[1].strip() == "Reports"
    for article in Article.objects.all():
        assert page.count(article.title) >= 2  # the story's own title and each report's row
        assert f'href="/admin/articles/article/{article.pk}/change/"' in page
        assert f'href="{article.get_absolute_url()}"' in page
    assert "Courier" in page and "Tagblatt" in page
    assert page.count('type="checkbox" name="members-') == 2, "a split box per report"


class FormReader(HTMLParser):
    """The inputs of the admin's change form, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            self.inputs.append({name: value or "" for name, value in attrs})


def change_form_data(client: Client, story: Story, split: set[int]) -> dict[str, str]:
    """What the story's change page posts with the reports of these articles ticked."""
    reader = FormReader()
    reader.feed(client.get(f"/admin/discovery/story/{story.pk}/change/").content.decode())
    data = {}
    for field in reader.inputs:
        name, kind = field.get("name", ""), field.get("type", "text")
        if name and kind not in ("checkbox", "submit"):
            data[name] = field.get("value", "")
    for name, value in list(data.items()):
        if re.fullmatch(r"members-\d+-article", name) and int(value) in split:
            data[name.replace("-article", "-split_off")] = "on"
    return data


def test_the_editor_splits_reports_off_from_the_story_page(editor):
    story = story_of("strike", 3)
    one, two, three = Article.objects.order_by("published_at", "pk")
    url = f"/admin/discovery/story/{story.pk}/change/"

    response = editor.post(url, change_form_data(editor, story, split={two.pk, three.pk}))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert list(story.members.values_list("article_id", flat=True)) == [one.pk]
    new = Story.objects.exclude(pk=story.pk).get()
    assert set(new.members.values_list("article_id", flat=True)) == {two.pk, three.pk}
    assert "into the new story" in editor.get(response["Location"]).content.decode()

    page = editor.post(url, change_form_data(editor, story, split={one.pk}))
    assert page.status_code == 200, "splitting off every report is refused"
    assert "Leave at least one report" in page.content.decode()
    assert list(story.members.values_list("article_id", flat=True)) == [one.pk]

    unchanged = editor.post(url, change_form_data(editor, story, split=set()))
    assert unchanged.status_code == 302 and Story.objects.count() == 2, "nothing ticked"


def test_the_story_list_shows_reports_outlets_and_latest_report_in_bounded_queries(editor):
    courier, tagblatt = make_source(name="Courier"), make_source(name="Tagblatt")
    story_of("strike", 2, sources=[courier, tagblatt])

    def listing() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            page = editor.get("/admin/discovery/story/").content.decode()
        return page, len(queries)

    page, few = listing()
    assert "Harbour strike enters third day" in page
    assert "Courier, Tagblatt" in page
    assert "Latest report" in page and "Outlets" in page
    assert '<td class="field-reports">2</td>' in page
    story_of("budget", 1)
    story_of("storm", 3)
    story_of("final", 2)
    page, many = listing()
    assert "Cup final ends in penalties" in page
    assert many == few, "no query per story"


# 2. Translated articles in the article admin.


def test_the_article_list_shows_and_filters_by_the_original_language(editor):
    german = make_article(title="Translated from German", language="en")
    translated_from(german, "de")
    french = make_article(title="Translated from French", language="en")
    translated_from(french, "fr")
    english = make_article(title="Written in English", language="en")

    page = editor.get("/admin/articles/article/").content.decode()
    assert "de → en" in page and "fr → en" in page
    assert "Original language" in page or "original language" in page
    assert "?original_language=de" in page and "not translated" in page

    def titles(query: str) -> set[str]:
        response = editor.get(f"/admin/articles/article/?{query}")
        return {article.title for article in response.context["cl"].result_list}

    assert titles("original_language=de") == {german.title}
    assert titles("original_language=-") == {english.title}
    assert titles("") == {german.title, french.title, english.title}
    assert titles("language=en") == {german.title, french.title, english.title}


def test_the_article_list_takes_a_constant_number_of_queries(editor):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert editor.get("/admin/articles/article/").status_code == 200
        return len(queries)

    article = make_article(language="en")
    translated_from(article, "de")
    make_article()
    few = count()
    for language in ("de", "fr", "de", "it"):
        more = make_article(language="en")
        translated_from(more, language)
        make_article()
    assert count() == few
