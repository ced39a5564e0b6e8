"""Translation benchmark (not a test; `make bench-translate`).

Corpus: the 13 articles of the German demo outlet (Donauländer Tagblatt): title, standfirst
and body, cut into sentence segments exactly as the translation service cuts them.

1. Engine throughput: every segment of the corpus through the CTranslate2 engine directly
   (the engine's own batches), characters and segments per second of wall time and of
   process CPU time, the fastest of BENCH_ROUNDS (3) passes. First with the tiny fixture
   model of the tests (tests/translation/fixtures/de-en), then with a real OPUS-MT model
   converted for CTranslate2 when GAZETTE_BENCH_MT_MODEL names its folder (model.bin,
   source.spm, target.spm); the re-translation below then runs with that model too.
   Nothing is downloaded.
2. Re-translation: each article is stored as the pipeline stores it
   (`article_store_extraction`) and translated by `article_translate` (what the
   `translate_article` task runs), on a fresh SQLite file with the fixture model. Then 10% of
   the corpus's sentences are changed (two words swapped; every tenth sentence or so), each
   article is stored again as a re-fetch (which goes through `translation_source_updated`)
   and translated again. Characters sent to the engine come from the app's own metering
   (`EngineUsage`); the time is that of `article_translate`. Goal: the update costs ≤ 10% of
   the first translation.
   Only articles translated both times count for the ratio (the tiny fixture model knows few
   sentences, so the service refuses most of its output as garbage).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURE_MODELS = ROOT / "tests" / "translation" / "fixtures"
MODEL_ENV = "GAZETTE_BENCH_MT_MODEL"
CHANGED_SHARE = 0.10
GOAL_SHARE = 0.10
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
MODEL_FILES = ("model.bin", "source.spm", "target.spm")


def progress(message: str) -> None:
    print(f"bench-translate: {message}", file=sys.stderr, flush=True)


@dataclass
class Story:
    slug: str
    fields: dict[str, str]  # title, standfirst, body_html as the extractor would store them


def corpus() -> list[Story]:
    from gazette.demo.outlets import OUTLETS
    from gazette.lib.html_clean import sanitize_article_html

    tagblatt = next(outlet for outlet in OUTLETS if outlet.slug == "tagblatt")
    return [
        Story(
            article.slug,
            {
                "title": article.title,
                "standfirst": article.standfirst,
                "body_html": sanitize_article_html(article.body_html),
            },
        )
        for article in tagblatt.articles
    ]


def documents(fields: dict[str, str]) -> dict[str, Any]:
    from gazette.translation.segments import segment_html, segment_text

    return {
        field: segment_html(value) if field == "body_html" else segment_text(value)
        for field, value in fields.items()
        if value.strip()
    }


def segment_sources(stories: list[Story]) -> list[str]:
    """The text of every translatable segment, in corpus order (repeats kept)."""
    return [
        segment.source
        for story in stories
        for document in documents(story.fields).values()
        for segment in document.segments
        if segment.has_text
    ]


def _altered(tokens: list[Any]) -> list[Any]:
    """The sentence with two words swapped (same words, same length: an edit, not an addition)."""
    tokens = list(tokens)
    longest = max(
        (i for i, t in enumerate(tokens) if isinstance(t, str)), key=lambda i: len(tokens[i])
    )
    words = tokens[longest].split(" ")
    spots = [i for i in range(len(words) - 1) if words[i] and words[i + 1]]
    if spots:
        i = spots[len(spots) // 2]
        words[i], words[i + 1] = words[i + 1], words[i]
        tokens[longest] = " ".join(words)
    else:
        tokens[longest] = tokens[longest] + " (aktualisiert)"
    return tokens


def changed_sentences(stories: list[Story]) -> list[set[int]]:
    """Per story, which of its sentences the update changes: 10% of the corpus's, evenly spread.

    Spread over the whole corpus (every tenth sentence or so), so each article gets about
    10% of its sentences changed and the corpus exactly 10% (rounded).
    """
    counts = [len(segment_sources([story])) for story in stories]
    total = sum(counts)
    count = max(1, round(total * CHANGED_SHARE))
    chosen = sorted({int((k + 0.5) * total / count) for k in range(count)})
    per_story: list[set[int]] = []
    start = 0
    for size in counts:
        per_story.append({n - start for n in chosen if start <= n < start + size})
        start += size
    return per_story


def updated(story: Story, chosen: set[int]) -> dict[str, str]:
    """The story with the sentences numbered in `chosen` changed."""
    fields = dict(story.fields)
    number = 0
    for field, document in documents(story.fields).items():
        translations = []
        for segment in document.segments:
            tokens = list(segment.tokens)
            if segment.has_text:
                if number in chosen:
                    tokens = _altered(tokens)
                number += 1
            translations.append(tokens)
        fields[field] = document.render(translations)
    return fields


# --- 1. Engine throughput --------------------------------------------------------------


@dataclass
class Throughput:
    label: str
    characters: int
    segments: int
    wall: float
    cpu: float
    failed: int  # segments the engine raised on (timed all the same)


@contextmanager
def model_dir(path: Path) -> Iterator[None]:
    from django.conf import settings

    before = settings.TRANSLATION_MODEL_DIR
    settings.TRANSLATION_MODEL_DIR = path
    try:
        yield
    finally:
        settings.TRANSLATION_MODEL_DIR = before


def engine_throughput(label: str, texts: list[str], rounds: int = ROUNDS) -> Throughput:
    """The fastest of `rounds` passes over `texts` (other work on the machine only slows one)."""
    from gazette.translation.engines.base import LanguagePair
    from gazette.translation.engines.local import CTranslate2Engine

    engine, pair = CTranslate2Engine(), LanguagePair("de", "en")
    if problem := engine.problem(pair):
        raise SystemExit(f"bench-translate: {problem}")
    engine.translate(texts[:4], pair=pair, glossary={})  # load the model before the clock
    passes: list[Throughput] = []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        failed = 0
        for batch in engine.batches(texts):
            try:
                engine.translate(batch, pair=pair, glossary={})
            except Exception:  # one bad segment fails its batch: go one by one
                for text in batch:
                    try:
                        engine.translate([text], pair=pair, glossary={})
                    except Exception as exc:
                        failed += 1
                        if not passes:
                            progress(f"{label}: {type(exc).__name__}: {exc} ({text[:60]!r}…)")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        passes.append(Throughput(label, sum(map(len, texts)), len(texts), wall, cpu, failed))
    return min(passes, key=lambda result: result.wall)


def real_model(tmp: Path) -> tuple[Path | None, str]:
    """A model folder laid out for the engine (<tmp>/real/de-en -> the model), or why not."""
    value = os.environ.get(MODEL_ENV, "").strip()
    if not value:
        return None, (
            f"real OPUS-MT model: skipped ({MODEL_ENV} is not set). Set it to a CTranslate2 "
            "folder, e.g. made with\n  ct2-transformers-converter --model "
            "Helsinki-NLP/opus-mt-de-en --output_dir opus-mt-de-en\n"
            f"then: {MODEL_ENV}=/path/to/opus-mt-de-en make bench-translate"
        )
    folder = Path(value).expanduser().resolve()
    missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
    if missing:
        return None, (
            f"real OPUS-MT model: skipped ({MODEL_ENV}={value} has no {', '.join(missing)}; "
            "it must be a CTranslate2 model folder with model.bin, source.spm, target.spm)"
        )
    base = tmp / "real-model"
    base.mkdir()
    (base / "de-en").symlink_to(folder, target_is_directory=True)
    return base, f"real OPUS-MT model: {folder}"


# --- 2. Re-translation through the service ---------------------------------------------


@dataclass
class Outcome:
    """One article through `article_translate`: what it sent to the engine and how it ended."""

    characters: int  # sent to the engine, as metered by the app (EngineUsage)
    requests: int
    seconds: float
    cpu: float
    state: str  # the translation's state, or the exception an engine let through


def metered() -> tuple[int, int]:
    from gazette.translation.models import EngineUsage

    usage = EngineUsage.objects.filter(engine="ctranslate2")
    return sum(u.characters for u in usage), sum(u.requests for u in usage)


def translate_all(article_ids: list[int]) -> list[Outcome]:
    from gazette.translation.services import article_translate

    outcomes = []
    for article_id in article_ids:
        characters, requests = metered()
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            translation = article_translate(article_id=article_id)
            state = translation.state if translation is not None else "not needed"
            if translation is not None and translation.error:
                progress(f"article {article_id}: {state}: {translation.error[:160]}")
        except Exception as exc:  # reported in the table, not hidden
            state = f"raised {type(exc).__name__}"
            progress(f"article {article_id}: {state}: {str(exc)[:160]}")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        after = metered()
        outcomes.append(Outcome(after[0] - characters, after[1] - requests, wall, cpu, state))
    return outcomes


def extraction(fields: dict[str, str], url: str) -> Any:
    from datetime import UTC, datetime

    from gazette.ingest.extract import ExtractedArticle

    return ExtractedArticle(
        title=fields["title"],
        body_html=fields["body_html"],
        standfirst=fields["standfirst"],
        author="Redaktion",
        published_at=datetime(2026, 11, 17, 6, 0, tzinfo=UTC),
        modified_at=None,
        language="de",
        canonical_url=url,
    )


@dataclass
class Retranslation:
    label: str
    first: list[Outcome]
    update: list[Outcome]
    # Per article: sentences, sentences changed, source characters, characters of the changed
    # sentences (new text): the least a memory that reuses every unchanged sentence can send.
    sentences: list[int]
    changed: list[int]
    source_characters: list[int]
    changed_characters: list[int]


def retranslation(label: str, stories: list[Story]) -> Retranslation:
    """Store, translate, update 10% of the sentences, re-store (a re-fetch), translate again."""
    from gazette.articles.models import Article
    from gazette.articles.services import article_store_extraction
    from gazette.ingest.models import Entry
    from gazette.sources.models import Source
    from gazette.states import LicencePolicy
    from gazette.translation.detection import detect_language
    from gazette.translation.models import EngineUsage, TranslationMemory

    # A clean slate, so a second model starts with an empty memory and no articles.
    Article.objects.all().delete()
    Entry.objects.all().delete()
    Source.objects.all().delete()
    TranslationMemory.objects.all().delete()
    EngineUsage.objects.all().delete()
    source = Source.objects.create(
        name="Donauländer Tagblatt", slug="tagblatt", language="de", licence=LicencePolicy.FULL,
        feed_url="http://127.0.0.1:9/rss.xml", homepage="http://127.0.0.1:9/", auto_publish=True,
    )  # fmt: skip
    entries = []
    for story in stories:
        url = f"http://127.0.0.1:9/{story.slug}.html"
        entry = Entry.objects.create(source=source, url=url, canonical_url=url)
        article_store_extraction(entry=entry, extracted=extraction(story.fields, url))
        entries.append(entry)
    ids = [Article.objects.get(entry=entry).pk for entry in entries]
    detect_language("Die Donau ist über Nacht zum reißenden Strom geworden.")  # load lingua
    progress(f"{label}: first translation of {len(ids)} articles through article_translate …")
    first = translate_all(ids)

    run = Retranslation(label, first, [], [], [], [], [])
    for story, entry, chosen in zip(stories, entries, changed_sentences(stories), strict=True):
        fields = updated(story, chosen)
        before = segment_sources([story])
        new = [text for text in segment_sources([Story(story.slug, fields)]) if text not in before]
        run.sentences.append(len(before))
        run.changed.append(len(new))
        run.source_characters.append(sum(len(text) for text in before))
        run.changed_characters.append(sum(len(text) for text in new))
        article_store_extraction(entry=entry, extracted=extraction(fields, entry.url))
    progress(f"{label}: re-translation of {len(ids)} updated articles …")
    run.update = translate_all(ids)
    return run


# --- Report ------------------------------------------------------------------------------


def report_throughput(rates: list[Throughput], real_note: str) -> None:
    print(
        f"\nEngine throughput (CTranslate2Engine.translate, its own batches; "
        f"fastest of {ROUNDS} passes)"
    )
    print(
        f"{'model':28}{'segments':>9}{'chars':>9}{'wall s':>8}{'CPU s':>8}"
        f"{'chars/s':>9}{'segs/s':>8}{'chars/CPU s':>12}{'failed':>7}"
    )
    for rate in rates:
        print(
            f"{rate.label:28}{rate.segments:9}{rate.characters:9,}{rate.wall:8.2f}"
            f"{rate.cpu:8.2f}{rate.characters / rate.wall:9,.0f}"
            f"{rate.segments / rate.wall:8.1f}{rate.characters / rate.cpu:12,.0f}{rate.failed:7}"
        )
    if any(rate.failed for rate in rates):
        print("failed: segments the engine raised on (see above), timed all the same")
    print(real_note)


def report_retranslation(run: Retranslation) -> None:
    def verdict(share: float) -> str:
        return "met" if share <= GOAL_SHARE else "NOT met"

    def changes(articles: list[int]) -> str:
        sentences = sum(run.sentences[n] for n in articles)
        changed = sum(run.changed[n] for n in articles)
        characters = sum(run.source_characters[n] for n in articles)
        changed_characters = sum(run.changed_characters[n] for n in articles)
        return (
            f"{changed} of {sentences} sentences changed ({changed / sentences:.1%}), "
            f"{changed_characters:,} characters ({changed_characters / characters:.1%} "
            "of the original's)"
        )

    print(f"\nRe-translation through the service (article_translate, {run.label}, memory on)")
    print(f"update, all {len(run.first)} articles: {changes(list(range(len(run.first))))}")
    # The articles translated both times: the ones whose update is a re-translation.
    both = [
        n
        for n, (a, b) in enumerate(zip(run.first, run.update, strict=True))
        if a.state == b.state == "translated"
    ]
    print(
        f"{'pass':18}{'articles':>9}{'translated':>11}{'chars sent':>11}{'requests':>9}"
        f"{'wall s':>8}{'CPU s':>7} | {'translated both times':>33}"
    )
    totals = []
    for label, outcomes in (("first translation", run.first), ("after the update", run.update)):
        kept = [outcomes[n] for n in both]
        chars, seconds = sum(o.characters for o in kept), sum(o.seconds for o in kept)
        totals.append((chars, seconds))
        done = sum(o.state == "translated" for o in outcomes)
        print(
            f"{label:18}{len(outcomes):9}{done:11}{sum(o.characters for o in outcomes):11,}"
            f"{sum(o.requests for o in outcomes):9}{sum(o.seconds for o in outcomes):8.2f}"
            f"{sum(o.cpu for o in outcomes):7.2f} | "
            f"{len(kept):3} articles {chars:8,} chars {seconds:6.2f} s"
        )
    others = sorted({o.state for o in run.first + run.update} - {"translated"})
    if others:
        print(f"not translated: {', '.join(others)} (reasons printed while running)")
    if not both:
        print("no article was translated both times: no ratio to report")
        return
    (first_chars, first_time), (update_chars, update_time) = totals
    chars_share = update_chars / first_chars if first_chars else float("nan")
    time_share = update_time / first_time
    print(f"update of the {len(both)} translated both times: {changes(both)}")
    least = sum(run.changed_characters[n] for n in both)
    print(
        f"characters sent for the update / characters of its changed sentences: "
        f"{update_chars / least:.0%} (100%: the memory re-sent no unchanged sentence)"
    )
    print(
        f"update / first translation: characters sent {chars_share:.1%}, "
        f"time {time_share:.1%}  (goal ≤ {GOAL_SHARE:.0%}: characters {verdict(chars_share)}, "
        f"time {verdict(time_share)})"
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gazette-bench-translate-") as name:
        tmp = Path(name)
        os.environ.update(
            DJANGO_SETTINGS_MODULE="gazette.settings",
            DEBUG="false",
            HTTPS="false",
            SECRET_KEY="bench-translate-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",  # noqa: S106
            DATA_DIR=str(tmp),
            DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
            TASKS_BACKEND="database",
            TRANSLATION_ENGINES="de-en=ctranslate2",
            TRANSLATION_MODEL_DIR=str(FIXTURE_MODELS),
            SITE_LANGUAGE="en",
            LOG_LEVEL="WARNING",
        )
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        # The service logs each refused batch; this script prints the reasons itself.
        logging.getLogger("gazette.translation.services").setLevel(logging.ERROR)
        progress("migrating a fresh SQLite database …")
        call_command("migrate", verbosity=0)
        stories = corpus()
        texts = segment_sources(stories)
        progress(f"engine throughput over {len(texts)} segments (fixture model) …")
        rates = [engine_throughput("fixture model (tiny Marian)", texts)]
        runs = [retranslation("fixture model", stories)]
        real, real_note = real_model(tmp)
        if real is not None:
            progress(f"engine throughput over {len(texts)} segments (real model) …")
            with model_dir(real):
                rates.append(engine_throughput("real OPUS-MT model", texts))
                runs.append(retranslation("real OPUS-MT model", stories))
        threads = settings.TRANSLATION_THREADS

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\nmachine: {os.cpu_count()} cores (load average {load}); CTranslate2 on CPU, "
        f"{threads} threads (TRANSLATION_THREADS), beam 2"
    )
    print(
        f"corpus: {len(stories)} articles of the German demo outlet (tagblatt), "
        f"{len(texts)} segments, {sum(len(t) for t in texts):,} characters"
    )
    report_throughput(rates, real_note)
    for run in runs:
        report_retranslation(run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
