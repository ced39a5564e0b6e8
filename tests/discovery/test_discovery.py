"""Stories, related reports, popular, search: the discovery app end to end on the database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import numpy as np
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Article
from gazette.demo.outlets.catalogue import OUTLETS
from gazette.discovery.clustering import OnlineClusterer
from gazette.discovery.embeddings import LexicalEmbedder
from gazette.discovery.embeddings.openai import OpenAIEmbedder
from gazette.discovery.models import ArticleEmbedding, PopularityBucket, Story
from gazette.discovery.popular import most_read
from gazette.discovery.related import related_articles
from gazette.discovery.search import search_articles
from gazette.discovery.services import article_discover, story_merge, story_split
from gazette.states import ArticleState
from tests.factories import make_article, make_source

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
QUAKE = "<p>A strong earthquake struck the coast of Valdoria on Monday, rescuers said.</p>"


def discovered(**fields: Any) -> Article:
    article = make_article(**fields)
    article_discover(article_id=article.pk)
    return article


def test_it_embeds_similar_texts_closer_than_unrelated_ones():
    embedder = LexicalEmbedder()
    vectors = embedder.embed(
        [
            "Earthquake strikes Valdoria coast",
            "Valdorian coast hit by strong earthquake",
            "Central bank raises interest rates",
        ]
    )
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_it_reads_an_openai_compatible_endpoint(monkeypatch):
    def fake_post(url: str, **kwargs: Any) -> httpx.Response:
        assert url == "http://127.0.0.1:9/v1/embeddings"
        data = [
            {"index": i, "embedding": [1.0, float(i)]} for i in range(len(kwargs["json"]["input"]))
        ]
        return httpx.Response(200, json={"data": data}, request=httpx.Request("POST", url))

    monkeypatch.setattr(httpx, "post", fake_post)
    vectors = OpenAIEmbedder(base_url="http://127.0.0.1:9/v1", model="m").embed(["a", "b"])
    assert vectors.shape == (2, 2)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)


def test_it_clusters_online_and_merges_halves():
    clusterer = OnlineClusterer(join_threshold=0.5, merge_threshold=0.6, window_seconds=3600)
    a, b, c = np.eye(3, dtype=np.float32)
    labels = [clusterer.add(v, 0) for v in (a, a, b, c)]
    assert clusterer.labels(labels)[0] == clusterer.labels(labels)[1]
    assert len(set(clusterer.labels(labels))) == 3
    assert clusterer.add(a, 7200) != clusterer.find(labels[0]), "outside the window"


@pytest.mark.django_db
def test_it_puts_reports_of_one_event_in_one_story_and_links_them(client: Client):
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
    other = discovered(
        title="Central bank raises interest rates",
        body_html="<p>The central bank raised its interest rate by half a point.</p>",
    )
    story = Story.objects.get(members__article=first)
    assert Story.objects.filter(members__article=second).get() == story
    assert not Story.objects.filter(members__article=other, pk=story.pk).exists()

    page = client.get(first.get_absolute_url()).content.decode()
    assert "1 other report of this story" in page
    story_page = client.get(story.get_absolute_url()).content.decode()
    assert "Courier" in story_page and "Tagblatt" in story_page
    # Each report dated as on its own page, "first seen" where the outlet gave no date.
    assert story_page.count("first seen; the source gives no date") == 1
    assert related_articles(first)[0].article == second
    related_box = page.split('class="related"', 1)[1].split("</aside>", 1)[0]
    assert second.title in related_box
    assert 'src="https://tagblatt.example/quake.jpg" alt="Damaged houses on the coast road"' in (
        related_box
    )


@pytest.mark.django_db
def test_editors_merge_and_split_stories():
    one = discovered(title="Harbour strike enters third day", body_html="<p>Dockers.</p>")
    two = discovered(title="Parliament passes budget", body_html="<p>Budget vote.</p>")
    stories = list(Story.objects.filter(members__article__in=[one, two]).distinct())
    assert len(stories) == 2
    merged = story_merge(stories=stories)
    assert set(merged.members.values_list("article_id", flat=True)) == {one.pk, two.pk}
    new = story_split(story=merged, articles=[two])
    assert list(new.members.values_list("article_id", flat=True)) == [two.pk]
    assert Story.objects.count() == 2


@pytest.mark.django_db
def test_related_reports_of_the_demo_outlets_are_all_relevant():
    events: dict[int, tuple[str | None, str | None, str]] = {}
    now = timezone.now()
    for outlet in OUTLETS:
        source = make_source(name=outlet.name, language="en")
        for n, item in enumerate(outlet.articles):
            article = make_article(
                source=source,
                title=item.title,
                standfirst=item.standfirst,
                body_html=item.body_html,
                published_at=item.published or now - timedelta(hours=n),
            )
            events[article.pk] = (item.event, item.wire_id, item.section)
    for article_id in sorted(events, key=lambda pk: Article.objects.get(pk=pk).published_at):
        article_discover(article_id=article_id)
    checked = 0
    for article in Article.objects.all():
        event, wire, section = events[article.pk]
        for related in related_articles(article):
            other_event, other_wire, other_section = events[related.article.pk]
            relevant = (event and event == other_event) or (wire and wire == other_wire)
            assert relevant or section == other_section, (article.title, related.article.title)
            checked += 1
    assert checked > 0


@pytest.mark.django_db
def test_search_finds_ranks_highlights_and_filters(client: Client):
    found = discovered(title="Valdoria earthquake", body_html=QUAKE)
    discovered(title="Budget passes", body_html="<p>Nothing about that.</p>")
    hidden = make_article(title="Valdoria earthquake draft", state=ArticleState.DRAFT)
    article_discover(article_id=hidden.pk)

    result = search_articles("earthquake valdoria")
    assert [hit.article for hit in result.hits] == [found]
    assert "<mark>" in result.hits[0].snippet
    page = client.get("/search/", {"q": "earthquake"})
    assert page.status_code == 200 and found.title in page.content.decode()
    assert "draft" not in page.content.decode()
    assert client.get("/search/feed/", {"q": "earthquake"}).status_code == 200
    other = client.get("/search/", {"q": "earthquake", "source": "no-such-outlet"})
    assert found.title not in other.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "NEAR(a b)", "title:x OR", "*", "a" * 10_000, "quake\x00valdoria", "-- ;'"],
)
def test_hostile_queries_give_a_page_never_an_error(client: Client, query: str):
    discovered(title="Valdoria earthquake", body_html=QUAKE)
    response = client.get("/search/", {"q": query, "from": "yesterday", "page": "x"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_beacons_count_people_once_and_ignore_bots_and_prefetches(client: Client):
    cache.clear()
    article = make_article()
    url = f"/beacon/{article.pk}/"
    assert client.post(url, HTTP_USER_AGENT=BROWSER).status_code == 204
    client.post(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    client.post(url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch", REMOTE_ADDR="10.0.0.2")
    client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.3")
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response["Content-Type"] == "image/gif"
    assert "no-cache" in response["Cache-Control"] and not response.cookies
    assert PopularityBucket.objects.get(article=article).views == 2
    draft = make_article(state=ArticleState.DRAFT)
    client.post(f"/beacon/{draft.pk}/", HTTP_USER_AGENT=BROWSER)
    assert not PopularityBucket.objects.filter(article=draft).exists()
    cache.clear()
    assert most_read("today") == [article]
    assert most_read("week") == [article]


@pytest.mark.django_db
def test_the_article_page_boxes_take_a_constant_number_of_queries(
    client: Client, django_assert_max_num_queries: Any
):
    source = make_source()
    articles = [
        discovered(source=source, title=f"Valdoria earthquake update {n}", body_html=QUAKE)
        for n in range(8)
    ]
    with django_assert_max_num_queries(40):
        response = client.get(articles[0].get_absolute_url())
    assert response.status_code == 200
    assert ArticleEmbedding.objects.count() == 8


@pytest.mark.django_db
def test_the_dataset_commands_write_predictions(tmp_path):
    data = tmp_path / "heads.csv"
    data.write_text(
        "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP\n"
        "1,Earthquake strikes Valdoria,u,p,b,s1,h,1000\n"
        "2,Valdoria earthquake kills dozens,u,p,b,s1,h,2000\n"
        "3,Central bank raises rates,u,p,b,s2,h,3000\n"
    )
    out = tmp_path / "pred.csv"
    call_command("cluster_dataset", str(data), "--out", str(out))
    rows = [line.split(",") for line in out.read_text().splitlines()[1:]]
    assert rows[0][1] == rows[1][1] != rows[2][1]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        '{"pair_id": "1_2", "text1": "Earthquake in Valdoria", "text2": "Valdoria earthquake"}\n'
        '{"pair_id": "1_3", "text1": "Earthquake in Valdoria", "text2": "Bank rates rise"}\n'
    )
    call_command("similarity_dataset", str(pairs), "--out", str(out))
    scores = dict(line.split(",") for line in out.read_text().splitlines()[1:])
    assert float(scores["1_2"]) < float(scores["1_3"])
