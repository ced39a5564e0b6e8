"""The glossary of a language pair: terms every engine must render one way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gazette.translation.engines.base import LanguagePair
from gazette.translation.models import GlossaryTerm


@dataclass(frozen=True)
class Glossary:
    terms: dict[str, str] = field(default_factory=dict)  # source term -> target rendering
    corrections: dict[str, str] = field(default_factory=dict)  # wrong output -> right output

    def fingerprint(self) -> str:
        return repr((sorted(self.terms.items()), sorted(self.corrections.items())))

    def correct(self, text: str) -> str:
        """Apply the output corrections ("Kiev" → "Kyiv") to a translated text."""
        if not self.corrections or not text:
            return text
        pattern = re.compile(
            r"(?<!\w)("
            + "|".join(re.escape(t) for t in sorted(self.corrections, key=len, reverse=True))
            + r")(?!\w)"
        )
        return pattern.sub(lambda match: self.corrections[match.group(1)], text)


def glossary_for(pair: LanguagePair) -> Glossary:
    terms: dict[str, str] = {}
    corrections: dict[str, str] = {}
    for term in GlossaryTerm.objects.filter(
        target_language=pair.target, source_language__in=[pair.source, ""]
    ):
        if term.source_language:
            terms[term.source_term] = term.target_term
        else:
            corrections[term.source_term] = term.target_term
    return Glossary(terms, corrections)
