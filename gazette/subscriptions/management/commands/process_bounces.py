from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gazette.subscriptions import bounces


class Command(BaseCommand):
    help = (
        "Read bounce and complaint reports (DSN, ARF) from an mbox file or a Maildir folder: "
        "hard bounces and complaints suppress the address, soft bounces are counted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="an mbox file or a Maildir folder")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.exists():
            raise CommandError(f"{path} does not exist: give the bounce mailbox's mbox or Maildir.")
        total = {"hard": 0, "soft": 0, "complaint": 0, "unsubscribe": 0}
        seen = 0
        for seen, message in enumerate(bounces.messages_at(path), start=1):
            for kind, n in bounces.apply(bounces.reports_in(message)).items():
                total[kind] += n
            if seen % 500 == 0:
                self.stdout.write(f"{seen} messages read …")
        self.stdout.write(
            f"{seen} messages: {total['hard']} hard bounces and {total['complaint']} complaints "
            f"suppressed, {total['soft']} soft bounces counted, "
            f"{total['unsubscribe']} unsubscribed by mail."
        )
