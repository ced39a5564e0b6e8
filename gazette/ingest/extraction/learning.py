"""Training and cross-validating the extraction choosers on labelled data sets.

Used by `scripts/train_extraction.py` (which writes the committed weights) and by
`bench/extract.py` (which reports cross-validated figures). Folds are grouped by site: no
page's site is in both the training and the scoring fold, so a figure says how a chooser does
on sites it never saw. Features describe candidates (their kind, position, agreement with the
others), never a page's id or address. scikit-learn is imported only here, never at run time.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from gazette.ingest.extraction.chooser import best_index

FOLDS = 5
# L2 strength: fixed, not tuned on the folds (tuning it there would leak the scoring folds).
REGULARISATION_C = 1.0
# The fields a chooser decides, and the truth.json key each is scored against.
CHOSEN_FIELDS = ("date", "title", "author")


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def same_title(one: str, other: str) -> bool:
    """The scorer's title match: NFKC, casefold, whitespace collapsed."""

    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return norm(one) == norm(other)


def same_day(one: str, other: str) -> bool:
    return bool(one) and one[:10] == other[:10]


def author_set(text: str) -> frozenset[str]:
    """The scorer's set of names: NFKC, casefold, a leading "by" dropped, split at , ; & and
    "and"/"und"."""
    flat = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    flat = re.sub(r"^\s*by\s+", "", flat)
    return frozenset(a.strip() for a in re.split(r",|;|&|\band\b|\bund\b", flat) if a.strip())


def same_authors(one: str, other: str) -> bool:
    """The scorer's author match: the same set of names, in any order; nothing never matches."""
    return bool(one.strip()) and author_set(one) == author_set(other)


MATCHERS: dict[str, Callable[[str, str], bool]] = {
    "date": same_day,
    "title": same_title,
    "author": same_authors,
}


@dataclass(frozen=True)
class LabelledPage:
    """One labelled page as a chooser sees it: its candidates and which are right."""

    key: str  # "<set>/<id>", for reports only
    site: str
    candidates: tuple[dict[str, float], ...]
    correct: tuple[bool, ...]
    fallback_correct: bool  # the answer given when there is no candidate


def labelled_pages(
    field: str, set_name: str, truth: dict[str, Any], predictions: dict[str, dict[str, Any]]
) -> list[LabelledPage]:
    """The pages of a set labelled for `field`, with the candidates the run recorded."""
    match = MATCHERS[field]
    pages: list[LabelledPage] = []
    for page_id, label in sorted(truth.items()):
        wanted = str(label.get(field) or "")
        if not wanted:
            continue
        found = predictions.get(page_id, {})
        offered = found.get("candidates", {}).get(field, [])
        pages.append(
            LabelledPage(
                key=f"{set_name}/{page_id}",
                site=site_of(str(label.get("url") or page_id)),
                candidates=tuple(c["features"] for c in offered),
                correct=tuple(match(str(c["value"]), wanted) for c in offered),
                fallback_correct=not offered and match(str(found.get(field) or ""), wanted),
            )
        )
    return pages


def fit_weights(pages: Sequence[LabelledPage]) -> dict[str, float]:
    """A logistic regression over candidates (is this the labelled answer?), as weights."""
    from sklearn.linear_model import LogisticRegression

    names = sorted({name for page in pages for c in page.candidates for name in c})
    rows: list[list[float]] = []
    labels: list[int] = []
    for page in pages:
        for features, right in zip(page.candidates, page.correct, strict=True):
            rows.append([features.get(name, 0.0) for name in names])
            labels.append(int(right))
    if not rows or len(set(labels)) < 2:
        return {}
    model = LogisticRegression(C=REGULARISATION_C, max_iter=5000)
    model.fit(rows, labels)
    return {name: round(float(w), 4) for name, w in zip(names, model.coef_[0], strict=True)}


def page_correct(page: LabelledPage, weights: dict[str, float]) -> bool:
    index = best_index(page.candidates, weights)
    return page.fallback_correct if index is None else page.correct[index]


def site_folds(sites: Sequence[str], folds: int = FOLDS) -> list[int]:
    """Each item's fold, grouped by site (scikit-learn's GroupKFold: deterministic)."""
    from sklearn.model_selection import GroupKFold

    fold_of = [0] * len(sites)
    splitter = GroupKFold(n_splits=min(folds, len(set(sites))))
    for number, (_, test) in enumerate(splitter.split(list(sites), groups=list(sites))):
        for index in test:
            fold_of[index] = number
    return fold_of


@dataclass(frozen=True)
class CrossValidation:
    accuracy: float  # over all pages, each scored by a model that never saw its site
    per_fold: tuple[float, ...]
    reachable: float  # share of pages where some candidate is right
    pages: int
    hits: dict[str, bool]  # page key → right under cross-validation


def cross_validate(pages: Sequence[LabelledPage], folds: int = FOLDS) -> CrossValidation:
    fold_of = site_folds([page.site for page in pages], folds)
    hits = [False] * len(pages)
    per_fold: list[float] = []
    for fold in sorted(set(fold_of)):
        weights = fit_weights([page for page, f in zip(pages, fold_of, strict=True) if f != fold])
        scored = [i for i, f in enumerate(fold_of) if f == fold]
        for index in scored:
            hits[index] = page_correct(pages[index], weights)
        per_fold.append(sum(hits[i] for i in scored) / len(scored))
    reachable = sum(any(page.correct) or page.fallback_correct for page in pages)
    return CrossValidation(
        accuracy=sum(hits) / len(pages) if pages else math.nan,
        per_fold=tuple(per_fold),
        reachable=reachable / len(pages) if pages else math.nan,
        pages=len(pages),
        hits={page.key: hit for page, hit in zip(pages, hits, strict=True)},
    )


def per_fold_accuracy(
    sites: Sequence[str], correct: Sequence[bool], folds: int = FOLDS
) -> tuple[float, ...]:
    """A fixed rule's accuracy on each site-grouped fold (to check it wins on every fold)."""
    fold_of = site_folds(sites, folds)
    figures = []
    for fold in sorted(set(fold_of)):
        scored = [ok for ok, f in zip(correct, fold_of, strict=True) if f == fold]
        figures.append(sum(scored) / len(scored))
    return tuple(figures)
