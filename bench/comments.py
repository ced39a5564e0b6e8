"""`make bench-comments`: Gazette's moderation decisions on ../shared/data/comments beside the
scorer's link-only baseline, both scored by ../shared/bench/comment_score.py.

The shipped classifier was trained on this same file (`make train-comments`), so its figures
here are in-sample; the cross-validated figures `make train-comments` prints are the honest
estimate, and are repeated below from a fresh 10-fold run when `--cv` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "comments" / "dev.csv"
SCORER = SHARED / "bench" / "comment_score.py"


def score(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(DATA), *args, "--json"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="also cross-validate (slow)")
    args = parser.parse_args()
    if not DATA.exists() or not SCORER.exists():
        print(f"skipped: {DATA} or {SCORER} is missing (the shared folder sits beside the project)")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        pred = Path(folder) / "pred.csv"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "comment_dataset", str(DATA), "--out", str(pred)],
            check=True, cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "gazette.settings"},
        )  # fmt: skip
        seconds = time.perf_counter() - started
        ours = score(str(pred))
    baseline = score("--baseline")
    rows = ["spam_published", "spam_caught", "ham_held", "ham_rejected", "queue"]
    print(f"\n{DATA.relative_to(SHARED.parent)}: {ours['counts']['comments']} comments")  # type: ignore[index]
    print(f"{'figure':<16}{'Gazette':>10}{'link baseline':>15}{'ratio':>8}")
    for key in rows:
        mine, base = float(ours[key]), float(baseline[key])  # type: ignore[arg-type]
        ratio = f"{mine / base:.2f}" if base else "—"
        print(f"{key:<16}{mine:>10.3f}{base:>15.3f}{ratio:>8}")
    decided = ours["counts"]["comments"]  # type: ignore[index]
    print(f"(Gazette decided {decided} comments in {seconds:.1f} s, including Django start-up;")
    print(" goals: spam_published ≤ 0.020, ham_held ≤ 0.100)")
    print("In-sample: the shipped weights were trained on this file. Cross-validated figures "
          "come from `make train-comments` (or --cv).")  # fmt: skip
    if args.cv:
        subprocess.run(
            [sys.executable, "manage.py", "train_comment_model", str(DATA), "--out",
             str(Path(tempfile.gettempdir()) / "cv-model.json")],
            check=True, cwd=ROOT,
        )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
