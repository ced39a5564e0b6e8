"""Run Gazette's extractor over a labelled data set folder and write scorer predictions."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gazette.ingest.extraction.dataset import DatasetError, dataset_extract


class Command(BaseCommand):
    help = (
        "Extract every page of a data set folder (DIR/pages/<id>.html[.gz] + DIR/truth.json) "
        "and write predictions in the format bench/extraction_score.py reads."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path, help="The data set folder (DIR).")
        parser.add_argument(
            "--out", type=Path, required=True, help="Where to write the predictions (JSON)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        out = Path(options["out"])
        interactive = sys.stderr.isatty()

        def progress(done: int, total: int, failed: int) -> None:
            # A live counter on a terminal; a line every 50 pages in logs.
            if interactive:
                self.stderr.write(f"\r{done}/{total} pages, {failed} failed", ending="")
            elif done % 50 == 0 or done == total:
                self.stderr.write(f"{done}/{total} pages, {failed} failed")

        try:
            run = dataset_extract(folder, progress=progress)
        except DatasetError as exc:
            raise CommandError(str(exc)) from exc
        if interactive:
            self.stderr.write("")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(run.predictions, ensure_ascii=False, indent=1), encoding="utf-8")
        for page_id, reason in run.failures.items():
            self.stderr.write(f"failed {page_id}: {reason}")
        self.stdout.write(
            f"{len(run.predictions)} pages, {len(run.failures)} failed, "
            f"{run.pages_per_cpu_second:.1f} pages per CPU-second; predictions in {out}"
        )
