from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gazette.discovery.services import discovery_rebuild


class Command(BaseCommand):
    help = (
        "Index, embed and cluster the published articles of the last DAYS again, oldest "
        "first (after a change of embedding backend, or to repair the search index)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="how far back (default 30)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            raise CommandError("--days must be at least 1")

        def progress(done: int, total: int) -> None:
            if done == total or done % max(1, total // 20) == 0:  # about every 5%
                self.stdout.write(f"{done}/{total} articles ({100 * done // total}%)")

        count = discovery_rebuild(since_days=options["days"], progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Discovery rebuilt for {count} articles."))
