"""System checks for the translation settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Info, Warning, register

from gazette.translation.engines.base import LanguagePair
from gazette.translation.engines.registry import ENGINES, EngineConfigError, parse_rules


@register()
def check_translation_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    try:
        rules = parse_rules(settings.TRANSLATION_ENGINES)
    except EngineConfigError as exc:
        return [
            Error(
                f"TRANSLATION_ENGINES={settings.TRANSLATION_ENGINES!r}: {exc}.",
                hint="e.g. de-en=ctranslate2,libretranslate;*-en=deepl, or none.",
                id="translation.E001",
            )
        ]
    if not any(names for _pattern, names in rules):
        return [
            Info(
                "No translation engine is configured: articles not in the site's language "
                "wait for a human translation.",
                hint="Set TRANSLATION_ENGINES (README, section Translation).",
                id="translation.I001",
            )
        ]
    messages: list[CheckMessage] = []
    for pattern, names in rules:
        source, _, target = pattern.partition("-")
        pair = LanguagePair(source if source != "*" else "xx", target or settings.SITE_LANGUAGE)
        for name in names:
            problem = (
                ENGINES[name]().problem(pair)
                if "*" not in pattern
                or name
                not in (
                    "ctranslate2",
                    "argos",
                )
                else ""
            )
            if problem:
                messages.append(
                    Warning(
                        f"Translation engine {name} for {pattern}: {problem}.",
                        hint="Install the model or set the engine's variables "
                        "(docs/configuration.md); until then the next engine is tried.",
                        id="translation.W001",
                    )
                )
    if settings.TRANSLATION_DAILY_BUDGET < 0:
        messages.append(
            Error(
                "TRANSLATION_DAILY_BUDGET must be 0 (no limit) or positive.",
                id="translation.E002",
            )
        )
    return messages
