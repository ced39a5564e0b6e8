"""The glossary of a language pair: terms every engine must render one way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connections, router

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
    """The pair's terms and the target language's corrections, read anew on every call.

    Not cached: an editor's change in the web process applies to the worker's very next
    translation. Written as SQL because the ORM took ten times as long to build this query
    as the database took to answer it, on every article.
    """
    connection = connections[router.db_for_read(GlossaryTerm)]
    q = connection.ops.quote_name
    sql = (
        f"SELECT {q('source_language')}, {q('source_term')}, {q('target_term')} "  # noqa: S608
        f"FROM {q(GlossaryTerm._meta.db_table)} WHERE {q('target_language')} = %s "
        f"AND {q('source_language')} IN (%s, %s) "
        f"ORDER BY {q('source_language')}, {q('source_term')}"  # the model's ordering
    )
    terms: dict[str, str] = {}
    corrections: dict[str, str] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [pair.target, pair.source, ""])
        for source_language, source_term, target_term in cursor.fetchall():
            if source_language:
                terms[source_term] = target_term
            else:
                corrections[source_term] = target_term
    return Glossary(terms, corrections)
