"""Syndicated copies: exact and near-identical texts are linked to the original, not published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.ingest.dedupe import article_find_original
from gazette.lib.fingerprints import minhash, similarity, text_hash
from tests.factories import make_article

WIRE = " ".join(
    f"Sentence {n} of the agency report says the river rose by {n} centimetres overnight."
    for n in range(40)
)


def test_it_scores_a_trimmed_copy_as_contained():
    trimmed = WIRE.rsplit("Sentence 35", 1)[0] + " Local officials added a sentence of their own."
    jaccard, containment = similarity(minhash(WIRE), minhash(trimmed))
    assert 0.6 < jaccard < 0.95
    assert containment > 0.9
    unrelated = " ".join(f"Word{n} salad about football {n * 7}" for n in range(60))
    assert similarity(minhash(WIRE), minhash(unrelated))[1] < 0.1


def test_it_ignores_case_and_punctuation_in_the_exact_hash():
    assert text_hash("Floods: the RIVER rose!") == text_hash("floods the river rose")
    assert minhash("") == b""


@pytest.mark.django_db
def test_it_finds_the_earliest_original_within_the_window():
    now = timezone.now()
    fingerprint = minhash(WIRE)
    original = make_article(
        text_hash="a", minhash=fingerprint, published_at=now - timedelta(hours=5)
    )
    make_article(text_hash="b", minhash=fingerprint, published_at=now - timedelta(hours=1))
    make_article(text_hash="c", minhash=fingerprint, published_at=now - timedelta(days=9))

    found = article_find_original(
        text_hash="z", minhash=minhash(WIRE + " Extra."), published_at=now
    )
    assert found == original
    assert article_find_original(text_hash="a", minhash=b"", published_at=now) == original
    unrelated = minhash("An entirely different story about a cup final in Vienna. " * 20)
    assert article_find_original(text_hash="q", minhash=unrelated, published_at=now) is None
