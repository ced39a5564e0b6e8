"""The one interface every translation engine implements, and the errors it raises."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class LanguagePair:
    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.source}-{self.target}"


class EngineError(Exception):
    """An engine could not translate; `str()` is a reason an editor can act on."""


class EngineUnavailable(EngineError):
    """Temporary: a timeout, 429 or 5xx after retries, a model not installed. Retried later."""


class EngineRequestError(EngineError):
    """The engine refused the request (4xx): a wrong key, an unsupported language."""


class EngineOutputError(EngineError):
    """The engine answered with something that is not a translation of what was sent."""


class TranslationEngine(ABC):
    """Translates lists of segments (text with `<g1>…</g1>` / `<x1/>` placeholders)."""

    name: ClassVar[str]
    label: ClassVar[str]  # shown to readers: "Translated from German by <label>"
    remote: ClassVar[bool] = False  # sends text to someone else's server; counts against budget
    max_batch_items: ClassVar[int] = 32
    max_batch_chars: ClassVar[int] = 20_000

    @abstractmethod
    def model_version(self, pair: LanguagePair) -> str:
        """What produced the output, so memory entries of an old model are not reused."""

    @abstractmethod
    def translate(
        self, texts: list[str], *, pair: LanguagePair, glossary: Mapping[str, str]
    ) -> list[str]:
        """One translation per text, in order."""

    def problem(self, pair: LanguagePair) -> str:
        """Why this engine cannot serve `pair` as configured ("" when it can)."""
        return ""

    def batches(self, texts: list[str]) -> Iterator[list[str]]:
        batch: list[str] = []
        size = 0
        for text in texts:
            if batch and (
                len(batch) >= self.max_batch_items or size + len(text) > self.max_batch_chars
            ):
                yield batch
                batch, size = [], 0
            batch.append(text)
            size += len(text)
        if batch:
            yield batch
