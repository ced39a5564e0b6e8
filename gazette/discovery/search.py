"""Full-text search in the site's language: SQLite FTS5 by default, PostgreSQL at scale.

The index is a table the migration creates for the database in use (`discovery_search`);
`search_index_article` keeps it in step with the article, and the query side turns whatever a
reader typed into plain words, so FTS syntax, quotes, NUL bytes or a 10,000-character paste
can never reach the engine as syntax.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from gazette.articles.models import Article, Section
from gazette.articles.selectors import articles_published
from gazette.sources.models import Source
from gazette.states import ArticleState

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


def pg_config() -> str:
    return PG_CONFIGS.get(str(settings.LANGUAGE_CODE).split("-")[0].lower(), "simple")


def body_text(article: Article) -> str:
    return html.unescape(strip_tags(article.body_html))


def search_terms(query: str) -> list[str]:
    """The words of a query, nothing else: the engine never sees operators or quotes."""
    cleaned = query.replace("\x00", " ")[:MAX_QUERY_CHARS]
    return [word.lower() for word in WORD.findall(cleaned)][:MAX_TERMS]


def search_index_article(*, article: Article) -> None:
    """Put the article's current text in the index, or take it out if it is not public."""
    text = (article.title, article.standfirst, body_text(article))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM discovery_search WHERE rowid = %s", [article.pk])
            if article.is_published:
                cursor.execute(
                    "INSERT INTO discovery_search (rowid, title, standfirst, body) "
                    "VALUES (%s, %s, %s, %s)",
                    [article.pk, *text],
                )
        elif connection.vendor == "postgresql":
            cursor.execute("DELETE FROM discovery_search WHERE article_id = %s", [article.pk])
            if article.is_published:
                config = pg_config()
                cursor.execute(
                    "INSERT INTO discovery_search (article_id, title, standfirst, body, document) "
                    "VALUES (%s, %s, %s, %s, setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
                    "to_tsvector(%s::regconfig, %s))",
                    [article.pk, *text, config, text[0], config, text[1], config, text[2]],
                )


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


def fts_expression(terms: list[str]) -> str:
    """Each term quoted (terms are bare words, so no quote can occur): all must match."""
    return " ".join('"' + term.replace('"', "") + '"' for term in terms)


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
                [now, fts_expression(terms), *params, CANDIDATES, limit, offset],
            )
        else:
            if bounds:
                where += " AND s.article_id BETWEEN %s AND %s"
                params += list(bounds)
            config, words = pg_config(), " ".join(terms)
            cursor.execute(
                "SELECT id, ts_rank_cd(document, plainto_tsquery(%s::regconfig, %s)) / (1.0 + "  # noqa: S608
                "GREATEST(EXTRACT(EPOCH FROM (%s::timestamptz - published_at)) / 86400.0, 0) "
                "/ 14.0) AS score, COUNT(*) OVER () FROM ("
                " SELECT s.article_id AS id, s.document, a.published_at"
                f" FROM discovery_search s JOIN {ARTICLES} a ON a.id = s.article_id"
                f" WHERE s.document @@ plainto_tsquery(%s::regconfig, %s) AND {where}"
                " ORDER BY s.article_id DESC LIMIT %s"
                ") candidates ORDER BY score DESC, id DESC LIMIT %s OFFSET %s",
                [config, words, now, config, words, *params, CANDIDATES, limit, offset],
            )
        rows = cursor.fetchall()
    if not rows and offset:  # a page past the end: the total still tells the reader
        return [], _ranked(terms, filters, offset=0, limit=1)[1]
    return [(int(row[0]), float(row[1])) for row in rows], int(rows[0][2]) if rows else 0


def _snippets(ids: list[int], terms: list[str]) -> dict[int, str]:
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT rowid, snippet(discovery_search, -1, %s, %s, '…', 24) "  # noqa: S608
                f"FROM discovery_search WHERE discovery_search MATCH %s AND rowid IN ({marks})",
                [START, STOP, fts_expression(terms), *ids],
            )
        else:
            cursor.execute(
                "SELECT article_id, ts_headline(%s::regconfig, standfirst || ' ' || body, "  # noqa: S608
                "plainto_tsquery(%s::regconfig, %s), %s) FROM discovery_search "
                f"WHERE article_id IN ({marks})",
                [
                    pg_config(),
                    pg_config(),
                    " ".join(terms),
                    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15",
                    *ids,
                ],
            )
        return {int(row[0]): str(row[1] or "") for row in cursor.fetchall()}


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
    by_id = articles_published().in_bulk(ids)
    snippets = _snippets(ids, terms)
    hits = [
        SearchHit(article=by_id[pk], snippet=highlight(snippets.get(pk, "")), score=score)
        for pk, score in page
        if pk in by_id
    ]
    message = "" if hits else "There are no more results: this page is past the last."
    return SearchResult(terms=terms, hits=hits, total=total, message=message)


def search_candidates_sql(terms: list[str], *, limit: int) -> tuple[str, list[Any]] | None:
    """A SELECT of the ids of the newest `limit` articles sharing any of these words (to use as
    a subquery), with its parameters; None when no word is left to search for."""
    words = [word for term in terms for word in search_terms(term)][:MAX_TERMS]
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
