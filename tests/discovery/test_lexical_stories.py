"""The lexical representation and story clustering: online IDF, the lede, one event in two
languages (after translation) in one story, unrelated events apart."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from gazette.discovery.clustering import OnlineClusterer, story_to_join
from gazette.discovery.datasets import embed_stream
from gazette.discovery.embeddings import LexicalEmbedder
from gazette.discovery.embeddings.lexical import OnlineIdf
from gazette.discovery.embeddings.trained import backend_params
from gazette.discovery.models import Story
from gazette.discovery.services import article_discover
from tests.factories import make_article, make_source

# One event reported in English and in German; the German report as the site's translation
# engine would render it in English (the desk compares articles in the site's language).
QUAKE_EN = (
    "Earthquake of magnitude 6.1 strikes Valdoria coast, dozens injured",
    "<p>A strong earthquake of magnitude 6.1 struck the coast of Valdoria on Monday morning. "
    "Rescuers in the port of Lunaris said dozens of people were injured and several buildings "
    "collapsed.</p>",
)
QUAKE_DE_TRANSLATED = (
    "Earthquake with magnitude 6.1 shakes the Valdoria coast - dozens of injured",
    "<p>On Monday morning an earthquake with a magnitude of 6.1 shook the coast of Valdoria. "
    "According to rescue workers in Lunaris, dozens of people were injured; several houses "
    "collapsed.</p>",
)
BUDGET = (
    "Parliament of Norland passes the budget after a night session",
    "<p>The Norland parliament approved next year's budget by 88 votes to 71 after a debate "
    "that lasted through the night. Spending on schools rises.</p>",
)


def test_online_idf_learns_from_the_stream():
    idf = OnlineIdf()
    for n in range(20):
        idf.observe(f"market report number{n}")
    idf.observe("Valdoria earthquake market")
    weights = idf(["market", "valdoria"])
    assert idf.total == 21
    assert weights["valdoria"] > weights["market"] > 0


def test_the_lede_brings_reports_that_open_alike_closer():
    opening = "Earthquake of magnitude 6.1 strikes the Valdoria coast, dozens injured. " * 3
    tail_a = " ".join(f"harbour{n} fishermen nets boats" for n in range(60))
    tail_b = " ".join(f"parliament{n} minister vote budget" for n in range(60))
    other_opening = "Parliament passes budget after long night session in the capital. " * 3
    embedder = LexicalEmbedder()
    same_lede, other_lede, reference = embedder.embed(
        [opening + tail_b, other_opening + tail_b, opening + tail_a]
    )
    assert reference @ same_lede > reference @ other_lede + 0.1
    short = LexicalEmbedder().embed(["Earthquake strikes Valdoria"])[0]
    assert np.isclose(np.linalg.norm(short), 1.0, atol=1e-5)


def test_headlines_of_one_event_in_two_languages_join_one_story_and_others_stay_apart():
    headlines = [
        QUAKE_EN[0],
        BUDGET[0],
        QUAKE_DE_TRANSLATED[0],
        "Norland budget approved by parliament: 88 votes to 71",
        "Film festival in Estoria opens with a comedy",
    ]
    vectors = embed_stream(headlines, "lexical")
    params = backend_params("lexical")
    clusterer = OnlineClusterer(
        join_threshold=params["headline_join"],
        merge_threshold=params["headline_merge"],
        window_seconds=3600,
    )
    labels = clusterer.labels([clusterer.add(vector, n * 60.0) for n, vector in enumerate(vectors)])
    quake, budget, quake_de, budget_again, festival = labels
    assert quake == quake_de
    assert budget == budget_again
    assert len({quake, budget, festival}) == 3


def test_among_close_stories_a_report_joins_the_running_one_and_a_quiet_one_stays_reachable():
    vector = np.array([1.0, 0.0])
    day = 24 * 3600.0
    closer_to_quiet = np.array([0.95, np.sqrt(1 - 0.95**2)])
    stories = np.array([[1.0, 0.0], [0.6, 0.8]])  # cosines 0.95 (quiet) and 0.82 (running)
    choose = partial(story_to_join, window_seconds=3 * day, threshold=0.5)
    # Both close enough: the story that ran an hour ago wins over the one quiet for two days.
    assert choose(closer_to_quiet, stories, np.array([2 * day, 3600.0])) == 1
    # Equally fresh: the closer one wins.
    assert choose(closer_to_quiet, stories, np.array([0.0, 0.0])) == 0
    # Only the quiet one is close enough: it is joined however long it has been quiet.
    assert choose(vector, stories[:1], np.array([2.9 * day])) == 0
    assert choose(np.array([0.0, 1.0]), stories[:1], np.array([0.0])) is None
    # The same rule in the online clusterer.
    clusterer = OnlineClusterer(join_threshold=0.7, merge_threshold=2.0, window_seconds=3 * day)
    quiet = clusterer.add(np.array([1.0, 0.0]), 0.0)
    running = clusterer.add(np.array([0.6, 0.8]), 1.9 * day)
    assert quiet != running
    assert clusterer.add(closer_to_quiet, 2.0 * day) == running


@pytest.mark.django_db
def test_an_english_report_and_a_translated_german_one_share_a_story_on_the_site():
    english, german = make_source(name="Courier", language="en"), make_source(name="Tagblatt")
    first = make_article(source=english, title=QUAKE_EN[0], body_html=QUAKE_EN[1])
    article_discover(article_id=first.pk)
    other = make_article(title=BUDGET[0], body_html=BUDGET[1])
    article_discover(article_id=other.pk)
    second = make_article(
        source=german, title=QUAKE_DE_TRANSLATED[0], body_html=QUAKE_DE_TRANSLATED[1]
    )
    article_discover(article_id=second.pk)
    story = Story.objects.get(members__article=first)
    assert Story.objects.get(members__article=second) == story
    assert Story.objects.get(members__article=other) != story


def test_without_a_local_model_the_lexical_backend_is_used(monkeypatch, settings):
    from gazette.discovery.embeddings import embedder, local

    settings.DISCOVERY_EMBEDDINGS = "local"
    monkeypatch.setattr(local, "available", lambda: False)
    assert isinstance(embedder(), LexicalEmbedder)
