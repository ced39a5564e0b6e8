"""Any OpenAI-compatible chat-completions endpoint (a hosted model or a local model server)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import get_language_info

from gazette.translation.engines.base import EngineOutputError, LanguagePair
from gazette.translation.engines.http import HTTPEngine

INSTRUCTIONS = (
    "You are a news translator. Translate each string of the JSON array the user sends from "
    "{source} to {target}. Keep every tag such as <g1>, </g1> and <x1/> exactly as it is, "
    "around the words that correspond. Translate faithfully; add nothing. {terms}"
    "Answer with only a JSON array of strings, one translation per input string, same order."
)


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name"])
    except KeyError:
        return code


class OpenAIChatEngine(HTTPEngine):
    name = "openai"
    label = "a language model"
    max_batch_items = 20
    max_batch_chars = 12_000

    def problem(self, pair: LanguagePair) -> str:
        if not settings.OPENAI_TRANSLATION_URL or not settings.OPENAI_TRANSLATION_MODEL:
            return "OPENAI_TRANSLATION_URL and OPENAI_TRANSLATION_MODEL must be set"
        return ""

    def model_version(self, pair: LanguagePair) -> str:
        return settings.OPENAI_TRANSLATION_MODEL

    def translate(
        self, texts: list[str], *, pair: LanguagePair, glossary: Mapping[str, str]
    ) -> list[str]:
        terms = "".join(f'Render "{k}" as "{v}". ' for k, v in sorted(glossary.items()))
        system = INSTRUCTIONS.format(
            source=language_name(pair.source), target=language_name(pair.target), terms=terms
        )
        headers = {}
        if settings.OPENAI_TRANSLATION_API_KEY:
            headers["Authorization"] = f"Bearer {settings.OPENAI_TRANSLATION_API_KEY}"
        data = self.post(
            settings.OPENAI_TRANSLATION_URL.rstrip("/") + "/chat/completions",
            {
                "model": settings.OPENAI_TRANSLATION_MODEL,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": system},
                    {"role": "user", "content": json.dumps(texts, ensure_ascii=False)},
                ],
            },
            headers,
        )
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise EngineOutputError(
                f"the chat endpoint answered without a message: {data!r:.200}"
            ) from None
        # Models like to wrap JSON in a Markdown code fence.
        content = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", str(content))
        try:
            translated = json.loads(content)
        except ValueError:
            raise EngineOutputError(
                f"the model did not answer with JSON: {content[:200]!r}"
            ) from None
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise EngineOutputError(
                f"the model did not answer with a list of strings: {content[:200]!r}"
            )
        return translated
