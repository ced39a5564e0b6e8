"""Story benchmarks: Gazette's clustering and similarity beside the TF-IDF baseline.

Reads the labelled files from ../shared (beside the project) and scores both systems with
shared/bench/story_score.py. Run with `make bench-stories`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
