"""Train the extraction choosers on the shared development labels: `make train-extraction`.

Runs Gazette's extractor over every labelled set in ../shared/data/extraction (each page's
candidates for the date, the title and the authors, described by features), cross-validates
each chooser with folds grouped by site, prints the figures per fold and per set, and writes
the weights trained on all pages to gazette/ingest/extraction/weights/<chooser>.json, with
the cross-validated figures beside them. A chooser is written only when it beats the
hand-written choice on every fold; otherwise the choice stays with the rules and the script
says so.

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
CHOOSERS = {"dates": "date", "titles": "title", "authors": "author"}


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
        add_author_candidates(folder, truth, run.predictions)
        runs[folder.name] = (truth, run.predictions)
    return runs


def add_author_candidates(
    folder: Path, truth: dict[str, Any], predictions: dict[str, dict[str, Any]]
) -> None:
    """Each page's author candidates, beside the date and title candidates the run recorded.

    The extractor gathers author candidates only when author weights are committed (the rules
    alone are cheaper), so they are read here from every page that labels its authors.
    """
    from gazette.ingest.extract import ExtractionError, _parse
    from gazette.ingest.extraction.authors import author_candidates
    from gazette.ingest.extraction.dataset import dataset_read_page
    from gazette.ingest.extraction.metadata import PageSignals

    for page_id, label in truth.items():
        if not label.get("author") or page_id not in predictions:
            continue
        url = str(label.get("url") or f"https://example.invalid/{page_id}")
        try:
            tree = _parse(dataset_read_page(folder, page_id))
        except (ExtractionError, OSError, ValueError):
            continue
        candidates = author_candidates(PageSignals.read(tree), tree, url=url)
        predictions[page_id].setdefault("candidates", {})["author"] = [
            {"value": c.text, "features": c.features} for c in candidates
        ]


def baseline_hits(field: str, pages: list[Any], runs: dict[str, Any]) -> list[bool]:
    """Right or wrong, page by page, for the choice the committed code makes without this
    chooser's weights: the rules' title or authors, or the date chooser's built-in weights."""
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
        without = baseline_hits(field, pages, runs)
        rules = per_fold_accuracy([p.site for p in pages], without)
        wins = all(ours >= theirs for ours, theirs in zip(cv.per_fold, rules, strict=True))
        per_set: dict[str, tuple[float, float]] = {}
        for set_name in runs:
            chosen = [i for i, p in enumerate(pages) if p.key.startswith(f"{set_name}/")]
            if chosen:
                per_set[set_name] = (
                    round(sum(cv.hits[pages[i].key] for i in chosen) / len(chosen), 4),
                    round(sum(without[i] for i in chosen) / len(chosen), 4),
                )
        print(
            f"{name}: {cv.pages} labelled pages, {len(set(p.site for p in pages))} sites, "
            f"{FOLDS} folds grouped by site\n"
            f"  cross-validated accuracy {cv.accuracy:.3f} (a candidate is right on "
            f"{cv.reachable:.3f} of pages)\n"
            f"  per fold, learned: {' '.join(f'{v:.3f}' for v in cv.per_fold)}\n"
            f"  per fold, without: {' '.join(f'{v:.3f}' for v in rules)}"
        )
        for set_name, (learned, rule) in per_set.items():
            print(f"  {set_name}: learned, cv {learned:.3f}; without {rule:.3f}")
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
