"""Install a translation model from a file: an Argos Translate package or a model folder/zip."""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Install a translation model from a local file: FILE.argosmodel (Argos Translate "
        "package) or a CTranslate2 OPUS-MT folder or .zip (with --pair de-en). Never downloads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--pair", default="", help="src-tgt for a CTranslate2 model, e.g. de-en"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        base = Path(settings.TRANSLATION_MODEL_DIR)
        with tempfile.TemporaryDirectory() as tmp:
            folder = path
            if path.is_file():
                if not zipfile.is_zipfile(path):
                    raise CommandError(f"{path} is neither a folder nor a zip/.argosmodel file")
                with zipfile.ZipFile(path) as archive:
                    archive.extractall(tmp)  # a file the operator chose
                entries = [p for p in Path(tmp).iterdir()]
                folder = entries[0] if len(entries) == 1 and entries[0].is_dir() else Path(tmp)
            metadata = folder / "metadata.json"
            if metadata.exists():
                info = json.loads(metadata.read_text())
                pair = f"{info['from_code']}-{info['to_code']}"
                if not (folder / "model" / "model.bin").exists():
                    raise CommandError("the Argos package has no model/model.bin")
                target = base / "argos" / pair
            else:
                pair = options["pair"]
                if not pair or not (folder / "model.bin").exists():
                    raise CommandError(
                        "a CTranslate2 model needs model.bin, source.spm, target.spm and --pair"
                    )
                target = base / pair
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(folder, target)
        self.stdout.write(f"installed {pair} in {target}")
