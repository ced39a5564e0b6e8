"""Discovery on labelled files (no database): story clustering of headlines, pair similarity.

The vectors come from the configured backend. For the lexical one the IDF is learnt online:
headlines are embedded one by one in time order, each after its words were counted, exactly as
the site counts an article's words in `LexicalTerm` before embedding it; pairs have no order,
so their IDF is learnt from all the file's texts first (no labels either way).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

import numpy as np

from gazette.discovery.clustering import OnlineClusterer
from gazette.discovery.embeddings import Embedder, LexicalEmbedder, embedder
from gazette.discovery.embeddings.lexical import OnlineIdf

# Headlines alone share few words, so their cosines run far lower than whole articles' (the
# DISCOVERY_STORY_* settings). The join threshold was chosen on one half of the dev stories
# and is checked on the other half by `bench/stories.py`; the merge threshold is the old one.
HEADLINE_JOIN_THRESHOLD = 0.12
HEADLINE_MERGE_THRESHOLD = 0.30
HEADLINE_WINDOW_HOURS = 72


def embed_stream(texts: list[str]) -> np.ndarray:
    """Vectors of texts that arrive in this order, with the IDF of what came before them."""
    chosen = embedder()
    if not isinstance(chosen, LexicalEmbedder):
        return chosen.embed(texts)
    idf = OnlineIdf()
    lexical = LexicalEmbedder(idf=idf)
    rows = []
    for text in texts:
        idf.observe(text)
        rows.append(lexical.embed([text])[0])
    return np.stack(rows) if rows else np.zeros((0, lexical.dimensions), dtype=np.float32)


def _embedder_for(texts: list[str]) -> Embedder:
    chosen = embedder()
    if not isinstance(chosen, LexicalEmbedder):
        return chosen
    idf = OnlineIdf()
    for text in texts:
        idf.observe(text)
    return LexicalEmbedder(idf=idf)


def read_headlines(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def cluster_rows(
    path: Path | list[dict[str, str]], *, join_threshold: float = HEADLINE_JOIN_THRESHOLD
) -> list[tuple[str, str]]:
    """(ID, story label) for every row of a UCI-style CSV (or its rows), in time order."""
    rows = read_headlines(path) if isinstance(path, Path) else path
    order = sorted(range(len(rows)), key=lambda i: (int(rows[i]["TIMESTAMP"]), int(rows[i]["ID"])))
    titles = [rows[i]["TITLE"] for i in order]
    vectors = embed_stream(titles)
    clusterer = OnlineClusterer(
        join_threshold=join_threshold,
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
        (pair["pair_id"], similarity_score(float(s)))
        for pair, s in zip(pairs, similarity, strict=True)
    ]


def similarity_score(cosine: float) -> float:
    """A cosine on SemEval's scale, 1 very similar .. 4 very dissimilar.

    The square root spreads the low cosines that most pairs have (texts sharing a few names
    already tell a lot), so the scale is closer to linear in what readers judge.
    """
    return 4.0 - 3.0 * float(np.sqrt(max(0.0, min(1.0, cosine))))


def write_csv(path: Path, header: tuple[str, str], rows: list[tuple[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
