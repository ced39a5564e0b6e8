from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gazette.discovery.datasets import BACKENDS, cluster_rows, write_csv


class Command(BaseCommand):
    help = "Cluster a UCI-style headline CSV (ID, TITLE, TIMESTAMP) into stories: ID,cluster."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)
        parser.add_argument("--out", type=Path, required=True, help="prediction CSV to write")
        parser.add_argument(
            "--backend",
            choices=BACKENDS,
            default=None,
            help="lexical or local (default: the configured backend)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["csv"].is_file():
            raise CommandError(f"{options['csv']}: no such file")
        try:
            rows = cluster_rows(options["csv"], backend=options["backend"])
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{options['csv']}: not a UCI-style CSV ({exc})") from exc
        write_csv(options["out"], ("ID", "cluster"), list(rows))
        stories = len({label for _, label in rows})
        self.stdout.write(f"{len(rows)} headlines in {stories} stories -> {options['out']}")
