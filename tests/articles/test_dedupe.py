"""Syndicated copies: exact and near-identical texts are linked to the original, not published."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from django.utils import timezone

from gazette.articles.dedupe import article_find_original, article_store_bands
from gazette.articles.models import Article, MinHashBand
from gazette.lib.fingerprints import BANDS, NUM_PERM, minhash, minhash_bands, similarity, text_hash
from tests.factories import make_article

WIRE = " ".join(
    f"Sentence {n} of the agency report says the river rose by {n} centimetres overnight."
    for n in range(40)
)


def make_fingerprinted(**fields: Any) -> Article:
    """An article with its MinHash bands indexed, as `article_store_extraction` leaves it."""
    article = make_article(**fields)
    article_store_bands(article=article)
    return article


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


def test_signatures_agreeing_on_half_their_values_or_more_share_a_band():
    rng = np.random.default_rng(5)
    mine = rng.integers(0, 2**32, size=NUM_PERM + 1, dtype=np.uint32)
    for agreeing in (64, 65, 100, NUM_PERM):
        for _ in range(100):
            theirs = mine.copy()
            theirs[rng.permutation(NUM_PERM)[: NUM_PERM - agreeing]] += np.uint32(1)
            assert set(minhash_bands(mine.tobytes())) & set(minhash_bands(theirs.tobytes()))
    # Half the values, one in every band: the only way to agree on half and share no band.
    theirs = mine.copy()
    theirs[0:NUM_PERM:2] += np.uint32(1)
    assert not set(minhash_bands(mine.tobytes())) & set(minhash_bands(theirs.tobytes()))


def test_bands_of_another_size_or_no_text_are_none():
    assert minhash_bands(b"") == []
    assert minhash_bands(b"\x01" * 12) == []
    assert len(minhash_bands(minhash(WIRE))) == BANDS


@pytest.mark.django_db
def test_it_finds_the_earliest_original_within_the_window():
    now = timezone.now()
    fingerprint = minhash(WIRE)
    original = make_fingerprinted(
        text_hash="a", minhash=fingerprint, published_at=now - timedelta(hours=5)
    )
    make_fingerprinted(text_hash="b", minhash=fingerprint, published_at=now - timedelta(hours=1))
    make_fingerprinted(text_hash="c", minhash=fingerprint, published_at=now - timedelta(days=9))

    found = article_find_original(
        text_hash="z", minhash=minhash(WIRE + " Extra."), published_at=now
    )
    assert found == original
    assert article_find_original(text_hash="a", minhash=b"", published_at=now) == original
    unrelated = minhash("An entirely different story about a cup final in Vienna. " * 20)
    assert article_find_original(text_hash="q", minhash=unrelated, published_at=now) is None


@pytest.mark.django_db
def test_it_finds_a_trimmed_copy_through_the_band_index():
    now = timezone.now()
    original = make_fingerprinted(text_hash="a", minhash=minhash(WIRE), published_at=now)
    trimmed = WIRE.rsplit("Sentence 35", 1)[0] + " Local officials added a sentence of their own."
    assert MinHashBand.objects.filter(article=original).count() == BANDS

    assert article_find_original(text_hash="t", minhash=minhash(trimmed), published_at=now) == (
        original
    )
    MinHashBand.objects.filter(article=original).delete()
    assert article_find_original(text_hash="t", minhash=minhash(trimmed), published_at=now) is None


@pytest.mark.django_db
def test_the_band_index_follows_a_changed_text_and_a_deleted_article():
    now = timezone.now()
    article = make_fingerprinted(text_hash="a", minhash=minhash(WIRE), published_at=now)
    other = "A council vote on the tram depot was put off until spring, the mayor said. " * 9

    article.minhash = minhash(other)
    article.save(update_fields=["minhash"])
    article_store_bands(article=article, replace=True)
    assert set(MinHashBand.objects.filter(article=article).values_list("key", flat=True)) == set(
        minhash_bands(minhash(other))
    )
    assert article_find_original(text_hash="x", minhash=minhash(WIRE), published_at=now) is None
    assert article_find_original(text_hash="y", minhash=minhash(other), published_at=now) == (
        article
    )

    article.delete()
    assert not MinHashBand.objects.exists()
