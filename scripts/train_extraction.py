"""Train the extraction choosers on the shared development labels: `make train-extraction`.

Runs Gazette's extractor over every labelled set in ../shared/data/extraction (each page's
candidates for the date and the title, described by features), cross-validates each chooser
with folds grouped by site, prints the figures per fold, and writes the weights trained on all
pages to gazette/ingest/extraction/weights/<chooser>.json, with the cross-validated figures
beside them. A chooser is written only when it beats the hand-written choice on every fold;
otherwise the choice stays with the rules and the script says so.

    python scripts/train_extraction.py [--data ../shared/data/extraction] [--check]

`--check` trains and reports without writing (to see whether the committed weights are stale).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "extraction"
WEIGHTS = ROOT / "gazette" / "ingest" / "extraction" / "weights"
# chooser name → the field it decides, and the candidate feature marking the rules' own pick
# (None: the baseline is the chooser's own fallback weights).
CHOOSERS = {"dates": "date", "titles": "title"}


def labelled_sets(data: Path) -> list[Path]:
    return sorted(p for p in data.iterdir() if (p / "truth.json").is_file())


def run_sets(folders: list[Path]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Set name → (truth, predictions with candidates) for every page of every set."""
    from gazette.ingest.extraction.dataset import dataset_extract

    runs = {}
    for folder in folders:
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))

        def progress(done: int, total: int, failed: int, name: str = folder.name) -> None:
            if done % 50 == 0 or done == total:
                print(f"  {name}: {done}/{total} pages", file=sys.stderr)

        run = dataset_extract(folder, progress=progress)
        runs[folder.name] = (truth, run.predictions)
    return runs


def baseline_hits(field: str, pages: list[Any], runs: dict[str, Any]) -> list[bool]:
    """Right or wrong, page by page, for the choice the committed code makes without this
    chooser's weights: the rules' title, or the date chooser's built-in default weights."""
    from gazette.ingest.extraction.dates import DEFAULT_DATE_WEIGHTS
    from gazette.ingest.extraction.learning import page_correct

    if field == "date":
        return [page_correct(page, DEFAULT_DATE_WEIGHTS) for page in pages]
    return [
        any(f.get("has_rule") and ok for f, ok in zip(p.candidates, p.correct, strict=True))
        for p in pages
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="report only, write nothing")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"train-extraction: {args.data} is missing; the shared data sets must sit next to "
            "the project (../shared/data/extraction)",
            file=sys.stderr,
        )
        return 2
    from gazette.ingest.extraction.learning import (
        FOLDS,
        REGULARISATION_C,
        cross_validate,
        fit_weights,
        labelled_pages,
        per_fold_accuracy,
    )

    folders = labelled_sets(args.data)
    runs = run_sets(folders)
    for name, field in CHOOSERS.items():
        pages = [
            page
            for set_name, (truth, predictions) in runs.items()
            for page in labelled_pages(field, set_name, truth, predictions)
        ]
        if not pages:
            print(f"{name}: no page labels the {field}; nothing to train")
            continue
        cv = cross_validate(pages)
        rules = per_fold_accuracy([p.site for p in pages], baseline_hits(field, pages, runs))
        wins = all(ours >= theirs for ours, theirs in zip(cv.per_fold, rules, strict=True))
        print(
            f"{name}: {cv.pages} labelled pages, {len(set(p.site for p in pages))} sites, "
            f"{FOLDS} folds grouped by site\n"
            f"  cross-validated accuracy {cv.accuracy:.3f} (a candidate is right on "
            f"{cv.reachable:.3f} of pages)\n"
            f"  per fold, learned: {' '.join(f'{v:.3f}' for v in cv.per_fold)}\n"
            f"  per fold, without: {' '.join(f'{v:.3f}' for v in rules)}"
        )
        target = WEIGHTS / f"{name}.json"
        if not wins:
            print(f"  the learned choice does not win on every fold: {name} stays with the rules")
            if not args.check and target.exists():
                target.unlink()
            continue
        weights = fit_weights(pages)
        record = {
            "chooser": name,
            "field": field,
            "model": f"logistic regression, L2 C={REGULARISATION_C}, argmax over candidates",
            "trained_on": {f.name: len(runs[f.name][0]) for f in folders},
            "pages": cv.pages,
            "cross_validated": {
                "folds": FOLDS,
                "grouped_by": "site (host name)",
                "accuracy": round(cv.accuracy, 4),
                "per_fold": [round(v, 4) for v in cv.per_fold],
                "without_per_fold": [round(v, 4) for v in rules],
                "reachable": round(cv.reachable, 4),
            },
            "weights": dict(sorted(weights.items())),
        }
        if args.check:
            print(f"  --check: {target.relative_to(ROOT)} not written")
            continue
        WEIGHTS.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"  wrote {target.relative_to(ROOT)} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
