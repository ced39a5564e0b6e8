"""Install a local translation model: an Argos Translate package by name from the package
index, or from a file (an .argosmodel, or a CTranslate2 OPUS-MT folder with --pair)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gazette.translation.packages import (
    InstalledModel,
    PackageError,
    index_read,
    install_argos_file,
    install_ctranslate2_folder,
    install_from_index,
)


class Command(BaseCommand):
    help = (
        "Install a translation model for the local engines: NAME (e.g. translate-de_en) from "
        "the Argos package index (TRANSLATION_PACKAGE_INDEX_URL), or --file PATH: an "
        ".argosmodel file, or a CTranslate2 OPUS-MT folder with --pair de-en. --list shows the "
        "index's packages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "name", nargs="?", default="", help="package name, or a path (as --file)"
        )
        parser.add_argument("--file", type=Path, default=None, help="install from this file")
        parser.add_argument("--pair", default="", help="src-tgt of a CTranslate2 model folder")
        parser.add_argument("--index-url", default="", help="another package index")
        parser.add_argument("--list", action="store_true", help="list the index's packages")

    def handle(self, *args: Any, **options: Any) -> None:
        self._last = -1
        try:
            if options["list"]:
                for package in index_read(options["index_url"] or None):
                    size = f"{package.size / 1e6:.0f} MB" if package.size else "size unknown"
                    self.stdout.write(
                        f"{package.name:22} {package.version:8} {package.from_name} → "
                        f"{package.to_name} ({size})"
                    )
                return
            path: Path | None = options["file"]
            name: str = options["name"]
            if path is None and name and Path(name).exists():
                path = Path(name)
            if path is not None:
                model = self._install_file(path, pair=options["pair"])
            elif name:
                model = install_from_index(
                    name, index_url=options["index_url"] or None, progress=self._progress
                )
            else:
                raise CommandError("name a package (e.g. translate-de_en) or give --file PATH")
        except PackageError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"installed {model.pair} for the {model.engine} engine in {model.folder}"
            )
        )
        self.stdout.write(
            f"use it with TRANSLATION_ENGINES={model.pair}={model.engine} (or add it to a rule)"
        )

    def _install_file(self, path: Path, *, pair: str) -> InstalledModel:
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        if path.is_dir():
            return install_ctranslate2_folder(path, pair=pair)
        return install_argos_file(path, progress=self._progress)

    def _progress(self, stage: str, done: int, total: int | None) -> None:
        if stage == "index":
            self.stdout.write("reading the package index…")
        elif stage == "download":
            # One line per 5 % (or per 10 MB without a size), rewritten on a terminal.
            step = (total // 20 if total else 10_000_000) or 1
            if done // step == self._last and done != total:
                return
            self._last = done // step
            shown = f"{done / 1e6:.1f} MB" + (
                f" of {total / 1e6:.1f} MB ({100 * done // total} %)" if total else ""
            )
            end = "\r" if sys.stdout.isatty() and done != total else "\n"
            self.stdout.write(f"downloading: {shown}", ending=end)
        elif stage == "unpack":
            self.stdout.write("checking and unpacking…")
