"""Story benchmarks: Gazette's clustering and similarity beside the TF-IDF baseline.

Reads the labelled files from ../shared (beside the project) and scores both systems with
shared/bench/story_score.py. Run with `make bench-stories`.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "bench" / "story_score.py"
CLUSTERS = SHARED / "data" / "stories" / "uci-dev.csv"
PAIRS = SHARED / "data" / "stories" / "semeval2022-task8" / "dev.jsonl.gz"


def run(*args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout


def lines(output: str, *starts: str) -> str:
    return "\n".join(f"    {line}" for line in output.splitlines() if line.startswith(starts))


GRID = [round(0.06 + 0.02 * step, 2) for step in range(8)]  # join thresholds 0.06 .. 0.20


def half(key: str) -> int:
    """A fixed half (0 or 1) for a story id or pair id, the same on every machine."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % 2


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("story_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_check() -> None:
    """Guard against tuning on the test: choose the join threshold on one half of the stories,
    report it on the other half, beside the shipped threshold on both halves."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")
    import django

    django.setup()
    from gazette.discovery.datasets import (
        HEADLINE_JOIN_THRESHOLD,
        cluster_rows,
        pair_scores,
        read_headlines,
    )

    score = scorer()
    rows = read_headlines(CLUSTERS)
    halves = [[row for row in rows if half(row["STORY"]) == h] for h in (0, 1)]

    def f1(part: list[dict[str, str]], threshold: float) -> float:
        predicted = dict(cluster_rows(part, join_threshold=threshold))
        truth = [row["STORY"] for row in part]
        metrics = score.cluster_metrics(truth, [predicted[row["ID"]] for row in part])
        return float(metrics["pairwise_f1"])

    tuned = {threshold: f1(halves[0], threshold) for threshold in GRID}
    best = max(tuned, key=lambda threshold: tuned[threshold])
    print("Split check (stories halved by a hash of their id; no threshold seen on half B):")
    print(
        f"  half A ({len(halves[0])} headlines): best join threshold {best:.2f} "
        f"(F1 {tuned[best]:.4f}); grid " + " ".join(f"{t:.2f}:{v:.3f}" for t, v in tuned.items())
    )
    print(f"  half B ({len(halves[1])} headlines): F1 {f1(halves[1], best):.4f} at {best:.2f}")
    shipped = HEADLINE_JOIN_THRESHOLD
    on_a = tuned[shipped] if shipped in tuned else f1(halves[0], shipped)
    on_b = f1(halves[1], shipped)
    print(f"  shipped threshold {shipped:.2f}: F1 half A {on_a:.4f}, half B {on_b:.4f}")
    with gzip.open(PAIRS, "rt", encoding="utf-8") as handle:
        pairs: list[dict[str, Any]] = [json.loads(line) for line in handle if line.strip()]
    predicted = dict(pair_scores(PAIRS))
    for h in (0, 1):
        part = [pair for pair in pairs if half(pair["pair_id"]) == h]
        r = score.pearson([predicted[p["pair_id"]] for p in part], [p["overall"] for p in part])
        print(f"  similarity, pairs half {'AB'[h]} (n={len(part)}): Pearson r {r:+.4f}")


def main() -> int:
    missing = [path for path in (SCORER, CLUSTERS, PAIRS) if not path.exists()]
    if missing:
        print("bench-stories: missing " + ", ".join(str(path) for path in missing))
        print("The data sets live in ../shared beside the project; they are not copied in.")
        return 2
    manage = [sys.executable, str(ROOT / "manage.py")]
    with tempfile.TemporaryDirectory() as tmp:
        clusters, pairs = Path(tmp) / "clusters.csv", Path(tmp) / "pairs.csv"
        run(*manage, "cluster_dataset", str(CLUSTERS), "--out", str(clusters))
        run(*manage, "similarity_dataset", str(PAIRS), "--out", str(pairs))
        score = [sys.executable, str(SCORER)]
        print(f"Story clustering: {CLUSTERS.name} (goal: pairwise F1 >= 0.90)")
        for name, extra in (("Gazette", [str(clusters)]), ("TF-IDF baseline", ["--baseline"])):
            out = run(*score, "clusters", str(CLUSTERS), *extra)
            print(f"  {name}:\n" + lines(out, "pairwise", "B-cubed", "clusters"))
        print(f"Article similarity: {PAIRS.parent.name}/{PAIRS.name} (goal: Pearson >= 0.80)")
        for name, extra in (("Gazette", [str(pairs)]), ("TF-IDF baseline", ["--baseline"])):
            out = run(*score, "similarity", str(PAIRS), *extra)
            print(f"  {name}:\n" + lines(out, "Pearson", "  "))
    split_check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
