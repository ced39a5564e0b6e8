"""The learned choices among candidates: weights committed and small, the chooser's behaviour on
pages written for each case, and cross-validation that never scores a site it trained on."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

from gazette.ingest.extract import FeedHints, extract_article
from gazette.ingest.extraction.chooser import WEIGHTS_DIR, best_index, load_weights
from gazette.ingest.extraction.learning import (
    LabelledPage,
    cross_validate,
    fit_weights,
    page_correct,
    site_folds,
)

BODY = "".join(
    f"<p>Paragraph {n} of the report on the harbour, which reopened to ferries this week after "
    f"months of repairs to the breakwater and the quays, with more detail number {n}.</p>"
    for n in range(1, 6)
)


def page(head: str = "", header: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>Harbour reopens | The Gull</title>{head}"
        f"</head><body><article><h1>Harbour reopens</h1>{header}{BODY}</article></body></html>"
    )


def published(html: str, url: str = "https://gull.example/harbour", **hints: object) -> date | None:
    article = extract_article(html, url=url, hints=FeedHints(**hints))  # type: ignore[arg-type]
    return article.published_at.date() if article.published_at else None


def test_the_committed_date_weights_are_small_and_name_only_candidate_features() -> None:
    path = WEIGHTS_DIR / "dates.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    assert path.stat().st_size < 8_000
    assert record["cross_validated"]["grouped_by"].startswith("site")
    weights = load_weights("dates")
    assert weights == {k: float(v) for k, v in record["weights"].items()}
    # Features describe candidates; none names a page, a host or an address.
    assert all(re.fullmatch(r"[a-z_]+", name) for name in weights)
    assert not any(part in name for name in weights for part in ("http", "www", ".com"))


def test_a_tie_goes_to_the_first_candidate_and_nothing_gives_none() -> None:
    assert best_index([{"a": 1.0}, {"a": 1.0}], {"a": 2.0}) == 0
    assert best_index([{"a": 1.0}, {"b": 1.0}], {"b": 0.5, "a": 0.1}) == 1
    assert best_index([], {"a": 1.0}) is None
    assert load_weights("no-such-chooser") == {}


def test_the_structured_date_the_byline_shows_is_the_date() -> None:
    html = page(
        '<meta property="article:published_time" content="2025-03-06T10:00:00Z">',
        "<p class='byline'>By Ann Lee, March 6, 2025</p>",
    )
    assert published(html) == date(2025, 3, 6)


def test_the_address_dates_a_page_with_no_other_date() -> None:
    assert published(page(), url="https://gull.example/2024/05/17/harbour") == date(2024, 5, 17)


def test_the_feed_date_counts_only_when_the_page_offers_none() -> None:
    feed = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)
    assert published(page(), published_at=feed) == date(2026, 1, 2)
    dated = page('<meta property="article:published_time" content="2025-03-06T10:00:00Z">')
    assert published(dated, published_at=feed) == date(2025, 3, 6)


def test_a_page_without_any_date_gets_none_so_the_first_seen_time_is_used() -> None:
    assert published(page()) is None


def synthetic(site: str, right: int) -> LabelledPage:
    """A page of `site` with two candidates; the one with feature `good` is right."""
    candidates = ({"good": 1.0, "noise": 1.0}, {"good": 0.0, "noise": 0.0})
    correct = (right == 0, right == 1)
    return LabelledPage(f"s/{site}", site, candidates, correct, False)


def test_a_trained_chooser_learns_which_feature_marks_the_right_candidate() -> None:
    pages = [synthetic(f"site{n}.example", 0) for n in range(20)]
    pages += [
        LabelledPage(
            f"t/{n}", f"other{n}.example", ({"noise": 1.0}, {"good": 1.0}), (False, True), False
        )
        for n in range(20)
    ]
    weights = fit_weights(pages)
    assert weights["good"] > 0 > weights["noise"]
    assert all(page_correct(page, weights) for page in pages)
    result = cross_validate(pages)
    assert result.accuracy == 1.0 and result.reachable == 1.0 and len(result.per_fold) == 5


def test_folds_never_split_a_site() -> None:
    sites = [f"site{n % 13}.example" for n in range(100)]
    folds = site_folds(sites)
    for site in set(sites):
        assert len({fold for s, fold in zip(sites, folds, strict=True) if s == site}) == 1
    assert len(set(folds)) == 5
