"""The story page: its reports, from every outlet, and only the public ones; the article page's
link to it; merged and emptied stories' addresses; conditional requests."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gazette.articles.models import Article
from gazette.discovery.models import Story, StoryRedirect
from gazette.discovery.services import article_discover, story_split
from gazette.sources.models import Source
from gazette.states import ArticleState
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db

QUAKE = "<p>A strong earthquake struck the coast of Valdoria on Monday, rescuers said.</p>"
TOPICS = {
    "strike": ("Harbour strike enters third day", "<p>Dockers walk out over harbour pay.</p>"),
    "budget": ("Parliament passes budget", "<p>Budget vote in parliament on spending.</p>"),
    "storm": ("Storm floods river valley", "<p>Flood water rises after the storm.</p>"),
}


def discovered(**fields: Any) -> Article:
    article = make_article(**fields)
    article_discover(article_id=article.pk)
    return article


def story_page(story: Story) -> str:
    return reverse("site:story", kwargs={"pk": story.pk})


def story_of(topic: str, reports: int, *, sources: list[Source] | None = None) -> Story:
    """A story of `reports` published reports of one event, from as many outlets."""
    title, body = TOPICS[topic]
    articles = [
        discovered(source=sources[n] if sources else make_source(), title=title, body_html=body)
        for n in range(reports)
    ]
    stories = set(Story.objects.filter(members__article__in=articles).values_list("pk", flat=True))
    assert len(stories) == 1, f"the {topic} reports make one story"
    return Story.objects.get(pk=stories.pop())


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(
        get_user_model().objects.create_superuser("desk", "desk@example.org", "pw-123456789")
    )
    return client


def merge(client: Client, *stories: Story) -> None:
    """The desk's merge: the action asks first, the editor confirms."""
    chosen = {"action": "merge_stories", "_selected_action": [story.pk for story in stories]}
    asked = client.post("/admin/discovery/story/", chosen)
    assert asked.status_code == 200 and b"confirm" in asked.content
    response = client.post("/admin/discovery/story/", {**chosen, "confirm": "yes"})
    assert response.status_code == 302


def test_the_article_page_links_its_story_and_related_reports_and_the_story_lists_them(
    client: Client,
):
    courier, tagblatt = make_source(name="Courier"), make_source(name="Tagblatt")
    first = discovered(source=courier, title="Earthquake strikes Valdoria coast", body_html=QUAKE)
    second = discovered(
        source=tagblatt,
        title="Strong earthquake hits the Valdoria coast",
        body_html=QUAKE,
        image_url="https://tagblatt.example/quake.jpg",
        image_alt="Damaged houses on the coast road",
        published_at_estimated=True,  # the outlet gave no date: first seen
    )
    story = Story.objects.get(members__article=first)
    assert Story.objects.filter(members__article=second).get() == story

    page = client.get(first.get_absolute_url()).content.decode()
    assert "1 other report of this story" in page
    assert f'href="{story_page(story)}"' in page
    story_html = client.get(story_page(story)).content.decode()
    assert "Courier" in story_html and "Tagblatt" in story_html
    # Each report dated as on its own page, "first seen" where the outlet gave no date.
    assert story_html.count("first seen; the source gives no date") == 1
    related_box = page.split('class="related"', 1)[1].split("</aside>", 1)[0]
    assert second.title in related_box
    assert "tagblatt.example/quake.jpg" not in related_box, "never hot-linked"


def test_a_storys_address_is_its_page_on_the_site():
    story = story_of("strike", 1)
    assert story.get_absolute_url() == f"/stories/{story.pk}/" == story_page(story)


def test_the_story_page_shows_only_public_reports_and_never_a_hidden_headline(client: Client):
    title, body = TOPICS["strike"]
    founding = discovered(title=f"{title}: the first word", body_html=body)
    later = discovered(title=title, body_html=body)
    story = Story.objects.get(members__article=later)
    assert Story.objects.get(members__article=founding) == story
    assert story.title == founding.title, "a story takes the headline of its first report"
    # The first report is withdrawn, and discovery is not told yet (or never moves the title).
    Article.objects.filter(pk=founding.pk).update(state=ArticleState.WITHDRAWN)
    page = client.get(story_page(story)).content.decode()
    assert founding.title not in page
    assert f"<h1>{later.title}</h1>" in page and "1 report from" in page

    Article.objects.filter(pk=later.pk).update(state=ArticleState.WITHDRAWN)
    assert client.get(story_page(story)).status_code == 404, "no public report: no page"


def test_a_title_an_editor_wrote_is_kept(client: Client):
    story = story_of("strike", 2)
    Story.objects.filter(pk=story.pk).update(title="The harbour strike, day by day")
    page = client.get(story_page(story)).content.decode()
    assert "<h1>The harbour strike, day by day</h1>" in page


def test_the_story_page_answers_a_conditional_request_with_304(client: Client):
    path = story_page(story_of("strike", 2))
    response = client.get(path)
    assert response.status_code == 200
    assert response["ETag"] and response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=120" in response["Cache-Control"]
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_splitting_a_story_changes_the_validators_of_its_page(
    client: Client, django_capture_on_commit_callbacks: Any
):
    story = story_of("strike", 2)
    one, two = Article.objects.order_by("published_at", "pk")
    first = client.get(story_page(story))
    assert one.title in first.content.decode() and "2 reports" in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # an editor splits it in the desk
        story_split(story=story, articles=[two])
    response = client.get(story_page(story), HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "1 report from" in response.content.decode()


# A merged story's address leads to the story it went into.


def test_a_merged_storys_address_redirects_for_good_to_the_story_it_went_into(editor):
    strike, budget, storm = story_of("strike", 2), story_of("budget", 1), story_of("storm", 4)
    merge(editor, strike, budget)  # the story with most reports keeps its id
    assert not Story.objects.filter(pk=budget.pk).exists()

    response = Client().get(f"/stories/{budget.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/stories/{strike.pk}/"
    assert Client().get(response["Location"]).status_code == 200

    merge(editor, strike, storm)  # now the strike story goes into the storm story: a chain
    for gone in (budget, strike):
        response = Client().get(f"/stories/{gone.pk}/")
        assert (response.status_code, response["Location"]) == (301, f"/stories/{storm.pk}/")
    assert set(StoryRedirect.objects.values_list("old_id", "story")) == {
        (budget.pk, storm.pk),
        (strike.pk, storm.pk),
    }, "one step each, repointed"
    assert Client().get(f"/stories/{storm.pk + 1000}/").status_code == 404, "never a story"
    assert Client().get("/stories/99999999999999999999999/").status_code == 404


def test_a_story_emptied_by_a_split_leads_to_the_new_one_and_redirects_go_with_their_story():
    strike = story_of("strike", 2)
    old = strike.pk
    new = story_split(story=strike, articles=list(Article.objects.all()))
    assert not Story.objects.filter(pk=old).exists()
    assert Client().get(f"/stories/{old}/")["Location"] == f"/stories/{new.pk}/"
    new.delete()
    assert not StoryRedirect.objects.exists(), "a deleted story takes its redirects along"
    assert Client().get(f"/stories/{old}/").status_code == 404
