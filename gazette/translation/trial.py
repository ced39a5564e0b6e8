"""A test translation from the desk's Engines page: a short text through the real engines,
metered against the day's budget like any article."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from gazette.translation.dispatch import Item, translate_items
from gazette.translation.engines.base import EngineError, LanguagePair
from gazette.translation.engines.registry import ENGINES, engines_for
from gazette.translation.glossary import glossary_for
from gazette.translation.memory import Memory
from gazette.translation.metering import engine_usage_today
from gazette.translation.segments import segment_text
from gazette.translation.services import render_fields

MAX_TRIAL_CHARACTERS = 2000


@dataclass(frozen=True)
class TrialResult:
    text: str
    engine: str
    engine_label: str
    characters_sent: int


class TrialError(ValueError):
    """No engine could translate the text; `str()` says why, engine by engine."""


def engine_trial(*, text: str, source_language: str, engine_name: str = "") -> TrialResult:
    """Translate `text` from `source_language` into the site's language.

    With `engine_name`, that engine only; else the engines TRANSLATION_ENGINES names for the
    pair, in order, as an article would be. Segments the memory knows are not sent again.
    """
    text = text.strip()
    if not text:
        raise TrialError("write a sentence or two to translate")
    if len(text) > MAX_TRIAL_CHARACTERS:
        raise TrialError(f"a test translation takes at most {MAX_TRIAL_CHARACTERS:,} characters")
    pair = LanguagePair(source_language, settings.SITE_LANGUAGE)
    if pair.source == pair.target:
        raise TrialError(f"choose a language other than the site's ({pair.target})")
    if engine_name:
        if engine_name not in ENGINES:
            raise TrialError(f"there is no engine {engine_name!r}")
        engines = [ENGINES[engine_name]()]
    else:
        engines = engines_for(pair)
        if not engines:
            raise TrialError(
                f"no engine is configured for {pair} (TRANSLATION_ENGINES); choose one above"
            )
    glossary = glossary_for(pair)
    document = segment_text(text, terms=glossary.terms)
    errors: list[str] = []
    for engine in engines:
        problem = engine.problem(pair)
        if problem:
            errors.append(f"{engine.label}: {problem}")
            continue
        items = [Item("text", segment) for segment in document.segments]
        before = engine_usage_today(engine.name)
        try:
            translate_items(
                engine,
                items,
                pair,
                glossary,
                version=engine.model_version(pair),
                memory=Memory(pair),
            )
        except EngineError as exc:
            errors.append(f"{engine.label}: {exc}")
            continue
        rendered = render_fields({"text": document}, items, glossary)["text"]
        return TrialResult(
            text=rendered,
            engine=engine.name,
            engine_label=engine.label,
            characters_sent=engine_usage_today(engine.name) - before,
        )
    raise TrialError("; ".join(errors))
