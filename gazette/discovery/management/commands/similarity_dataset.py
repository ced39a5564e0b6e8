from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gazette.discovery.datasets import BACKENDS, pair_scores, write_csv


class Command(BaseCommand):
    help = "Score article pairs (JSON Lines, text1/text2, optionally gzipped): pair_id,score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pairs", type=Path)
        parser.add_argument("--out", type=Path, required=True, help="prediction CSV to write")
        parser.add_argument(
            "--backend",
            choices=BACKENDS,
            default=None,
            help="lexical or local (default: the configured backend)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["pairs"].is_file():
            raise CommandError(f"{options['pairs']}: no such file")
        try:
            rows = pair_scores(options["pairs"], backend=options["backend"])
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{options['pairs']}: not a pairs file ({exc})") from exc
        write_csv(options["out"], ("pair_id", "score"), [(k, f"{v:.6f}") for k, v in rows])
        self.stdout.write(f"{len(rows)} pairs scored -> {options['out']}")
