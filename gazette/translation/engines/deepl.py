"""DeepL API (free and pro): POST /v2/translate, with its glossaries for the pair's terms."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from django.conf import settings

from gazette.translation.engines.base import EngineOutputError, LanguagePair
from gazette.translation.engines.http import HTTPEngine, from_markup, to_markup

FREE_URL = "https://api-free.deepl.com"
PRO_URL = "https://api.deepl.com"
# DeepL wants a regional variant for these target languages.
TARGET_VARIANTS = {"en": "EN-GB", "pt": "PT-PT"}

_glossaries: dict[tuple[str, str, str], str] = {}


class DeepLEngine(HTTPEngine):
    name = "deepl"
    label = "DeepL"
    max_batch_items = 50
    max_batch_chars = 100_000

    @property
    def base_url(self) -> str:
        if settings.DEEPL_API_URL:
            return settings.DEEPL_API_URL.rstrip("/")
        # Keys of the free plan end in ":fx" and only work on the free endpoint.
        return FREE_URL if settings.DEEPL_API_KEY.endswith(":fx") else PRO_URL

    def problem(self, pair: LanguagePair) -> str:
        return "" if settings.DEEPL_API_KEY else "DEEPL_API_KEY is not set"

    def model_version(self, pair: LanguagePair) -> str:
        return "deepl-free" if self.base_url == FREE_URL else "deepl"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"DeepL-Auth-Key {settings.DEEPL_API_KEY}"}

    def glossary_id(self, pair: LanguagePair, glossary: Mapping[str, str]) -> str:
        """The id of a DeepL glossary holding exactly these entries, created once."""
        entries = "\n".join(f"{k}\t{v}" for k, v in sorted(glossary.items()))
        key = (self.base_url, str(pair), hashlib.sha256(entries.encode()).hexdigest())
        if key not in _glossaries:
            data = self.post(
                self.base_url + "/v2/glossaries",
                {
                    "name": f"gazette {pair} {key[2][:12]}",
                    "source_lang": pair.source,
                    "target_lang": pair.target,
                    "entries": entries,
                    "entries_format": "tsv",
                },
                self.headers(),
            )
            if not isinstance(data, dict) or not data.get("glossary_id"):
                raise EngineOutputError(f"DeepL created no glossary: {data!r:.200}")
            _glossaries[key] = str(data["glossary_id"])
        return _glossaries[key]

    def translate(
        self, texts: list[str], *, pair: LanguagePair, glossary: Mapping[str, str]
    ) -> list[str]:
        payload: dict[str, object] = {
            "text": [to_markup(text) for text in texts],
            "source_lang": pair.source.upper(),
            "target_lang": TARGET_VARIANTS.get(pair.target, pair.target.upper()),
            "tag_handling": "xml",
            "split_sentences": "nonewlines",
        }
        if glossary:
            payload["glossary_id"] = self.glossary_id(pair, glossary)
        data = self.post(self.base_url + "/v2/translate", payload, self.headers())
        translations = data.get("translations") if isinstance(data, dict) else None
        if not isinstance(translations, list):
            raise EngineOutputError(f"DeepL answered without translations: {data!r:.200}")
        return [from_markup(str(item.get("text", ""))) for item in translations]
