"""Running the extractor over a labelled data set folder (pages/ + truth.json) for scoring.

The layout is the one `bench/extraction_score.py` reads: `DIR/pages/<id>.html.gz` (or `.html`)
and `DIR/truth.json` keyed by page id with at least each page's `url`.
"""

from __future__ import annotations

import gzip
import json
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazette.ingest.extract import ExtractedArticle, ExtractionError, extract_article
from gazette.ingest.extraction.body import body_text
from gazette.lib.fetch import detect_charset


class DatasetError(Exception):
    """The folder is not a data set in the pages/ + truth.json layout; `str()` says why."""


@dataclass
class DatasetRun:
    predictions: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    cpu_seconds: float = 0.0

    @property
    def pages_per_cpu_second(self) -> float:
        return len(self.predictions) / self.cpu_seconds if self.cpu_seconds else float("nan")


def dataset_pages(folder: Path) -> dict[str, str]:
    """Page id → URL for every page in `folder`; the URL is empty when truth.json lacks it."""
    pages_dir = folder / "pages"
    if not pages_dir.is_dir():
        raise DatasetError(f"{folder} has no pages/ folder: not a data set in the expected layout")
    truth: dict[str, Any] = {}
    truth_path = folder / "truth.json"
    if truth_path.is_file():
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise DatasetError(f"{truth_path} is not valid JSON: {exc}") from exc
        if not isinstance(truth, dict):
            raise DatasetError(f"{truth_path} must be a JSON object keyed by page id")
    found: dict[str, str] = {}
    for path in sorted(pages_dir.iterdir()):
        name = path.name
        page_id = name.removesuffix(".gz").removesuffix(".html")
        if page_id == name or not path.is_file():
            continue
        entry = truth.get(page_id)
        found[page_id] = str(entry.get("url") or "") if isinstance(entry, dict) else ""
    if not found:
        raise DatasetError(f"{pages_dir} holds no <id>.html or <id>.html.gz pages")
    return found


def dataset_read_page(folder: Path, page_id: str) -> str:
    for name in (f"{page_id}.html.gz", f"{page_id}.html"):
        path = folder / "pages" / name
        if path.is_file():
            data = path.read_bytes()
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            return data.decode(detect_charset(data), errors="replace")
    raise FileNotFoundError(f"no page {page_id} in {folder / 'pages'}")


def prediction(article: ExtractedArticle) -> dict[str, Any]:
    """The scorer's record for one page: plain-text body, title, authors, publication day.

    The body is the article as a reader gets it: the standfirst when the page opened the
    article with it, then the body's text without figure captions.
    """
    body = body_text(article.body_html, captions=False)
    if article.standfirst_in_body:
        body = f"{article.standfirst}\n{body}"
    return {
        "body": body,
        "title": article.title,
        "author": ", ".join(article.authors) or article.author,
        # The page's own offset decides the calendar day, as a reader there would see it.
        "date": article.published_at.isoformat() if article.published_at else "",
        "language": article.language,
        # What the choosers saw, for cross-validating them (the scorer ignores the key).
        "candidates": {
            "date": [
                {"value": c.day.isoformat(), "features": c.features}
                for c in article.date_candidates
            ],
            "title": [{"value": c.text, "features": c.features} for c in article.title_candidates],
        },
    }


def dataset_extract(
    folder: Path, *, progress: Callable[[int, int, int], None] | None = None
) -> DatasetRun:
    """Extract every page of `folder`; a page that fails is recorded and the run goes on."""
    pages = dataset_pages(folder)
    run = DatasetRun()
    for done, (page_id, url) in enumerate(pages.items(), start=1):
        try:
            html = dataset_read_page(folder, page_id)
            start = time.process_time()
            try:
                article = extract_article(html, url=url or f"https://example.invalid/{page_id}")
            finally:
                run.cpu_seconds += time.process_time() - start
            run.predictions[page_id] = prediction(article)
        except ExtractionError as exc:
            run.failures[page_id] = f"ExtractionError: {exc}"
            # The metadata found before giving up still counts; the short body too.
            found = prediction(exc.partial) if exc.partial else {"body": ""}
            run.predictions[page_id] = {**found, "error": run.failures[page_id]}
        except (OSError, ValueError) as exc:
            run.failures[page_id] = f"{type(exc).__name__}: {exc}"
            run.predictions[page_id] = {"body": "", "error": run.failures[page_id]}
        except Exception as exc:
            run.failures[page_id] = f"unexpected {type(exc).__name__}: {exc}"
            run.predictions[page_id] = {"body": "", "error": run.failures[page_id]}
        if progress:
            progress(done, len(pages), len(run.failures))
    return run


# Writing systems a page's text is grouped by in the figures (by Unicode character names).
SCRIPTS = (
    ("CJK", ("CJK", "HIRAGANA", "KATAKANA")),
    ("Hangul", ("HANGUL",)),
    ("Thai", ("THAI",)),
    ("Cyrillic", ("CYRILLIC",)),
    ("Arabic", ("ARABIC",)),
    ("Latin", ("LATIN",)),
)


def script_of(text: str) -> str:
    """The writing system most of `text`'s letters are in."""
    counts: Counter[str] = Counter()
    for char in text[:5000]:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        for script, prefixes in SCRIPTS:
            if name.startswith(prefixes):
                counts[script] += 1
                break
        else:
            counts["other"] += 1
    return counts.most_common(1)[0][0] if counts else "none"


def language_group(language: str) -> str:
    """The language group a page's figures are reported under."""
    code = (language or "").split("-")[0].lower()
    if code == "en":
        return "English"
    return f"other ({code})" if code else "unstated"
