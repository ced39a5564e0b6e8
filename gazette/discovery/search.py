"""Full-text search in the site's language and the originals': SQLite FTS5 by default,
PostgreSQL at scale.

The index is a table the migration creates for the database in use (`discovery_search`);
`search_index_article` keeps it in step with the article, and the query side turns whatever a
reader typed into plain words, so FTS syntax, quotes, NUL bytes or a 10,000-character paste
can never reach the engine as syntax.

A translated article is indexed by its translation and by its original text, each stemmed
with its own language's rules: "Hochwasser" finds the German original's article as "flood"
finds its English translation. On SQLite the index holds Snowball stems (`snowballstemmer`,
the same algorithms PostgreSQL's configurations use); on PostgreSQL a tsvector built with
each text's language configuration. A query word matches when any of the indexed languages'
stems of it does. Snippets are cut here, from the text the article's licence lets the site
show, one block (paragraph, subheading, list item) at a time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import snowballstemmer
from django.conf import settings
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from gazette.articles.models import Article, Section
from gazette.articles.selectors import articles_published
from gazette.lib.stamp import per_change
from gazette.sources.models import Source
from gazette.states import ArticleState, LicencePolicy

MAX_QUERY_CHARS = 500
MAX_TERMS = 12
# Newest matches considered for ranking: bounds the work for very common words.
CANDIDATES = 1000
ARTICLES = Article._meta.db_table
START, STOP = "\ue000", "\ue001"  # private-use markers, escaped text never contains them
WORD = re.compile(r"[^\W_]+", re.UNICODE)
PG_CONFIGS = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
    "nl": "dutch", "pt": "portuguese", "sv": "swedish", "da": "danish", "fi": "finnish",
    "no": "norwegian", "ru": "russian", "tr": "turkish", "hu": "hungarian", "ro": "romanian",
}  # fmt: skip


# Snowball's names for the languages it stems (the same algorithms as PostgreSQL's configs).
STEMMERS = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
    "nl": "dutch", "pt": "portuguese", "sv": "swedish", "da": "danish", "fi": "finnish",
    "no": "norwegian", "ru": "russian", "tr": "turkish", "hu": "hungarian", "ro": "romanian",
    "pl": "polish", "cs": "czech", "el": "greek", "ca": "catalan",
}  # fmt: skip
# Where one block of a page ends: a snippet never runs a subheading into the next sentence.
_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figcaption|div|tr|dd|dt|pre)\s*>|<br\s*/?>", re.IGNORECASE
)
SNIPPET_WORDS = 32


def base_language(code: str) -> str:
    return str(code or "").split("-")[0].lower()


def site_language() -> str:
    return base_language(str(settings.LANGUAGE_CODE))


def pg_config(language: str = "") -> str:
    return PG_CONFIGS.get(base_language(language) or site_language(), "simple")


@lru_cache(maxsize=32)
def _stemmer(language: str) -> Any:
    name = STEMMERS.get(base_language(language))
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The word's stem by the language's Snowball rules (lower case); the word itself for a
    language without rules. Remembered: a page of snippets stems the same words thousands of
    times (bench-api measured 1.44 of 1.67 s of one search in uncached stemming)."""
    stemmer = _stemmer(language)
    word = word.lower()
    return str(stemmer.stemWord(word)) if stemmer is not None else word


def stems(text: str, language: str) -> list[str]:
    return [stem(word, language) for word in WORD.findall(text)]


def body_text(article: Article) -> str:
    """The body's text, its blocks apart ("…budget means" and "Taxes rise" stay two words)."""
    return "\n".join(html_blocks(article.body_html))


def html_blocks(body_html: str) -> list[str]:
    """The text of each block of the HTML (paragraph, subheading, list item …), in order."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", body_html)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


@dataclass(frozen=True)
class OriginalText:
    """What an article said in the language it was written in, when it shows a translation."""

    language: str
    title: str
    standfirst: str
    body_html: str


# The translation app knows the original text; the app that composes the stages sets this
# (`gazette.site.apps`), since discovery may not import its sibling.
original_text_for: Callable[[Article], OriginalText | None] = lambda article: None  # noqa: E731


def search_terms(query: str) -> list[str]:
    """The words of a query, nothing else: the engine never sees operators or quotes."""
    cleaned = query.replace("\x00", " ")[:MAX_QUERY_CHARS]
    return [word.lower() for word in WORD.findall(cleaned)][:MAX_TERMS]


def _index_parts(article: Article) -> list[tuple[str, str, str, str]]:
    """(language, title, standfirst, body text) of each text the article is found by."""
    parts = [(article.language or site_language(), article.title, article.standfirst,
              body_text(article))]  # fmt: skip
    original = original_text_for(article)
    if original is not None and original.title:
        parts.append(
            (
                original.language,
                original.title,
                original.standfirst,
                "\n".join(html_blocks(original.body_html)),
            )
        )
    return parts


def search_index_article(*, article: Article) -> None:
    """Put the article's current text (and its original's) in the index, or take it out if it
    is not public."""
    parts = _index_parts(article) if article.is_published else []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM discovery_search WHERE rowid = %s", [article.pk])
            if parts:
                columns = [
                    " ".join(" ".join(stems(part[index], part[0])) for part in parts)
                    for index in (1, 2, 3)
                ]
                cursor.execute(
                    "INSERT INTO discovery_search (rowid, title, standfirst, body) "
                    "VALUES (%s, %s, %s, %s)",
                    [article.pk, *columns],
                )
        elif connection.vendor == "postgresql":
            cursor.execute("DELETE FROM discovery_search WHERE article_id = %s", [article.pk])
            if parts:
                vectors, params = [], []
                for language, *texts in parts:
                    for weight, text in zip("ABD", texts, strict=True):
                        vectors.append(f"setweight(to_tsvector(%s::regconfig, %s), '{weight}')")
                        params += [pg_config(language), text]
                cursor.execute(
                    "INSERT INTO discovery_search (article_id, title, standfirst, body, document) "  # noqa: S608
                    f"VALUES (%s, %s, %s, %s, {' || '.join(vectors)})",
                    [article.pk, *parts[0][1:], *params],
                )


def _indexed_languages() -> list[str]:
    codes = set(
        articles_published()
        .exclude(original_language="")
        .order_by()
        .values_list("original_language", flat=True)
        .distinct()
    )
    languages = {site_language(), *(base_language(code) for code in codes)}
    return sorted(languages)


def indexed_languages() -> list[str]:
    """The site's language and every original's: the stems a query word is looked up by."""
    return per_change("search-languages", _indexed_languages)


def term_stems(term: str, languages: list[str]) -> list[str]:
    return list(dict.fromkeys(stem(term, language) for language in languages))


# German, Dutch and the Nordic languages join words into one ("Bahnstreik", "Weihnachtsmarkt");
# a text may say "Streik der Bahn" or "Christkindlmarkt … Weihnachtsschmuck" instead.
COMPOUNDING = {"de", "nl", "sv", "da", "no", "fi"}
MIN_PART = 4
MIN_COMPOUND = 2 * MIN_PART


def _index_matches(expression: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT 1 FROM discovery_search WHERE discovery_search MATCH %s LIMIT 1",
                [expression],
            )
        else:
            cursor.execute(
                "SELECT 1 FROM discovery_search WHERE document @@ to_tsquery('simple', %s) LIMIT 1",
                [expression],
            )
        return cursor.fetchone() is not None


def _prefix(part: str) -> str:
    return f'"{part}"*' if connection.vendor == "sqlite" else f"{part}:*"


def compound_parts(term: str, languages: list[str]) -> tuple[str, str] | None:
    """A long word no indexed text contains as a whole, split into the longest head and a
    tail that both begin words of the index ("bahnstreik": "bahn", "streik"); None when no
    compounding language is indexed, the word is found whole, or no split is."""
    if len(term) < MIN_COMPOUND or not COMPOUNDING.intersection(languages):
        return None
    whole = term_stems(term, languages)
    if connection.vendor == "sqlite":
        found_whole = _index_matches(" OR ".join(f'"{word}"' for word in whole))
    else:
        found_whole = _index_matches(" | ".join(whole))
    if found_whole:
        return None
    for cut in range(len(term) - MIN_PART, MIN_PART - 1, -1):
        head, tail = term[:cut], term[cut:]
        if _index_matches(_prefix(tail)) and _index_matches(_prefix(head)):
            return head, tail
    return None


# The days a date filter can name. The day after `until` and the conversion to UTC overflow at
# the ends of the calendar (9999-12-31, and 0001-01-01 in a zone east of UTC); a date beyond
# these finds what the bound finds, as nothing is published that early or that late.
FILTER_DAYS = (date(1900, 1, 1), date(9998, 12, 31))


def filter_day(day: date | None) -> date | None:
    """The day brought into FILTER_DAYS (None stays None: no bound)."""
    if day is None:
        return None
    first, last = FILTER_DAYS
    return min(max(day, first), last)


@dataclass
class SearchFilters:
    source: str = ""
    language: str = ""  # the original language: a translated article counts as its original's
    section: str = ""
    since: date | None = None
    until: date | None = None
    changed_after: datetime | None = None  # `updated_at` after this time (the API's sync)

    def sql(self, article: str) -> tuple[str, list[Any]]:
        """WHERE conditions on the articles table (alias `article`): published, and the filters.

        Plain SQL both databases speak, so the filters apply before the candidate limit: a
        filter that matches few articles still finds them among thousands of newer matches.
        """
        ops = connection.ops
        conditions = [f"{article}.state = %s", f"{article}.made_public_at <= %s"]
        params: list[Any] = [
            ArticleState.PUBLISHED,
            ops.adapt_datetimefield_value(timezone.now()),
        ]
        if self.source:
            conditions.append(
                f"{article}.source_id IN (SELECT id FROM {Source._meta.db_table} WHERE slug = %s)"  # noqa: S608
            )
            params.append(self.source)
        if self.section:
            conditions.append(
                f"{article}.section_id IN (SELECT id FROM {Section._meta.db_table} WHERE slug = %s)"  # noqa: S608
            )
            params.append(self.section)
        if self.language:
            conditions.append(f"{article}.original_language = %s")
            params.append(self.language.lower())
        if self.changed_after is not None:
            conditions.append(f"{article}.updated_at > %s")
            params.append(ops.adapt_datetimefield_value(self.changed_after))
        start, end = self.period()
        if start:
            conditions.append(f"{article}.published_at >= %s")
            params.append(ops.adapt_datetimefield_value(start))
        if end:
            conditions.append(f"{article}.published_at < %s")
            params.append(ops.adapt_datetimefield_value(end))
        return " AND ".join(conditions), params

    def period(self) -> tuple[datetime | None, datetime | None]:
        """The date filters as times: from the start of `since` to the end of `until`, each
        day first brought into FILTER_DAYS (a reader may type any date)."""
        zone = timezone.get_current_timezone()
        since, until = filter_day(self.since), filter_day(self.until)
        start = datetime.combine(since, time.min, zone) if since else None
        end = datetime.combine(until + timedelta(days=1), time.min, zone) if until else None
        return start, end

    def id_range(self) -> tuple[int, int] | None:
        """Lowest and highest id published in the period (one index range): bounds the scan."""
        start, end = self.period()
        if start is None and end is None:
            return None
        within = Article.objects.filter(state=ArticleState.PUBLISHED)
        if start:
            within = within.filter(published_at__gte=start)
        if end:
            within = within.filter(published_at__lt=end)
        bounds = within.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            return (0, -1)
        return int(bounds["low"]), int(bounds["high"])


@dataclass
class SearchHit:
    article: Article
    snippet: SafeString
    score: float
    snippet_language: str = ""  # set when the snippet quotes the original, not the page


@dataclass
class SearchResult:
    terms: list[str]
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    message: str = ""

    @property
    def more(self) -> bool:
        """True when more articles match than are ranked (the total is a lower bound)."""
        return self.total >= CANDIDATES


def fts_expression(terms: list[str], languages: list[str] | None = None) -> str:
    """Each term's stems quoted (terms are bare words, so no quote can occur), any of a term's
    stems matching it: all terms must match."""
    languages = languages or [site_language()]
    groups = []
    for term in terms:
        quoted = ['"' + word.replace('"', "") + '"' for word in term_stems(term, languages)]
        parts = compound_parts(term, languages)
        if parts is not None:
            quoted.append("(" + " AND ".join(_prefix(part) for part in parts) + ")")
        groups.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(groups)


def _pg_query(terms: list[str], languages: list[str]) -> tuple[str, list[Any]]:
    """A tsquery: every term, each in any indexed language's configuration."""
    parts, params = [], []
    for term in terms:
        alternatives = []
        for language in languages:
            alternatives.append("plainto_tsquery(%s::regconfig, %s)")
            params += [pg_config(language), term]
        compound = compound_parts(term, languages)
        if compound is not None:
            alternatives.append("to_tsquery('simple', %s)")
            params.append(" & ".join(_prefix(part) for part in compound))
        parts.append("(" + " || ".join(alternatives) + ")")
    return "(" + " && ".join(parts) + ")", params


def _ranked(
    terms: list[str], filters: SearchFilters, *, offset: int, limit: int
) -> tuple[list[tuple[int, float]], int]:
    """One page of (article id, score) and the number of candidates, ranked in SQL.

    The candidates are the newest CANDIDATES published articles that match every word and
    the filters; each scores relevance (bm25 / ts_rank_cd) divided by age, two weeks counting
    half. The window count gives the total in the same statement.
    """
    where, params = filters.sql("a")
    bounds = filters.id_range()
    languages = indexed_languages()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if bounds:
                where += " AND discovery_search.rowid BETWEEN %s AND %s"
                params += list(bounds)
            cursor.execute(
                "SELECT id, relevance / (1.0 + MAX(julianday(%s) - julianday(published_at), 0) "  # noqa: S608
                "/ 14.0) AS score, COUNT(*) OVER () FROM ("
                " SELECT discovery_search.rowid AS id, a.published_at AS published_at,"
                " -bm25(discovery_search, 10.0, 4.0, 1.0) AS relevance"
                f" FROM discovery_search JOIN {ARTICLES} a ON a.id = discovery_search.rowid"
                f" WHERE discovery_search MATCH %s AND {where}"
                " ORDER BY discovery_search.rowid DESC LIMIT %s"
                ") ORDER BY score DESC, id DESC LIMIT %s OFFSET %s",
                [now, fts_expression(terms, languages), *params, CANDIDATES, limit, offset],
            )
        else:
            if bounds:
                where += " AND s.article_id BETWEEN %s AND %s"
                params += list(bounds)
            tsquery, query_params = _pg_query(terms, languages)
            cursor.execute(
                f"SELECT id, ts_rank_cd(document, {tsquery}) / (1.0 + "  # noqa: S608
                "GREATEST(EXTRACT(EPOCH FROM (%s::timestamptz - published_at)) / 86400.0, 0) "
                "/ 14.0) AS score, COUNT(*) OVER () FROM ("
                " SELECT s.article_id AS id, s.document, a.published_at"
                f" FROM discovery_search s JOIN {ARTICLES} a ON a.id = s.article_id"
                f" WHERE s.document @@ {tsquery} AND {where}"
                " ORDER BY s.article_id DESC LIMIT %s"
                ") candidates ORDER BY score DESC, id DESC LIMIT %s OFFSET %s",
                [*query_params, now, *query_params, *params, CANDIDATES, limit, offset],
            )
        rows = cursor.fetchall()
    if not rows and offset:  # a page past the end: the total still tells the reader
        return [], _ranked(terms, filters, offset=0, limit=1)[1]
    return [(int(row[0]), float(row[1])) for row in rows], int(rows[0][2]) if rows else 0


def _shown_blocks(article: Article) -> list[str]:
    """The text the article's page shows, block by block: the whole text for a full-text
    licence, the summary for an excerpt licence, nothing for a link (its page shows none)."""
    licence = article.source.licence
    if licence == LicencePolicy.LINK:
        return []
    if licence == LicencePolicy.EXCERPT:
        # What the page shows as the excerpt (site.presentation.article_summary): the
        # standfirst, else the opening of the body cut at a sentence end.
        text = article.standfirst or " ".join(html_blocks(article.body_html))
        words = text.split()
        return [" ".join(words[:60]) + (" …" if len(words) > 60 else "")] if words else []
    return [block for block in (article.standfirst, *html_blocks(article.body_html)) if block]


def _original_blocks(article: Article) -> tuple[str, list[str]]:
    if article.source.licence != LicencePolicy.FULL:
        return "", []
    original = original_text_for(article)
    if original is None:
        return "", []
    blocks = [block for block in (original.standfirst, *html_blocks(original.body_html)) if block]
    return original.language, blocks


def snippet_of(
    blocks: list[str], language: str, terms: list[str], prefixes: tuple[str, ...] = ()
) -> str:
    """The block with most query words (the earlier on a tie), a window of SNIPPET_WORDS words
    around its first match, the matches between markers; '' when no block matches. A word
    beginning with one of `prefixes` (the parts of a compound query word) matches too."""
    wanted = {stem(term, language) for term in terms} | set(terms)
    best: tuple[int, int, list[str], list[bool]] | None = None
    for index, block in enumerate(blocks):
        words = block.split()
        hits = []
        for word in words:
            bare = WORD.findall(word.lower())
            hits.append(
                any(
                    part in wanted or stem(part, language) in wanted or part.startswith(prefixes)
                    for part in bare
                )
            )
        found = len({stem(w, language) for w, hit in zip(words, hits, strict=True) if hit})
        if found and (best is None or found > best[0]):
            best = (found, index, words, hits)
    if best is None:
        return ""
    _found, _index, words, hits = best
    first = hits.index(True)
    start = max(0, min(first - SNIPPET_WORDS // 3, len(words) - SNIPPET_WORDS))
    window = range(start, min(len(words), start + SNIPPET_WORDS))
    shown = [_marked(words[i]) if hits[i] else words[i] for i in window]

    text = " ".join(shown)
    if start > 0:
        text = "… " + text
    if window.stop < len(words):
        text += " …"
    return text


_WORD_CORE = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)


def _marked(word: str) -> str:
    """The word between markers, its surrounding punctuation outside them."""
    found = _WORD_CORE.match(word)
    if found is None or not found.group(2):
        return f"{START}{word}{STOP}"
    return f"{found.group(1)}{START}{found.group(2)}{STOP}{found.group(3)}"


def _snippets(
    articles: list[Article], terms: list[str], prefixes: tuple[str, ...] = ()
) -> dict[int, tuple[str, str]]:
    """For each article, the snippet of its shown text (else of its original's, for an
    article found by its original words, with the original's language), never of text its
    licence withholds."""
    found = {}
    for article in articles:
        shown = _shown_blocks(article)
        text = snippet_of(shown, article.language or site_language(), terms, prefixes)
        language = ""
        if not text:
            original, blocks = _original_blocks(article)
            text = snippet_of(blocks, original, terms, prefixes) if blocks else ""
            language = original if text else ""
        found[article.pk] = (text, language)
    return found


def highlight(snippet: str) -> SafeString:
    """Escape the snippet, then turn the engine's markers into <mark>."""
    escaped = str(escape(snippet))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def search_articles(
    query: str, *, filters: SearchFilters | None = None, offset: int = 0, limit: int = 20
) -> SearchResult:
    """Published articles matching every word, by relevance weighed with freshness."""
    terms = search_terms(query)
    if not terms:
        return SearchResult(terms=[], message="Type one or more words to search for.")
    page, total = _ranked(terms, filters or SearchFilters(), offset=offset, limit=limit)
    if not total:
        return SearchResult(
            terms=terms, message="Nothing published matches all of these words and filters."
        )
    ids = [pk for pk, _ in page]
    by_id = articles_published().select_related("source").in_bulk(ids)
    languages = indexed_languages()
    prefixes = tuple(
        part for term in terms for part in (compound_parts(term, languages) or ()) if part
    )
    snippets = _snippets(list(by_id.values()), terms, prefixes)
    hits = [
        SearchHit(
            article=by_id[pk],
            snippet=highlight(snippets.get(pk, ("", ""))[0]),
            score=score,
            snippet_language=snippets.get(pk, ("", ""))[1],
        )
        for pk, score in page
        if pk in by_id
    ]
    message = "" if hits else "There are no more results: this page is past the last."
    return SearchResult(terms=terms, hits=hits, total=total, message=message)


def search_candidates_sql(terms: list[str], *, limit: int) -> tuple[str, list[Any]] | None:
    """A SELECT of the ids of the newest `limit` articles sharing any of these words (to use as
    a subquery), with its parameters; None when no word is left to search for."""
    language = site_language()
    words = list(
        dict.fromkeys(stem(word, language) for term in terms for word in search_terms(term))
    )[:MAX_TERMS]
    if not words:
        return None
    if connection.vendor == "sqlite":
        return (
            "SELECT rowid FROM discovery_search WHERE discovery_search MATCH %s "
            "ORDER BY rowid DESC LIMIT %s",
            [" OR ".join(f'"{word}"' for word in words), limit],
        )
    return (
        "SELECT article_id FROM discovery_search WHERE document @@ "
        "to_tsquery('simple', %s) ORDER BY article_id DESC LIMIT %s",
        [" | ".join(words), limit],
    )


def search_candidate_ids(terms: list[str], *, limit: int) -> list[int]:
    """Newest articles sharing any of these words: the lexical pre-filter for comparisons."""
    query = search_candidates_sql(terms, limit=limit)
    if query is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*query)
        return [int(row[0]) for row in cursor.fetchall()]
