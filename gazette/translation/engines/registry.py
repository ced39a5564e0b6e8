"""Which engines translate which language pair, from TRANSLATION_ENGINES.

The setting is a list of rules separated by ";": `PAIR=ENGINE,ENGINE`, tried in order. A pair
is `de-en`, `*-en` (any source into English) or `*`. The first rule that matches a pair wins;
`none` (the default) means no engine: articles wait for a human translation.
"""

from __future__ import annotations

from django.conf import settings

from gazette.translation.engines.base import LanguagePair, TranslationEngine
from gazette.translation.engines.deepl import DeepLEngine
from gazette.translation.engines.libretranslate import LibreTranslateEngine
from gazette.translation.engines.local import ArgosEngine, CTranslate2Engine
from gazette.translation.engines.openai_chat import OpenAIChatEngine

ENGINES: dict[str, type[TranslationEngine]] = {
    engine.name: engine
    for engine in (
        CTranslate2Engine,
        ArgosEngine,
        LibreTranslateEngine,
        DeepLEngine,
        OpenAIChatEngine,
    )
}


class EngineConfigError(ValueError):
    pass


def parse_rules(spec: str) -> list[tuple[str, list[str]]]:
    """[(pair pattern, [engine names])]; raise EngineConfigError for a malformed setting."""
    spec = spec.strip()
    if spec.lower() in ("", "none"):
        return []
    rules: list[tuple[str, list[str]]] = []
    for rule in spec.split(";"):
        if not rule.strip():
            continue
        pattern, sep, names = rule.partition("=")
        pattern = pattern.strip().lower()
        if not sep:
            raise EngineConfigError(f"{rule.strip()!r} has no '=': write e.g. de-en=ctranslate2")
        if pattern != "*" and (pattern.count("-") != 1 or not all(pattern.split("-"))):
            raise EngineConfigError(f"{pattern!r} is not a pair such as de-en, *-en or *")
        engines = [name.strip().lower() for name in names.split(",") if name.strip()]
        unknown = [name for name in engines if name not in ENGINES and name != "none"]
        if unknown:
            raise EngineConfigError(
                f"unknown translation engine {unknown[0]!r}: use {', '.join(ENGINES)} or none"
            )
        rules.append((pattern, [name for name in engines if name != "none"]))
    return rules


def _matches(pattern: str, pair: LanguagePair) -> bool:
    if pattern == "*":
        return True
    source, target = pattern.split("-")
    return source in ("*", pair.source) and target in ("*", pair.target)


def engine_names_for(pair: LanguagePair, spec: str | None = None) -> list[str]:
    rules = parse_rules(settings.TRANSLATION_ENGINES if spec is None else spec)
    # Most specific first: de-en, then *-en / de-*, then *.
    for pattern, names in sorted(
        rules, key=lambda rule: 2 if rule[0] == "*" else rule[0].count("*")
    ):
        if _matches(pattern, pair):
            return names
    return []


def engines_for(pair: LanguagePair) -> list[TranslationEngine]:
    """The engines to try for `pair`, in order; empty when none is configured."""
    return [ENGINES[name]() for name in engine_names_for(pair)]
