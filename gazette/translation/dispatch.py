"""Calling engines on segments: what the memory cannot serve goes to an engine, metered, and
its answer is checked before it is used or remembered."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.db import transaction

from gazette.translation.engines.base import EngineOutputError, LanguagePair, TranslationEngine
from gazette.translation.glossary import Glossary
from gazette.translation.memory import Memory, memory_store_many
from gazette.translation.metering import check_budget, engine_record_usage
from gazette.translation.segments import (
    PLACEHOLDER,
    PlaceholderMismatch,
    Segment,
    Term,
    Token,
    normalise,
)

logger = logging.getLogger(__name__)

_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_GARBAGE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


def check_output(engine: TranslationEngine, sent: list[str], received: list[str]) -> None:
    """Refuse an answer that is not a translation of what was sent; the reason names it."""
    if len(received) != len(sent):
        raise EngineOutputError(
            f"{engine.name} returned {len(received)} translations for {len(sent)} segments"
        )
    for number, (source, target) in enumerate(zip(sent, received, strict=True), start=1):
        if not isinstance(target, str) or (source.strip() and not target.strip()):
            raise EngineOutputError(
                f"{engine.name} returned an empty translation for segment {number}"
            )
        if _HTML_TAG.search(PLACEHOLDER.sub("", target)) and not _HTML_TAG.search(
            PLACEHOLDER.sub("", source)
        ):
            raise EngineOutputError(
                f"{engine.name} returned HTML in segment {number}: {target[:120]!r}"
            )
        if _GARBAGE.search(target) or len(target) > 4 * len(source) + 80:
            raise EngineOutputError(
                f"{engine.name} returned garbage for segment {number}: {target[:120]!r}"
            )


def _engine_translate(
    engine: TranslationEngine,
    texts: list[str],
    pair: LanguagePair,
    glossary: Glossary,
    *,
    version: str,
    memory: Memory,
) -> dict[str, str]:
    """Translate unique texts with one engine, using and filling the memory; metered."""
    unique = list(dict.fromkeys(texts))
    memory.load(unique)  # nothing to read when the article's lookup covered them
    done: dict[str, str] = {}
    missing: list[str] = []
    for text in unique:
        known = memory.editor(text)
        if known is None:
            known = memory.machine(text, engine.name, version)
        if known is None:
            missing.append(text)
        else:
            done[text] = known
    check_budget(engine, sum(len(text) for text in missing))
    for batch in engine.batches(missing):
        received = engine.translate(batch, pair=pair, glossary=glossary.terms)
        refused: EngineOutputError | None = None
        # One transaction per batch: what was sent is metered even when the answer is
        # refused, and what was paid for is kept even if a later batch fails.
        with transaction.atomic():
            engine_record_usage(engine=engine.name, characters=sum(len(text) for text in batch))
            try:
                check_output(engine, batch, received)
            except EngineOutputError as exc:
                refused = exc
            else:
                targets = [normalise(target) for target in received]
                for row in memory_store_many(
                    translations=zip(batch, targets, strict=True),
                    pair=pair,
                    engine=engine.name,
                    model_version=version,
                ):
                    memory.remember(row)
                done.update(zip(batch, targets, strict=True))
        if refused is not None:
            raise refused
    return done


@dataclass
class Item:
    """One segment of one field on its way through translation."""

    field: str
    segment: Segment
    target: str = ""
    origin: str = ""
    tokens: list[Token] | None = None


def _placeholder_text(segment: Segment, tokens: list[Token]) -> str:
    numbers = segment._numbering()
    parts: list[str] = []
    for token in tokens:
        if isinstance(token, str):
            parts.append(token)
        elif isinstance(token, Term):
            match = [n for key, n in numbers.items() if key == id(token)]
            parts.append(f"<x{match[0]}/>" if match else token.target)
        else:
            tag = {"Open": "<g{}>", "Close": "</g{}>", "Void": "<x{}/>"}[type(token).__name__]
            parts.append(tag.format(numbers[token.ref]))
    return normalise("".join(parts))


def translate_items(
    engine: TranslationEngine,
    items: list[Item],
    pair: LanguagePair,
    glossary: Glossary,
    *,
    version: str,
    memory: Memory,
) -> None:
    """Translate `items` with `engine`: whole, or piece by piece when long or when the
    placeholders did not survive; each gets its tokens, target and origin (the engine)."""
    whole = [item for item in items if not item.segment.is_long]
    done = _engine_translate(
        engine,
        [item.segment.source for item in whole],
        pair,
        glossary,
        version=version,
        memory=memory,
    )
    piecewise = [item for item in items if item.segment.is_long]
    for item in whole:
        try:
            item.tokens = item.segment.rebuild(done[item.segment.source])
            item.target, item.origin = done[item.segment.source], engine.name
        except PlaceholderMismatch as exc:
            logger.info("segment translated piece by piece (%s): %s", exc, item.segment.source[:80])
            piecewise.append(item)
    if piecewise:
        pieces = [piece for item in piecewise for piece in item.segment.pieces()]
        done = _engine_translate(engine, pieces, pair, glossary, version=version, memory=memory)
        for item in piecewise:
            item.tokens = item.segment.rebuild_from_pieces(
                [done[piece] for piece in item.segment.pieces()]
            )
            item.target = _placeholder_text(item.segment, item.tokens)
            item.origin = engine.name
