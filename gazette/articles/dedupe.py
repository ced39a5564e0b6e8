"""Finding the original of a syndicated copy: same text exactly, or near-identical text."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import connection

from gazette.articles.models import Article, MinHashBand
from gazette.lib.fingerprints import NUM_PERM, minhash_bands, similarity
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

    One query fetches the exact copies (any date) first, then the window's articles that
    share a MinHash band with this one (`minhash_bands`), so the work does not grow with the
    window: surely every article sharing half its shingles or more (estimated Jaccard ≥ 0.5);
    a short copy wholly contained in a longer text, Jaccard 0.25 or 0.2, with a chance of
    98% or 93%; and few unrelated ones. Plain SQL (both databases speak it): it runs for
    every article stored, and the ORM took several times the query's time to build it.
    """
    articles, bands_table = Article._meta.db_table, MinHashBand._meta.db_table
    key = connection.ops.quote_name("key")  # a keyword in SQL, though neither database minds
    adapt = connection.ops.adapt_datetimefield_value
    exact = "(a.text_hash = %s AND a.state <> %s)"
    where = exact
    params: list[Any] = [text_hash, ArticleState.DUPLICATE]
    bands = minhash_bands(minhash)
    if bands:
        # The band index finds the rows; the states listed and the window then filter them.
        where += (
            f" OR (a.id IN (SELECT article_id FROM {bands_table} WHERE {key} IN "  # noqa: S608
            f"({', '.join(['%s'] * len(bands))})) AND a.state IN "
            f"({', '.join(['%s'] * len(LIVE_STATES))}) AND a.published_at >= %s "
            "AND a.published_at <= %s)"
        )
        params += [*bands, *LIVE_STATES, adapt(published_at - WINDOW), adapt(published_at + WINDOW)]
    if exclude_pk is not None:
        where = f"a.id <> %s AND ({where})"
        params.insert(0, exclude_pk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id, CASE WHEN {exact} THEN 0 ELSE 1 END AS copy, a.minhash "  # noqa: S608
            f"FROM {articles} a WHERE {where} ORDER BY copy, a.published_at, a.id LIMIT %s",
            [text_hash, ArticleState.DUPLICATE, *params, MAX_CANDIDATES],
        )
        rows = cursor.fetchall()
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


def article_store_bands(*, article: Article, replace: bool = False) -> None:
    """Index the article's MinHash bands for `article_find_original`; `replace` drops the
    bands of its previous text first. One INSERT of plain SQL, as it runs for every article."""
    if replace:
        MinHashBand.objects.filter(article=article).delete()
    bands = minhash_bands(bytes(article.minhash))
    if not bands:
        return
    table, key = MinHashBand._meta.db_table, connection.ops.quote_name("key")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, {key}) VALUES "  # noqa: S608
            + ", ".join(["(%s, %s)"] * len(bands)),
            [value for band in bands for value in (article.pk, band)],
        )
