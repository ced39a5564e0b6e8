"""Gazette's extractor against plain trafilatura on the extraction data sets, in one run.

Reads the data sets from ../shared/data/extraction (next to the project) and scores both
extractors with ../shared/bench/extraction_score.py: per set, per language group and script,
and per site-grouped fold. The date and title are chosen by models trained on these very sets
(`make train-extraction`), so beside the committed model's figure the bench prints the
cross-validated one: each page scored by a model trained without any page of its site. That
is the honest estimate for pages nobody here has seen. The body has no trained part (trafilatura
read without links, links put back); the learned body chooser that lost to it is
cross-validated by scripts/train_body.py, which records its figures per set, per fold and per
language group in weights/body.json; the bench prints them after the live figures.
Usage: `make bench-extract`, or `python bench/extract.py [DIR ...]` for other folders in the
same layout.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "bench" / "extraction_score.py"
DATASETS = SHARED / "data" / "extraction"
DEFAULT_SETS = ("scrapinghub", "wcxb-articles", "wcxb-articles-2")
ROWS = (
    ("body_f1", "body F1"),
    ("body_precision", "body precision"),
    ("body_recall", "body recall"),
    ("with_found", "with (higher better)"),
    ("without_found", "without (lower better)"),
    ("title_accuracy", "title"),
    # The learned title chooser, cross-validated; the committed code keeps the rules' title
    # (the `title` row) while the chooser does not win on every fold (`make train-extraction`).
    ("title_cv", "title, learned, cv"),
    ("author_accuracy", "author"),
    ("date_accuracy", "date"),
    ("date_cv", "date, cross-validated"),  # the committed chooser, each site unseen
    ("pages_per_cpu_second", "pages per CPU-second"),
)
CV_FIELDS = {"date": "date_cv", "title": "title_cv"}


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    if not SCORER.is_file() or spec is None or spec.loader is None:
        sys.exit(
            f"bench-extract: the scorer {SCORER} is missing (is ../shared next to the project?)"
        )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_set(
    scorer: ModuleType, folder: Path
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any], int]:
    """(truth, gazette predictions, trafilatura predictions, speeds, failures) of one set."""
    from gazette.ingest.extraction.dataset import dataset_extract

    truth = scorer.load_dataset(folder)
    baseline_pred, baseline_cpu = scorer.trafilatura_predictions(folder, truth)
    live = sys.stderr.isatty()

    def progress(done: int, total: int, failed: int) -> None:
        if live:
            print(f"\r  gazette {done}/{total} pages, {failed} failed", end="", file=sys.stderr)
        elif done == total:
            print(f"  gazette {done}/{total} pages, {failed} failed", file=sys.stderr)

    run = dataset_extract(folder, progress=progress)
    if live:
        print(file=sys.stderr)
    speeds = {"gazette": run.pages_per_cpu_second, "trafilatura": len(truth) / baseline_cpu}
    return truth, run.predictions, baseline_pred, speeds, len(run.failures)


def body_pr(scorer: ModuleType, truth: str, predicted: str) -> tuple[float, float]:
    tp, fp, fn = scorer.body_counts(truth, predicted)
    return scorer.page_precision(tp, fp, fn), scorer.page_recall(tp, fp, fn)


def f1(pairs: list[tuple[float, float]]) -> float:
    if not pairs:
        return float("nan")
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def format_table(name: str, pages: int, gazette: dict, baseline: dict, failed: int) -> str:
    lines = [
        f"{name} ({pages} pages, {failed} failed)",
        f"  {'':<26} {'gazette':>9} {'trafilatura':>12} {'ratio':>8}",
    ]
    for key, label in ROWS:
        if key not in baseline and key not in gazette:
            continue
        ours = gazette.get(key, float("nan"))
        theirs = baseline.get(key, baseline.get(key.replace("_cv", "_accuracy"), float("nan")))
        ratio = f"{ours / theirs:.3f}x" if theirs and theirs == theirs else "-"
        lines.append(f"  {label:<26} {ours:>9.3f} {theirs:>12.3f} {ratio:>8}")
    return "\n".join(lines)


BODY_WEIGHTS = ROOT / "gazette" / "ingest" / "extraction" / "weights" / "body.json"


def print_body_cv() -> None:
    """The body chooser's cross-validated figures, as `make train-extraction` measured them
    (scripts/train_body.py, recorded in weights/body.json): each page scored by a chooser that
    never saw its site, beside both single readings."""
    try:
        data = json.loads(BODY_WEIGHTS.read_text(encoding="utf-8"))
        cv = data["cross_validated"]
    except (OSError, ValueError, KeyError):
        print("\nbody chooser: no cross-validated figures (run make train-extraction)")
        return
    state = "adopted" if data.get("adopted") else "NOT adopted (loses a fold)"
    print(
        f"\nbody chooser ({state}), cross-validated over {data.get('pages')} pages of "
        f"{', '.join(data.get('trained_on', []))} (5 folds grouped by site; from "
        "weights/body.json, recomputed by make train-extraction); second candidate on "
        f"{cv.get('second_candidate_share', float('nan')):.3f} of pages"
    )
    print(
        "  (both readings through Gazette's parser and tidying; the body is the reading without "
        "links unless the chooser is adopted)"
    )
    print(f"  {'':<26} {'pages':>6} {'chooser':>9} {'with links':>11} {'without links':>14}")

    def row(label: str, figures: dict[str, Any]) -> None:
        pages = str(figures.get("pages", ""))
        print(
            f"  {label:<26} {pages:>6} {figures['chooser']:>9.3f} {figures['first']:>11.3f} "
            f"{figures['second']:>14.3f}"
        )

    row("all", cv["body_f1"])
    for name, figures in cv.get("per_set", {}).items():
        row(name, figures)
    for number, figures in enumerate(cv.get("per_fold", []), start=1):
        row(f"fold {number}", figures)
    for group, figures in cv.get("per_group", {}).items():
        row(group, figures)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="data set folders (default: all)")
    parser.add_argument(
        "--save", type=Path, help="write each set's predictions (gazette, trafilatura) here"
    )
    args = parser.parse_args(argv)
    folders = args.folders or [DATASETS / name for name in DEFAULT_SETS]
    missing = [str(f) for f in folders if not (f / "truth.json").is_file()]
    if missing:
        print(
            "bench-extract: data set(s) missing: " + ", ".join(missing) + "\n"
            f"  expected the shared folder at {SHARED} (next to the project root) "
            "with data/extraction/<set>/pages and truth.json",
            file=sys.stderr,
        )
        return 2
    scorer = load_scorer()
    # The extractor is plain Python: no Django setup, so the bench runs whatever the apps do.
    sys.path.insert(0, str(ROOT))
    import trafilatura

    from gazette.ingest.extraction.dataset import language_group, script_of
    from gazette.ingest.extraction.learning import (
        MATCHERS,
        cross_validate,
        labelled_pages,
        per_fold_accuracy,
        site_folds,
        site_of,
    )

    runs: dict[str, tuple[dict, dict, dict, dict, int]] = {}
    for folder in folders:
        print(
            f"{folder.name}: trafilatura {trafilatura.__version__}, then gazette", file=sys.stderr
        )
        runs[folder.name] = run_set(scorer, folder)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            for who, found in (
                ("gazette", runs[folder.name][1]),
                ("trafilatura", runs[folder.name][2]),
            ):
                (args.save / f"{folder.name}.{who}.json").write_text(json.dumps(found), "utf-8")

    # Cross-validation of the choosers over every set together, folds grouped by site.
    cv_hits: dict[str, dict[str, bool]] = {}
    cv_lines = []
    for field in CV_FIELDS:
        pages = [
            page
            for name, (truth, ours, _, _, _) in runs.items()
            for page in labelled_pages(field, name, truth, ours)
        ]
        if not pages:
            continue
        cv = cross_validate(pages)
        cv_hits[field] = cv.hits
        match = MATCHERS[field]
        theirs_right = [
            match(
                str(runs[p.key.split("/")[0]][2].get(p.key.split("/", 1)[1], {}).get(field) or ""),
                str(runs[p.key.split("/")[0]][0][p.key.split("/", 1)[1]][field]),
            )
            for p in pages
        ]
        theirs_folds = per_fold_accuracy([p.site for p in pages], theirs_right)
        cv_lines.append(
            f"  {field:<6} {cv.accuracy:.3f} over {cv.pages} pages of "
            f"{len({p.site for p in pages})} sites; per fold "
            + " ".join(f"{v:.3f}" for v in cv.per_fold)
            + f"; a candidate is right on {cv.reachable:.3f}\n"
            f"  {'':<6} trafilatura {sum(theirs_right) / len(pages):.3f}; per fold "
            + " ".join(f"{v:.3f}" for v in theirs_folds)
        )

    tables = []
    by_group: dict[str, list[list[tuple[float, float]]]] = defaultdict(lambda: [[], []])
    fold_rows: list[tuple[str, tuple[float, float], tuple[float, float]]] = []
    ours_cpu = theirs_cpu = 0.0
    for name, (truth, ours, theirs, speeds, failed) in runs.items():
        gazette = scorer.score(truth, ours)
        baseline = scorer.score(truth, theirs)
        gazette["pages_per_cpu_second"] = speeds["gazette"]
        baseline["pages_per_cpu_second"] = speeds["trafilatura"]
        ours_cpu += len(truth) / speeds["gazette"]
        theirs_cpu += len(truth) / speeds["trafilatura"]
        for field, key in CV_FIELDS.items():
            hits = [v for k, v in cv_hits.get(field, {}).items() if k.startswith(f"{name}/")]
            if hits:
                gazette[key] = sum(hits) / len(hits)
        tables.append(format_table(name, gazette["pages"], gazette, baseline, failed))
        for page_id, label in truth.items():
            mine = body_pr(scorer, label.get("body", ""), ours.get(page_id, {}).get("body", ""))
            other = body_pr(scorer, label.get("body", ""), theirs.get(page_id, {}).get("body", ""))
            language = ours.get(page_id, {}).get("language", "")
            for group in (
                f"language: {language_group(language)}",
                f"script: {script_of(label.get('body', ''))}",
            ):
                by_group[group][0].append(mine)
                by_group[group][1].append(other)
            fold_rows.append((site_of(str(label.get("url") or page_id)), mine, other))

    print("\n\n".join(tables))
    print("\nbody F1 by language (stated by the page) and by script (of the labelled text)")
    print(f"  {'':<26} {'pages':>6} {'gazette':>9} {'trafilatura':>12}")
    for group, (mine_pairs, their_pairs) in sorted(by_group.items(), key=lambda kv: kv[0]):
        print(f"  {group:<26} {len(mine_pairs):>6} {f1(mine_pairs):>9.3f} {f1(their_pairs):>12.3f}")
    folds = site_folds([site for site, _, _ in fold_rows])
    print("\nbody F1 per site-grouped fold (all sets; the body is a fixed choice, no trained part)")
    for fold in sorted(set(folds)):
        rows = [row for row, f in zip(fold_rows, folds, strict=True) if f == fold]
        ours_f1 = f1([row[1] for row in rows])
        theirs_f1 = f1([row[2] for row in rows])
        print(
            f"  fold {fold + 1}: {len(rows)} pages, gazette {ours_f1:.3f}, "
            f"trafilatura {theirs_f1:.3f}"
        )
    print_body_cv()
    if cv_lines:
        print("\nchoosers, cross-validated over all sets (5 folds grouped by site)")
        print("\n".join(cv_lines))
    print(
        f"\nspeed: gazette {len(fold_rows) / ours_cpu:.1f} pages per CPU-second, trafilatura "
        f"{len(fold_rows) / theirs_cpu:.1f} (extract + extract_metadata): "
        f"{theirs_cpu / ours_cpu:.3f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
