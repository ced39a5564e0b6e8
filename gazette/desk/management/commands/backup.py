"""`manage.py backup [PATH]`: copy the SQLite database to a new file while the site runs.

SQLite's online backup API (`sqlite3.Connection.backup`) copies the pages in steps, printing
progress. The source is read inside one read transaction held from the first step to the
last, so the copy is the database as it was at that moment: in WAL mode the web server,
worker and scheduler go on writing meanwhile (they are never blocked, and their writes do not
restart the copy). The copy is written under a temporary name, switched out of WAL into a
single self-contained file, checked with `PRAGMA integrity_check`, readable by its owner only
(it holds password hashes and sessions), and only then given its name.

PostgreSQL is refused with the `pg_dump` command to use instead (README, "Backups").
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

PAGES_PER_STEP = 1024  # 4 MiB at SQLite's default page size: one short read lock per step

POSTGRES = """manage.py backup copies SQLite databases; this site runs on PostgreSQL.
Use pg_dump, which takes a consistent snapshot while the site keeps running:
  pg_dump --format=custom --file=gazette-$(date +%Y%m%d-%H%M%S).dump --dbname="$DATABASE_URL"
and pg_restore to bring one back, into a new empty database:
  pg_restore --no-owner --exit-on-error --single-transaction --dbname=NEW_DATABASE_URL FILE.dump
(README, section Backups.)"""


def human_size(size: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # a backup must run even on a misconfigured site
    help = (
        "Copy the SQLite database to a new file (default DATA_DIR/backups/"
        "gazette-YYYYmmdd-HHMMSS.sqlite3) with the online backup API, safe while the site runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="the file to write (never overwritten), or a folder to write it into",
        )

    def handle(self, *args: Any, path: str | None = None, **options: Any) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRES)
        source = Path(connection.settings_dict["NAME"])
        if str(source) == ":memory:" or not source.is_file():
            raise CommandError(f"there is no SQLite database file at {source} to back up")
        target = self.target(path)
        if target.exists():
            raise CommandError(f"{target} already exists; a backup never overwrites a file")
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        verbose = options["verbosity"] >= 1
        if verbose:
            self.stdout.write(f"Backing up {source} to {target} …")
        try:
            partial.unlink(missing_ok=True)  # a crashed run's leftover
            partial.touch(mode=0o600)
            self.copy(source, partial, verbose=verbose)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        size = target.stat().st_size
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup written to {target} ({human_size(size)}, {size:,} bytes)"
                )
            )

    def target(self, path: str | None) -> Path:
        name = f"gazette-{timezone.localtime():%Y%m%d-%H%M%S}.sqlite3"
        if path is None:
            return Path(settings.DATA_DIR) / "backups" / name
        chosen = Path(path).expanduser()
        is_folder = chosen.is_dir() or path.endswith(("/", os.sep))
        return chosen / name if is_folder else chosen

    def copy(self, source: Path, partial: Path, *, verbose: bool) -> None:
        shown = [-1]

        def progress(status: int, remaining: int, total: int) -> None:
            done = total - remaining
            tenth = 10 * done // max(total, 1)
            if verbose and (tenth > shown[0] or remaining == 0):
                shown[0] = tenth
                self.stdout.write(
                    f"  copied {done:,} of {total:,} pages ({100 * done // max(total, 1)}%)"
                )

        reader = sqlite3.connect(source, timeout=20, isolation_level=None)
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            # One read transaction for the whole copy: a snapshot, so writes by other
            # connections between steps neither show up in the copy nor restart it.
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
            reader.backup(copy, pages=PAGES_PER_STEP, progress=progress)
            reader.execute("COMMIT")
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise CommandError(f"the copy failed its integrity check: {problems[:5]}")
        except sqlite3.Error as exc:
            raise CommandError(f"the backup failed: {exc}") from exc
        finally:
            copy.close()
            reader.close()
