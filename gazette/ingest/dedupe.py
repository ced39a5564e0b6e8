"""Finding the original of a syndicated copy: same text exactly, or near-identical text."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from gazette.articles.models import Article
from gazette.lib.fingerprints import NUM_PERM, similarity
from gazette.states import ArticleState

# Copies of one wire story appear within days of each other.
WINDOW = timedelta(days=3)
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MAX_CANDIDATES = 5000


def article_find_original(
    *, text_hash: str, minhash: bytes, published_at: datetime, exclude_pk: int | None = None
) -> Article | None:
    """The earliest article whose text this one repeats, or None."""
    candidates = Article.objects.exclude(state=ArticleState.DUPLICATE)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    exact = candidates.filter(text_hash=text_hash).order_by("published_at", "pk").first()
    if exact is not None or not minhash:
        return exact
    nearby = list(
        candidates.filter(
            published_at__gte=published_at - WINDOW, published_at__lte=published_at + WINDOW
        )
        .exclude(minhash=b"")
        .order_by("published_at", "pk")
        .values_list("pk", "minhash")[:MAX_CANDIDATES]
    )
    if not nearby:
        return None
    # A quick vectorised Jaccard estimate first, then the exact test on the few that pass.
    mine = np.frombuffer(minhash, dtype=np.uint32)[:NUM_PERM]
    theirs = np.stack([np.frombuffer(bytes(fp), dtype=np.uint32)[:NUM_PERM] for _pk, fp in nearby])
    jaccards = (theirs == mine).mean(axis=1)
    for index in np.flatnonzero(jaccards >= MIN_JACCARD):
        pk, fingerprint = nearby[int(index)]
        _jaccard, containment = similarity(minhash, bytes(fingerprint))
        if containment >= MIN_CONTAINMENT:
            return Article.objects.get(pk=pk)
    return None
