"""Search benchmark (not a test; `make bench-search`).

Seeds BENCH_ARTICLES (default 100,000) published articles into a fresh SQLite file (bulk
inserts into the articles table and the FTS5 index, no per-article services), then runs a
fixed, seeded mix of queries through `search_articles`, the selector the search page calls:
common, middling and rare single words, two-word queries, filters by source, original
language, section and date, and page 2. Prints p50/p95/max per kind and overall against the
goal: p95 ≤ 50 ms.

The text is synthetic (a Zipf-distributed vocabulary), so how many articles a word matches is
known: a "common" word is in most articles, a "rare" one in a few dozen.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "600"))
GOAL_P95_MS = 50.0
VOCABULARY = 30_000
BODY_WORDS = 220
SOURCES = 20
SECTIONS = ("Politics", "Economy", "World", "Local", "Science", "Culture", "Sport")
ORIGINAL_LANGUAGES = ["en", "de", "fr"]  # most articles in the site's, some translated
LANGUAGE_SHARES = [0.7, 0.2, 0.1]
SYLLABLES = [s + v for s in "kmnprstvz" for v in "aeiou"][:20]  # ka, ke … ni: made-up words


def progress(message: str, *, end: str = "\n") -> None:
    print(f"\rbench-search: {message}".ljust(72), end=end, file=sys.stderr, flush=True)


def vocabulary() -> list[str]:
    """Distinct made-up words, most frequent first."""
    rng = random.Random(11)  # noqa: S311  (reproducible test data)
    words: dict[str, None] = {}
    while len(words) < VOCABULARY:
        words["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))] = None
    return list(words)


def seed(words: list[str]) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from gazette.articles.models import Article, Section
    from gazette.sources.models import Source
    from gazette.states import ArticleState, LicencePolicy
    from gazette.translation.models import ArticleTranslation

    sources = Source.objects.bulk_create(
        Source(name=f"Outlet {i}", slug=f"outlet-{i}", language="en", licence=LicencePolicy.FULL,
               feed_url=f"http://127.0.0.1:9/{i}.xml", homepage="http://127.0.0.1:9/")
        for i in range(SOURCES)
    )  # fmt: skip
    sections = Section.objects.bulk_create(
        Section(name=name, slug=name.lower()) for name in SECTIONS
    )
    rng = np.random.default_rng(7)
    ranks = np.arange(1, len(words) + 1)
    weights = 1.0 / ranks
    weights /= weights.sum()
    vocab = np.array(words, dtype=object)
    now = timezone.now()
    made_public = now - timedelta(days=400)
    batch = 2000
    started = time.perf_counter()
    for start in range(0, ARTICLES, batch):
        count = min(batch, ARTICLES - start)
        drawn = rng.choice(len(words), size=(count, 8 + 24 + BODY_WORDS), p=weights)
        articles, index_rows, translated = [], [], []
        for k in range(count):
            n = start + k
            row = vocab[drawn[k]]
            title, standfirst = " ".join(row[:8]).capitalize(), " ".join(row[8:32]) + "."
            body = " ".join(row[32:]) + "."
            language = str(rng.choice(ORIGINAL_LANGUAGES, p=LANGUAGE_SHARES))
            articles.append(
                Article(
                    source=sources[n % SOURCES],
                    section=sections[n % len(SECTIONS)] if n % 10 else None,
                    title=title, slug=f"story-{n}", standfirst=standfirst,
                    body_html=f"<p>{body}</p>", author="Maren Holt", author_slug="maren-holt",
                    published_at=now - timedelta(minutes=5 * (ARTICLES - n)),
                    language="en", original_url=f"http://127.0.0.1:9/story-{n}.html",
                    state=ArticleState.PUBLISHED, made_public_at=made_public,
                )
            )  # fmt: skip
            index_rows.append((title, standfirst, body))
            if language != "en":
                translated.append((k, language))
        with transaction.atomic():
            Article.objects.bulk_create(articles, batch_size=500)
            ArticleTranslation.objects.bulk_create(
                ArticleTranslation(article=articles[k], source_language=language, language="en")
                for k, language in translated
            )
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO discovery_search (rowid, title, standfirst, body) "
                    "VALUES (%s, %s, %s, %s)",
                    [(a.pk, *text) for a, text in zip(articles, index_rows, strict=True)],
                )
        done = start + count
        rate = done / (time.perf_counter() - started)
        progress(f"seeded {done:,}/{ARTICLES:,} articles ({rate:,.0f}/s)", end="")
    progress("optimising the index …", end="")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO discovery_search (discovery_search) VALUES ('optimize')")
        cursor.execute("ANALYZE")
    progress(f"seeded {ARTICLES:,} articles in {time.perf_counter() - started:.0f} s")


def query_mix(words: list[str]) -> list[tuple[str, str, dict[str, object], int]]:
    """(kind, query, filters, page) in a fixed order."""
    rng = random.Random(5)  # noqa: S311  (reproducible test data)
    common, middling, rare = words[5:40], words[80:600], words[3000:VOCABULARY]
    today = date.today()
    kinds: dict[str, Callable[[], tuple[str, dict[str, object], int]]] = {
        "common word": lambda: (rng.choice(common), {}, 1),
        "middling word": lambda: (rng.choice(middling), {}, 1),
        "rare word": lambda: (rng.choice(rare), {}, 1),
        "two common words": lambda: (f"{rng.choice(common)} {rng.choice(common)}", {}, 1),
        "two words, middling + rare": lambda: (
            f"{rng.choice(middling)} {rng.choice(rare)}", {}, 1),
        "two middling words": lambda: (f"{rng.choice(middling)} {rng.choice(middling)}", {}, 1),
        "common, by source": lambda: (
            rng.choice(common), {"source": f"outlet-{rng.randrange(SOURCES)}"}, 1),
        "middling, by source": lambda: (
            rng.choice(middling), {"source": f"outlet-{rng.randrange(SOURCES)}"}, 1),
        "common, by language": lambda: (rng.choice(common), {"language": "fr"}, 1),
        "middling, by section": lambda: (
            rng.choice(middling), {"section": rng.choice(SECTIONS).lower()}, 1),
        "common, last 7 days": lambda: (
            rng.choice(common), {"since": today - timedelta(days=7)}, 1),
        "common, a month long ago": lambda: (rng.choice(common), {
            "since": today - timedelta(days=300), "until": today - timedelta(days=270)}, 1),
        "middling, a month long ago": lambda: (rng.choice(middling), {
            "since": today - timedelta(days=300), "until": today - timedelta(days=270)}, 1),
        "common, page 2": lambda: (rng.choice(common), {}, 2),
        "two middling words, page 2": lambda: (
            f"{rng.choice(middling)} {rng.choice(middling)}", {}, 2),
    }  # fmt: skip
    names = list(kinds)
    mix = []
    for n in range(QUERIES):
        name = names[n % len(names)]
        query, filters, page = kinds[name]()
        mix.append((name, query, filters, page))
    return mix


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gazette-bench-search-") as tmp:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="gazette.settings",
            DEBUG="false",
            HTTPS="false",
            SECRET_KEY="bench-search-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",  # noqa: S106
            DATA_DIR=tmp,
            DATABASE_URL=f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            LOG_LEVEL="WARNING",
        )
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        from gazette.discovery.search import SearchFilters, search_articles

        progress("migrating a fresh SQLite database …")
        call_command("migrate", verbosity=0)
        words = vocabulary()
        seed(words)
        mix = query_mix(words)
        for _, query, filters, page in mix[:30]:  # warm the page cache of the file
            search_articles(query, filters=SearchFilters(**filters), offset=(page - 1) * 20)  # type: ignore[arg-type]
        timings: dict[str, list[float]] = defaultdict(list)
        empty: dict[str, int] = defaultdict(int)
        for kind, query, filters, page in mix:
            began = time.perf_counter()
            result = search_articles(
                query,
                filters=SearchFilters(**filters),  # type: ignore[arg-type]
                offset=(page - 1) * 20,
                limit=20,
            )
            timings[kind].append((time.perf_counter() - began) * 1000)
            empty[kind] += not result.hits

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    every = [t for values in timings.values() for t in values]
    print(f"\nSearch: {ARTICLES:,} articles (SQLite FTS5), {len(every)} queries through "
          "search_articles, 20 per page")  # fmt: skip
    print(f"{'kind':30} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'no hits':>8}")
    for kind, values in timings.items():
        print(
            f"{kind:30} {len(values):4} {statistics.median(values):8.1f} "
            f"{pct(values, 0.95):8.1f} {max(values):8.1f} {empty[kind]:8}"
        )
    p50, p95 = statistics.median(every), pct(every, 0.95)
    verdict = "met" if p95 <= GOAL_P95_MS else "NOT met"
    print(f"{'all':30} {len(every):4} {p50:8.1f} {p95:8.1f} {max(every):8.1f}")
    print(f"\np50 {p50:.1f} ms, p95 {p95:.1f} ms  (goal: p95 ≤ {GOAL_P95_MS:.0f} ms: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
