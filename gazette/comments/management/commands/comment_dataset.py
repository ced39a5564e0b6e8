"""Run the moderation decision over a CSV of comments, storing nothing."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from gazette.comments import classifier, markup, spam
from gazette.comments.models import Moderation


class Command(BaseCommand):
    help = (
        "Decide publish / hold / reject for each comment of CSV (id,author,date,text,label; "
        "the date may be empty) as if each came from a first-time commenter whose address is "
        "confirmed, without storing anything. Only the text is judged: never the id, author "
        "or date. Writes id,decision to --out."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument(
            "--moderation",
            choices=[choice.value for choice in Moderation],
            default=Moderation.NONE,
            help="The section's policy to decide under (default none: the spam defence alone "
            "decides; first_timers or all would hold every comment of a first-time commenter).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with options["csv"].open(encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"cannot read {options['csv']}: {error}") from error
        if rows and ("id" not in rows[0] or "text" not in rows[0]):
            raise CommandError(f"{options['csv']}: want the columns id,author,date,text,label")
        try:
            model = spam.current_model()  # with what the moderators have taught it
        except DatabaseError:
            model = classifier.shipped_model()
            self.stderr.write("no migrated database: deciding with the shipped weights")
        decided: dict[str, int] = {}
        try:
            out = options["out"].open("w", encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(f"cannot write {options['out']}: {error}") from error
        with out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(("id", "decision"))
            for number, row in enumerate(rows, start=1):
                # The text as the site would store it: cut at the length limit, made safe.
                text = markup.clean_text(row.get("text") or "")[: settings.COMMENTS_MAX_LENGTH]
                verdict = spam.judge(
                    text=text, moderation=options["moderation"], first_timer=True, model=model
                )
                writer.writerow((row["id"], verdict.decision))
                decided[verdict.decision] = decided.get(verdict.decision, 0) + 1
                if number % 200 == 0:
                    print(f"  {number}/{len(rows)} comments decided", file=sys.stderr)
        summary = ", ".join(f"{n} {decision}" for decision, n in sorted(decided.items()))
        self.stdout.write(f"{len(rows)} comments: {summary}; wrote {options['out']}")
