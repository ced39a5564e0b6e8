"""Stories, related reports, search: the discovery app end to end on the database. The pages
that show them (story, search, article boxes) and the view beacon are tested in tests/site/."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import numpy as np
import pytest
from django.core.management import call_command
from django.utils import timezone

from gazette.articles.models import Article
from gazette.demo.outlets.catalogue import OUTLETS
from gazette.discovery.clustering import OnlineClusterer
from gazette.discovery.embeddings import LexicalEmbedder
from gazette.discovery.embeddings.openai import OpenAIEmbedder
from gazette.discovery.models import Story
from gazette.discovery.related import related_articles
from gazette.discovery.search import search_articles
from gazette.discovery.services import article_discover, story_merge, story_split
from gazette.states import ArticleState
from tests.factories import make_article, make_source

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
def test_it_puts_reports_of_one_event_in_one_story_and_relates_them():
    courier, tagblatt = make_source(name="Courier"), make_source(name="Tagblatt")
    first = discovered(source=courier, title="Earthquake strikes Valdoria coast", body_html=QUAKE)
    second = discovered(
        source=tagblatt, title="Strong earthquake hits the Valdoria coast", body_html=QUAKE
    )
    other = discovered(
        title="Central bank raises interest rates",
        body_html="<p>The central bank raised its interest rate by half a point.</p>",
    )
    story = Story.objects.get(members__article=first)
    assert Story.objects.filter(members__article=second).get() == story
    assert not Story.objects.filter(members__article=other, pk=story.pk).exists()
    assert related_articles(first)[0].article == second


@pytest.mark.django_db
def test_a_withdrawn_report_leaves_its_story_which_takes_the_next_reports_headline():
    first = discovered(
        title="Earthquake strikes Valdoria coast",
        body_html=QUAKE,
        published_at=timezone.now() - timedelta(hours=3),
    )
    second = discovered(
        title="Strong earthquake hits the Valdoria coast",
        body_html=QUAKE,
        published_at=timezone.now() - timedelta(hours=2),
    )
    story = Story.objects.get(members__article=first)
    assert story.title == first.title and story.members.count() == 2

    Article.objects.filter(pk=first.pk).update(state=ArticleState.WITHDRAWN)
    article_discover(article_id=first.pk)
    story.refresh_from_db()
    assert list(story.members.values_list("article_id", flat=True)) == [second.pk]
    assert story.title == second.title, "no headline of a withdrawn report stays on show"

    Article.objects.filter(pk=second.pk).update(state=ArticleState.WITHDRAWN)
    article_discover(article_id=second.pk)
    assert not Story.objects.filter(pk=story.pk).exists(), "a story without reports goes"


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
def test_search_finds_ranks_and_highlights():
    found = discovered(title="Valdoria earthquake", body_html=QUAKE)
    discovered(title="Budget passes", body_html="<p>Nothing about that.</p>")
    hidden = make_article(title="Valdoria earthquake draft", state=ArticleState.DRAFT)
    article_discover(article_id=hidden.pk)

    result = search_articles("earthquake valdoria")
    assert [hit.article for hit in result.hits] == [found]
    assert "<mark>" in result.hits[0].snippet


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
