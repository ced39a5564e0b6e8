"""Feed autodiscovery from the command line."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gazette.ingest.services import homepage_find_feeds
from gazette.lib.fetch import FetchError


class Command(BaseCommand):
    help = "List the feeds a homepage announces with <link rel=alternate>."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("url")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            feeds = homepage_find_feeds(url=options["url"])
        except FetchError as exc:
            raise CommandError(str(exc)) from exc
        if not feeds:
            raise CommandError(
                f"{options['url']} announces no feeds; try its /sitemap.xml or add pages one by one"
            )
        for feed in feeds:
            self.stdout.write(f"{feed.kind:10} {feed.url}  {feed.title}")
