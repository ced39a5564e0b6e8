"""Finding the original of a syndicated copy: same text exactly, or near-identical text."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
from django.db.models import Case, IntegerField, Q, Value, When

from gazette.articles.models import Article
from gazette.lib.fingerprints import NUM_PERM, similarity
from gazette.states import ArticleState

# Copies of one wire story appear within days of each other.
WINDOW = timedelta(days=3)
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MAX_CANDIDATES = 5000
LIVE_STATES = [state for state in ArticleState if state != ArticleState.DUPLICATE]


def article_find_original(
    *, text_hash: str, minhash: bytes, published_at: datetime, exclude_pk: int | None = None
) -> Article | None:
    """The earliest article whose text this one repeats, or None.

    One query fetches the exact copies (any date) first, then the window's fingerprints.
    """
    candidates = Article.objects.all()
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    exact = Q(text_hash=text_hash) & ~Q(state=ArticleState.DUPLICATE)
    if minhash:
        # The states listed (not "not a duplicate") and the window: the (state, published_at)
        # index finds the window's rows; the archive outside it is never read.
        nearby = Q(
            state__in=LIVE_STATES,
            published_at__gte=published_at - WINDOW,
            published_at__lte=published_at + WINDOW,
        ) & ~Q(minhash=b"")
        candidates = candidates.filter(exact | nearby)
    else:
        candidates = candidates.filter(exact)
    rows = list(
        candidates.annotate(
            copy=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("copy", "published_at", "pk")
        .values_list("pk", "copy", "minhash")[:MAX_CANDIDATES]
    )
    if not rows:
        return None
    if rows[0][1] == 0:
        return Article.objects.get(pk=rows[0][0])
    # Fingerprints of another size (another NUM_PERM) cannot be compared.
    nearby_rows = [(pk, bytes(fp)) for pk, _copy, fp in rows if len(fp) == len(minhash)]
    if not minhash or not nearby_rows:
        return None
    # A quick vectorised Jaccard estimate first, then the exact test on the few that pass.
    mine = np.frombuffer(minhash, dtype=np.uint32)[:NUM_PERM]
    theirs = np.frombuffer(b"".join(fp for _pk, fp in nearby_rows), dtype=np.uint32)
    jaccards = (theirs.reshape(len(nearby_rows), -1)[:, :NUM_PERM] == mine).mean(axis=1)
    for index in np.flatnonzero(jaccards >= MIN_JACCARD):
        pk, fingerprint = nearby_rows[int(index)]
        _jaccard, containment = similarity(minhash, fingerprint)
        if containment >= MIN_CONTAINMENT:
            return Article.objects.get(pk=pk)
    return None
