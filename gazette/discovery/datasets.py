"""Discovery on labelled files (no database): story clustering of headlines, pair similarity,
and the cross-validation that chooses their parameters (`make train-stories`, `make
bench-stories`; the method is in docs/stories.md).

The vectors come from a backend: `lexical`, or `local` (the multilingual model blended with the
lexical vector, `embeddings/local.py`). For the lexical part the IDF is learnt online:
headlines are embedded one by one in time order, each after its words were counted, exactly as
the site counts an article's words in `LexicalTerm` before embedding it; pairs have no order,
so their IDF is learnt from all the file's texts first (no labels either way).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gazette.discovery import similarity
from gazette.discovery.clustering import FADE_PER_WINDOW, OnlineClusterer
from gazette.discovery.embeddings import LexicalEmbedder, embedder
from gazette.discovery.embeddings import local as local_backend
from gazette.discovery.embeddings.lexical import OnlineIdf
from gazette.discovery.embeddings.trained import backend_params

HEADLINE_WINDOW_HOURS = 72
HEADLINE_END = re.compile(r"[.!?…]\s")
BACKENDS = ("lexical", "local")


def default_backend() -> str:
    """The backend the site is configured with, as a data-set backend name."""
    return "local" if embedder().name.startswith("local") else "lexical"


# --------------------------------------------------------------------------------------------
# vectors


def cache_key(texts: list[str]) -> str:
    """The name of a batch of texts' cached model vectors (the model reads MODEL_CHARS)."""
    prefix = f"{local_backend.MODEL_CHARS}\0".encode()
    return hashlib.sha256(prefix + "\0".join(texts).encode("utf-8")).hexdigest()[:32]


def model_vectors_cached(texts: list[str], cache: Path | None) -> np.ndarray:
    """The local model's raw vectors of the texts' openings; with `cache`, each text's vector is
    kept in one .npy file a batch (by a hash of the batch), so a rerun embeds nothing again."""
    if cache is None:
        return local_backend.model_vectors(texts)
    cache.mkdir(parents=True, exist_ok=True)
    rows = []
    step = 256
    for start in range(0, len(texts), step):
        chunk = texts[start : start + step]
        path = cache / f"{cache_key(chunk)}.npy"
        if path.exists():
            rows.append(np.load(path))
            continue
        vectors = local_backend.model_vectors(chunk)
        np.save(path, vectors)
        rows.append(vectors)
        print(f"  embedded {start + len(chunk)}/{len(texts)} texts", file=sys.stderr, flush=True)
    return np.concatenate(rows) if rows else local_backend.model_vectors([])


@dataclass
class Parts:
    """The two parts of a text's vector: lexical rows, and the model's centred rows (local)."""

    lexical: np.ndarray
    model: np.ndarray | None = None

    def blended(self, lexical_weight: float) -> np.ndarray:
        if self.model is None:
            return self.lexical
        return local_backend.blend(self.lexical, self.model, lexical_weight)


def lexical_stream(texts: list[str]) -> np.ndarray:
    """Vectors of texts that arrive in this order, with the IDF of what came before them."""
    idf = OnlineIdf()
    lexical = LexicalEmbedder(idf=idf)
    rows = []
    for text in texts:
        idf.observe(text)
        rows.append(lexical.embed([text])[0])
    return np.stack(rows) if rows else np.zeros((0, lexical.dimensions), dtype=np.float32)


def lexical_batch(texts: list[str]) -> np.ndarray:
    """Vectors of texts without an order: the IDF of all of them, learnt first."""
    idf = OnlineIdf()
    for text in texts:
        idf.observe(text)
    return LexicalEmbedder(idf=idf).embed(texts)


def text_parts(texts: list[str], backend: str, *, stream: bool, cache: Path | None = None) -> Parts:
    lexical = lexical_stream(texts) if stream else lexical_batch(texts)
    if backend == "lexical":
        return Parts(lexical)
    # Headlines and articles' openings each have their own mean direction (trained.json).
    key = "headline_mean" if stream else "model_mean"
    mean = np.asarray(backend_params("local")[key], dtype=np.float32)
    return Parts(lexical, local_backend.centred(model_vectors_cached(texts, cache), mean))


def embed_stream(texts: list[str], backend: str | None = None) -> np.ndarray:
    """The backend's vectors of texts that arrive in this order."""
    backend = backend or default_backend()
    parts = text_parts(texts, backend, stream=True)
    return parts.blended(float(backend_params(backend).get("lexical_weight", 1.0)))


# --------------------------------------------------------------------------------------------
# story clustering


def read_headlines(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def time_order(rows: Sequence[dict[str, str]]) -> list[int]:
    return sorted(range(len(rows)), key=lambda i: (int(rows[i]["TIMESTAMP"]), int(rows[i]["ID"])))


def cluster_rows(
    path: Path | list[dict[str, str]],
    *,
    backend: str | None = None,
    join_threshold: float | None = None,
    merge_threshold: float | None = None,
    vectors: np.ndarray | None = None,
) -> list[tuple[str, str]]:
    """(ID, story label) for every row of a UCI-style CSV (or its rows), with the online
    clusterer the site runs; thresholds are the backend's trained ones unless given.
    `vectors`: the rows' vectors in time order, when the caller has them."""
    backend = backend or default_backend()
    params = backend_params(backend)
    rows = read_headlines(path) if isinstance(path, Path) else path
    order = time_order(rows)
    if vectors is None:
        vectors = embed_stream([rows[i]["TITLE"] for i in order], backend)
    clusterer = OnlineClusterer(
        join_threshold=params["headline_join"] if join_threshold is None else join_threshold,
        merge_threshold=params["headline_merge"] if merge_threshold is None else merge_threshold,
        window_seconds=HEADLINE_WINDOW_HOURS * 3600,
    )
    assigned = [
        clusterer.add(vector, int(rows[i]["TIMESTAMP"]) / 1000.0)
        for i, vector in zip(order, vectors, strict=True)
    ]
    labels = clusterer.labels(assigned)
    by_id = {rows[i]["ID"]: f"s{label}" for i, label in zip(order, labels, strict=True)}
    return [(row["ID"], by_id[row["ID"]]) for row in rows]


def cluster_similarities(
    sim: np.ndarray,
    timestamps: np.ndarray,
    *,
    join: float,
    merge: float,
    window_seconds: float = HEADLINE_WINDOW_HOURS * 3600,
) -> np.ndarray:
    """`OnlineClusterer`'s decisions for items in time order, computed from their similarity
    matrix (a story's centroid is a sum of members, so every cosine it needs is a sum of
    entries): tens of times faster, for cross-validation grids. Labels per item."""
    n = sim.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    dots = np.zeros((n, n))  # dots[a, b]: story a's sum . story b's sum
    last = np.zeros(n)
    alive = np.zeros(n, dtype=bool)
    k = 0
    for i in range(n):
        active = np.nonzero(alive[:k] & (timestamps[i] - last[:k] <= window_seconds))[0]
        # The item's dot product with every story's sum.
        dot = np.bincount(labels[:i], weights=sim[i, :i], minlength=k) if i else np.zeros(0)
        if len(active):
            cos = dot[active] / np.sqrt(np.maximum(dots[active, active], 1e-12))
            gaps = np.maximum(timestamps[i] - last[active], 0.0)
            fresh = np.exp(-FADE_PER_WINDOW * gaps / window_seconds)
            best = int(np.argmax(np.where(cos >= join, cos * fresh, -np.inf)))
            if cos[best] >= join:
                chosen = int(active[best])
                labels[i] = chosen
                dots[chosen, :k] += dot
                dots[:k, chosen] += dot
                dots[chosen, chosen] += sim[i, i]
                last[chosen] = max(last[chosen], timestamps[i])
                _merge_similar(dots, alive, labels[:i], last, chosen, active, merge)
                continue
        labels[i] = k
        dots[k, :k] = dot
        dots[:k, k] = dot
        dots[k, k] = sim[i, i] if sim[i, i] > 0 else 1.0
        alive[k] = True
        last[k] = timestamps[i]
        k += 1
    return labels


def _merge_similar(
    dots: np.ndarray,
    alive: np.ndarray,
    labels: np.ndarray,
    last: np.ndarray,
    chosen: int,
    active: np.ndarray,
    merge: float,
) -> None:
    while True:
        others = np.array([s for s in active if s != chosen and alive[s]], dtype=np.int64)
        if not len(others):
            return
        norms = np.sqrt(np.maximum(dots[others, others], 1e-12))
        cos = dots[chosen, others] / np.sqrt(max(dots[chosen, chosen], 1e-12)) / norms
        best = int(np.argmax(cos))
        if cos[best] < merge:
            return
        other = int(others[best])
        dots[chosen, chosen] += 2 * dots[chosen, other] + dots[other, other]
        row = dots[other].copy()
        row[[chosen, other]] = 0.0
        dots[chosen] += row
        dots[:, chosen] += row
        dots[other] = 0.0
        dots[:, other] = 0.0
        alive[other] = False
        labels[labels == other] = chosen
        last[chosen] = max(last[chosen], last[other])


def pairwise_f1(truth: Sequence[Any], predicted: Sequence[Any]) -> float:
    """Pairwise F1 over all pairs of items, as shared/bench/story_score.py counts it."""
    cell = Counter(zip(truth, predicted, strict=True))

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    both = pairs(cell.values())
    found, true = pairs(Counter(predicted).values()), pairs(Counter(truth).values())
    precision = both / found if found else 1.0
    recall = both / true if true else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def story_halves(stories: Iterable[str], seed: int) -> tuple[set[str], set[str]]:
    """Two halves of the stories, drawn by a seeded shuffle (no story in both)."""
    ordered = sorted(set(stories))
    np.random.default_rng(seed).shuffle(ordered)
    return set(ordered[0::2]), set(ordered[1::2])


# --------------------------------------------------------------------------------------------
# pair similarity


def read_pairs(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


names_and_numbers = similarity.names_and_numbers
fit_similarity = similarity.fit
predict_similarity = similarity.predict


def pair_title(text: str) -> str:
    """The headline of a dev pair's text (its texts are the headline and the article run
    together): the first sentence, if it ends within 200 characters, else 120 characters."""
    found = HEADLINE_END.search(text[:200])
    return text[: found.start() + 1] if found and found.start() > 20 else text[:120]


def pair_reports(
    pairs: list[dict[str, Any]], texts: list[str], parts: Parts
) -> list[similarity.Report]:
    """A `similarity.Report` per text of the pairs (`texts`: every text once, in the parts'
    row order)."""
    language = {}
    for pair in pairs:
        language[pair["text1"]] = pair.get("lang1", "")
        language[pair["text2"]] = pair.get("lang2", "")
    return [
        similarity.Report(
            text=text,
            title=pair_title(text),
            language=language.get(text, ""),
            lexical=parts.lexical[row],
            model=None if parts.model is None else parts.model[row],
        )
        for row, text in enumerate(texts)
    ]


def pair_features(
    pairs: list[dict[str, Any]],
    backend: str,
    *,
    cache: Path | None = None,
    params: dict[str, Any] | None = None,
) -> np.ndarray:
    """One design row per pair for the backend's trained similarity map (or `params`: its
    features and terms)."""
    texts = sorted({pair["text1"] for pair in pairs} | {pair["text2"] for pair in pairs})
    parts = text_parts(texts, backend, stream=False, cache=cache)
    return features_from_parts(pairs, texts, parts, params or backend_params(backend)["similarity"])


def features_from_parts(
    pairs: list[dict[str, Any]], texts: list[str], parts: Parts, params: dict[str, Any]
) -> np.ndarray:
    """`pair_features` from the vectors of `texts` (every text of the pairs, once)."""
    where = {text: row for row, text in enumerate(texts)}
    first = np.array([where[pair["text1"]] for pair in pairs], dtype=np.intp)
    second = np.array([where[pair["text2"]] for pair in pairs], dtype=np.intp)
    return similarity.pair_features(pair_reports(pairs, texts, parts), first, second, params)


def pair_groups(pairs: list[dict[str, Any]]) -> list[str]:
    """A group per set of pairs linked by a shared article, so no article is on both sides of a
    cross-validation split."""
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            item = parent[item]
        return item

    for pair in pairs:
        first, second = pair["pair_id"].split("_")
        parent[root(first)] = root(second)
    return [root(pair["pair_id"].split("_")[0]) for pair in pairs]


def pair_scores(
    path: Path, *, backend: str | None = None, cache: Path | None = None
) -> list[tuple[str, float]]:
    """(pair_id, score on SemEval's scale: 1 very similar .. 4 very dissimilar), by the
    backend's trained similarity model."""
    backend = backend or default_backend()
    pairs = read_pairs(path)
    scores = predict_similarity(
        pair_features(pairs, backend, cache=cache), backend_params(backend)["similarity"]
    )
    return [(pair["pair_id"], float(s)) for pair, s in zip(pairs, scores, strict=True)]


def write_csv(path: Path, header: tuple[str, str], rows: list[tuple[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
