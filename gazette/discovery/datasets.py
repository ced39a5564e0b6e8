"""Discovery on labelled files (no database): story clustering of headlines, pair similarity.

The vectors come from the configured backend; for the lexical one the IDF is fitted on the
file's own texts (no labels), as a live desk keeps it from its traffic.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from gazette.discovery.clustering import OnlineClusterer
from gazette.discovery.embeddings import Embedder, LexicalEmbedder, embedder
from gazette.discovery.embeddings.lexical import terms

# Headlines alone share few words, so their cosines run far lower than whole articles' (the
# DISCOVERY_STORY_* settings); these were chosen on headline data, away from the peak.
HEADLINE_JOIN_THRESHOLD = 0.12
HEADLINE_MERGE_THRESHOLD = 0.30
HEADLINE_WINDOW_HOURS = 72


def _embedder_for(texts: list[str]) -> Embedder:
    documents = Counter[str]()
    for text in texts:
        documents.update(set(terms(text)))
    total = len(texts)

    def idf(words: object) -> dict[str, float]:
        return {w: math.log((total + 1) / (documents[w] + 1)) + 1.0 for w in words}  # type: ignore[attr-defined]

    chosen = embedder()
    return LexicalEmbedder(idf=idf) if isinstance(chosen, LexicalEmbedder) else chosen


def cluster_rows(path: Path) -> list[tuple[str, str]]:
    """(ID, story label) for every row of a UCI-style CSV, clustered in time order."""
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    order = sorted(range(len(rows)), key=lambda i: (int(rows[i]["TIMESTAMP"]), int(rows[i]["ID"])))
    titles = [rows[i]["TITLE"] for i in order]
    vectors = _embedder_for(titles).embed(titles)
    clusterer = OnlineClusterer(
        join_threshold=HEADLINE_JOIN_THRESHOLD,
        merge_threshold=HEADLINE_MERGE_THRESHOLD,
        window_seconds=HEADLINE_WINDOW_HOURS * 3600,
    )
    assigned = [
        clusterer.add(vector, int(rows[i]["TIMESTAMP"]) / 1000.0)
        for i, vector in zip(order, vectors, strict=True)
    ]
    labels = clusterer.labels(assigned)
    by_id = {rows[i]["ID"]: f"s{label}" for i, label in zip(order, labels, strict=True)}
    return [(row["ID"], by_id[row["ID"]]) for row in rows]


def pair_scores(path: Path) -> list[tuple[str, float]]:
    """(pair_id, score on SemEval's scale: 1 very similar .. 4 very dissimilar)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle if line.strip()]
    texts = [pair["text1"] for pair in pairs] + [pair["text2"] for pair in pairs]
    vectors = _embedder_for(texts).embed(texts)
    half = len(pairs)
    similarity = np.sum(vectors[:half] * vectors[half:], axis=1)
    return [
        (pair["pair_id"], float(4.0 - 3.0 * max(0.0, min(1.0, s))))
        for pair, s in zip(pairs, similarity, strict=True)
    ]


def write_csv(path: Path, header: tuple[str, str], rows: list[tuple[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
