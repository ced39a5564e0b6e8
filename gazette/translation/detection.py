"""Language detection with lingua, restricted to the languages in TRANSLATION_LANGUAGES."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [
        getattr(IsoCode639_1, code.upper()) for code in codes if hasattr(IsoCode639_1, code.upper())
    ]
    if len(isos) < 2:
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_low_accuracy_mode().build()


def configured_languages(*extra: str) -> tuple[str, ...]:
    return tuple(
        sorted({code.lower() for code in (*settings.TRANSLATION_LANGUAGES, *extra) if code})
    )


def detect_language(text: str, *, extra: tuple[str, ...] = ()) -> str:
    """The ISO 639-1 code of the language `text` is in, or "" when unsure."""
    detector = _detector(configured_languages(*extra))
    if detector is None or len(text.strip()) < 20:
        return ""
    language = detector.detect_language_of(text[:5000])
    return language.iso_code_639_1.name.lower() if language is not None else ""


def is_language(
    text: str, code: str, *, extra: tuple[str, ...] = (), threshold: float = 0.9
) -> bool:
    """Whether `text` is confidently in `code` (used to leave quotes in the site language alone)."""
    detector = _detector(configured_languages(code, *extra))
    if detector is None or len(text.strip()) < 40:
        return False
    for value in detector.compute_language_confidence_values(text[:2000]):
        if value.language.iso_code_639_1.name.lower() == code:
            return bool(value.value >= threshold)
    return False
