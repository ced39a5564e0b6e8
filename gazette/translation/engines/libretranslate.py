"""LibreTranslate (https://libretranslate.com or your own): POST /translate."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from gazette.translation.engines.base import EngineOutputError, LanguagePair
from gazette.translation.engines.http import HTTPEngine, from_markup, to_markup


class LibreTranslateEngine(HTTPEngine):
    name = "libretranslate"
    label = "LibreTranslate"
    max_batch_items = 25

    def problem(self, pair: LanguagePair) -> str:
        return "" if settings.LIBRETRANSLATE_URL else "LIBRETRANSLATE_URL is not set"

    def model_version(self, pair: LanguagePair) -> str:
        return settings.LIBRETRANSLATE_URL.rstrip("/")

    def translate(
        self, texts: list[str], *, pair: LanguagePair, glossary: Mapping[str, str]
    ) -> list[str]:
        payload: dict[str, object] = {
            "q": [to_markup(text) for text in texts],
            "source": pair.source,
            "target": pair.target,
            "format": "html",
        }
        if settings.LIBRETRANSLATE_API_KEY:
            payload["api_key"] = settings.LIBRETRANSLATE_API_KEY
        data = self.post(settings.LIBRETRANSLATE_URL.rstrip("/") + "/translate", payload)
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise EngineOutputError(
                f"LibreTranslate answered without translatedText: {data!r:.200}"
            )
        return [from_markup(text) for text in translated]
