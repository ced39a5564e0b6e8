"""Gazette's extractor against plain trafilatura on the extraction data sets, in one run.

Reads the data sets from ../shared/data/extraction (next to the project) and scores both
extractors with ../shared/bench/extraction_score.py. Usage: `make bench-extract`, or
`python bench/extract.py [DIR ...]` for other folders in the same layout.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "bench" / "extraction_score.py"
DATASETS = SHARED / "data" / "extraction"
DEFAULT_SETS = ("scrapinghub", "wcxb-articles")
ROWS = (
    ("body_f1", "body F1"),
    ("body_precision", "body precision"),
    ("body_recall", "body recall"),
    ("title_accuracy", "title accuracy"),
    ("author_accuracy", "author accuracy"),
    ("date_accuracy", "date accuracy"),
    ("pages_per_cpu_second", "pages per CPU-second"),
)


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    if not SCORER.is_file() or spec is None or spec.loader is None:
        sys.exit(
            f"bench-extract: the scorer {SCORER} is missing (is ../shared next to the project?)"
        )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_set(scorer: ModuleType, folder: Path) -> tuple[dict[str, Any], dict[str, Any], int]:
    from gazette.ingest.extraction.dataset import dataset_extract

    truth = scorer.load_dataset(folder)
    baseline_pred, baseline_cpu = scorer.trafilatura_predictions(folder, truth)
    baseline = scorer.score(truth, baseline_pred)
    baseline["pages_per_cpu_second"] = len(truth) / baseline_cpu

    live = sys.stderr.isatty()

    def progress(done: int, total: int, failed: int) -> None:
        if live:
            print(f"\r  gazette {done}/{total} pages, {failed} failed", end="", file=sys.stderr)
        elif done == total:
            print(f"  gazette {done}/{total} pages, {failed} failed", file=sys.stderr)

    run = dataset_extract(folder, progress=progress)
    if live:
        print(file=sys.stderr)
    gazette = scorer.score(truth, run.predictions)
    gazette["pages_per_cpu_second"] = run.pages_per_cpu_second
    return gazette, baseline, len(run.failures)


def format_table(name: str, pages: int, gazette: dict, baseline: dict, failed: int) -> str:
    lines = [
        f"{name} ({pages} pages, {failed} failed)",
        f"  {'':<22} {'gazette':>9} {'trafilatura':>12} {'ratio':>8}",
    ]
    for key, label in ROWS:
        if key not in baseline and key not in gazette:
            continue
        ours, theirs = gazette.get(key, float("nan")), baseline.get(key, float("nan"))
        ratio = f"{ours / theirs:.3f}x" if theirs else "-"
        lines.append(f"  {label:<22} {ours:>9.3f} {theirs:>12.3f} {ratio:>8}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="data set folders (default: both)")
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

    tables = []
    for folder in folders:
        print(
            f"{folder.name}: trafilatura {trafilatura.__version__}, then gazette", file=sys.stderr
        )
        gazette, baseline, failed = run_set(scorer, folder)
        tables.append(format_table(folder.name, gazette["pages"], gazette, baseline, failed))
    print("\n\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
