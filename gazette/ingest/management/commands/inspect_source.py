"""Show what Gazette would take from a feed, sitemap or article page, storing nothing."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gazette.ingest.inspection import Inspection, inspect_source


class Command(BaseCommand):
    help = (
        "Inspect a feed, sitemap or article page (file or URL): the format detected and the "
        "entries or article Gazette would take, or why it refuses it. Stores nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("target", help="A file path or an http(s) URL.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument("--limit", type=int, default=20, help="Entries to list (text mode).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = inspect_source(options["target"])
        except Exception as exc:  # editors get a reason, never a traceback
            report = Inspection(source=options["target"], reason=f"{type(exc).__name__}: {exc}")
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        else:
            self._write_text(report, options["limit"])
        if report.kind == "refused":
            raise CommandError(f"refused: {report.reason}", returncode=1)

    def _write_text(self, report: Inspection, limit: int) -> None:
        out = self.stdout.write
        out(f"Source: {report.source}")
        if report.kind == "listing":
            out(f"Format: {report.format}, {len(report.entries)} entries")
            for child in report.children:
                out(f"  child listing: {child}")
            for entry in report.entries[:limit]:
                when = entry["published_at"] or "no date"
                author = f" — {entry['author']}" if entry["author"] else ""
                out(f"  {when}  {entry['title'] or '(no title)'}{author}\n    {entry['url']}")
            if len(report.entries) > limit:
                out(f"  … {len(report.entries) - limit} more (use --limit or --json)")
            for reason in report.skipped[:limit]:
                out(f"  {reason}")
        elif report.kind == "article":
            article = report.article
            out("Format: article page")
            out(f"Title: {article['title']}")
            out(f"Author: {article['author'] or '(none found)'}")
            published = article["published_at"] or f"({article['published_at_note']})"
            out(f"Published: {published}")
            if article["modified_at"]:
                out(f"Modified: {article['modified_at']}")
            out(f"Language: {article['language'] or '(not declared)'}")
            out(f"Canonical URL: {article['canonical_url']}")
            out(f"Text: {article['text_chars']:,} characters")
        for feed in report.feeds:
            out(f"Feed announced: {feed['kind']} {feed['url']} {feed['title']}".rstrip())
