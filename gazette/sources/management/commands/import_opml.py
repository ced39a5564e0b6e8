"""Register every feed of an OPML subscription list as a source."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gazette.sources.opml import OPMLError
from gazette.sources.services import sources_import_opml
from gazette.states import LicencePolicy


class Command(BaseCommand):
    help = "Import the feeds of an OPML file as sources (existing feed URLs are left alone)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--language", required=True, help="Language of feeds whose outline names none."
        )
        parser.add_argument(
            "--licence", choices=LicencePolicy.values, default=LicencePolicy.EXCERPT
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = options["file"].read_bytes()
            created, existing = sources_import_opml(
                data=data, language=options["language"], licence=options["licence"]
            )
        except (OSError, OPMLError) as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        for source in created:
            self.stdout.write(f"added  {source.name}  {source.feed_url}")
        for url in existing:
            self.stdout.write(f"exists {url}")
        self.stdout.write(f"{len(created)} source(s) added, {len(existing)} already registered")
