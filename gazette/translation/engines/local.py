"""Local engines: CTranslate2 with OPUS-MT / Marian models, and Argos Translate packages.

Both run a CTranslate2 model with SentencePiece from a folder under TRANSLATION_MODEL_DIR;
nothing is downloaded. An OPUS-MT model converted with `ct2-transformers-converter` lives in
`<dir>/<src>-<tgt>/` (model.bin, source.spm, target.spm). An Argos Translate package
(`.argosmodel`, a zip) is installed with `manage.py install_translation_model FILE`, which
unpacks it to `<dir>/argos/<src>-<tgt>/` (model/, sentencepiece.model, metadata.json). The
`argostranslate` library itself is not used: it depends on torch and stanza.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from gazette.translation.engines.base import (
    EngineOutputError,
    EngineUnavailable,
    LanguagePair,
    TranslationEngine,
)

_lock = threading.Lock()


@lru_cache(maxsize=8)
def _load(model_dir: str, source_spm: str, target_spm: str, threads: int) -> tuple[Any, Any, Any]:
    import ctranslate2
    import sentencepiece

    translator = ctranslate2.Translator(model_dir, device="cpu", intra_threads=threads)
    source = sentencepiece.SentencePieceProcessor(model_file=source_spm)
    target = sentencepiece.SentencePieceProcessor(model_file=target_spm)
    return translator, source, target


@lru_cache(maxsize=16)
def _file_digest(path: str, size: int, mtime: float) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


class CTranslate2Engine(TranslationEngine):
    name = "ctranslate2"
    label = "OPUS-MT (CTranslate2, on our server)"

    def files(self, pair: LanguagePair) -> tuple[Path, Path, Path] | None:
        """(model folder, source SentencePiece, target SentencePiece), or None if not installed."""
        base = Path(settings.TRANSLATION_MODEL_DIR)
        for folder in (base / str(pair), base / f"opus-mt-{pair}"):
            if (folder / "model.bin").exists() and (folder / "source.spm").exists():
                return folder, folder / "source.spm", folder / "target.spm"
        return None

    def problem(self, pair: LanguagePair) -> str:
        if self.files(pair) is None:
            return (
                f"no CTranslate2 model for {pair} in {settings.TRANSLATION_MODEL_DIR} "
                f"(expected {pair}/model.bin with source.spm and target.spm)"
            )
        return ""

    def model_version(self, pair: LanguagePair) -> str:
        files = self.files(pair)
        if files is None:
            return ""
        model = files[0] / "model.bin"
        stat = model.stat()
        digest = _file_digest(str(model), stat.st_size, stat.st_mtime)
        return f"{self.version_name(files[0], pair)}@{digest}"

    def version_name(self, folder: Path, pair: LanguagePair) -> str:
        """How the memory names the model: a new model version never reuses old translations."""
        return folder.name

    def decoding_limit(self, longest: int) -> int:
        """Most tokens to decode for a batch whose longest input has `longest` tokens.

        Generous (a translation is rarely twice its source's length); the service refuses
        output much longer than its source anyway.
        """
        return 4 * longest + 16

    def decoding_floor(self, longest: int) -> int:
        """Fewest tokens to decode (the model decides where a translation ends)."""
        return 1

    def translate(
        self, texts: list[str], *, pair: LanguagePair, glossary: Mapping[str, str]
    ) -> list[str]:
        files = self.files(pair)
        if files is None:
            raise EngineUnavailable(self.problem(pair))
        folder, source_spm, target_spm = files
        translator, source, target = _load(
            str(folder), str(source_spm), str(target_spm), settings.TRANSLATION_THREADS
        )
        tokens = [[*source.encode(text, out_type=str), "</s>"] for text in texts]
        longest = max((len(t) for t in tokens), default=1)
        limit = settings.TRANSLATION_MAX_TOKENS
        try:
            with _lock:  # one translation at a time per process keeps memory use flat
                results = translator.translate_batch(
                    tokens,
                    beam_size=2,
                    max_input_length=limit,
                    max_decoding_length=min(self.decoding_limit(longest), limit),
                    min_decoding_length=min(self.decoding_floor(longest), limit),
                )
        except (RuntimeError, ValueError) as exc:
            # e.g. a sentence longer than the model's positions: recorded, retried, not a crash.
            raise EngineOutputError(
                f"{self.name} could not translate this batch ({exc}); if the model has fewer "
                f"positions than TRANSLATION_MAX_TOKENS={limit}, lower that setting"
            ) from exc
        output = [target.decode(result.hypotheses[0]) for result in results]
        if len(output) != len(texts):
            raise EngineOutputError(f"{self.name} returned {len(output)} of {len(texts)} segments")
        return output


class ArgosEngine(CTranslate2Engine):
    name = "argos"
    label = "Argos Translate (on our server)"

    def files(self, pair: LanguagePair) -> tuple[Path, Path, Path] | None:
        folder = Path(settings.TRANSLATION_MODEL_DIR) / "argos" / str(pair)
        spm = folder / "sentencepiece.model"
        if (folder / "model" / "model.bin").exists() and spm.exists():
            return folder / "model", spm, spm
        return None

    def problem(self, pair: LanguagePair) -> str:
        if self.files(pair) is None:
            return (
                f"no Argos Translate package for {pair} installed in "
                f"{settings.TRANSLATION_MODEL_DIR}/argos (manage.py install_translation_model "
                "FILE.argosmodel)"
            )
        return ""

    def version_name(self, folder: Path, pair: LanguagePair) -> str:
        return f"argos-{pair}"
