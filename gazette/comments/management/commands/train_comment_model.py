"""Train the shipped spam classifier from a labelled CSV (`make train-comments`)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gazette.comments import classifier

GRID = (3.0, 10.0, 30.0)
# The most legitimate comments the hold threshold may keep waiting, in cross-validation.
HAM_HELD_TARGET = 0.08


def read_labelled(path: Path) -> tuple[list[str], list[bool]]:
    """The texts and labels of `path` (id,author,date,text,label): only the text is read."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"cannot read {path}: {error}") from error
    if not rows or "text" not in rows[0] or "label" not in rows[0]:
        raise CommandError(f"{path}: want a CSV with the columns text and label")
    return [row["text"] for row in rows], [row["label"] == "spam" for row in rows]


def cross_validated(texts: list[str], spam: list[bool], *, c: float, folds: int) -> np.ndarray:
    """Each comment's spam probability from a model trained on the other folds."""
    from sklearn.model_selection import StratifiedKFold

    labels = np.array(spam)
    out = np.zeros(len(texts))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
    for train, test in splitter.split(texts, labels):
        model = classifier.fit(
            [texts[i] for i in train],
            [bool(labels[i]) for i in train],
            c=c,
            hold_at=0.5,
            reject_at=1.0,
            name="fold",
        )
        out[test] = [model.probability(texts[i]) for i in test]
    return out


def figures(p: np.ndarray, spam: np.ndarray, hold_at: float, reject_at: float) -> dict[str, float]:
    return {
        "spam_published": float((p[spam] < hold_at).mean()),
        "ham_held": float((p[~spam] >= hold_at).mean()),
        "spam_rejected": float((p[spam] >= reject_at).mean()),
        "ham_rejected": float((p[~spam] >= reject_at).mean()),
    }


class Command(BaseCommand):
    help = (
        "Train the spam classifier on a labelled CSV (id,author,date,text,label; only text and "
        "label are read), choosing the regularisation and thresholds by cross-validation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)
        parser.add_argument("--out", type=Path, default=classifier.SHIPPED_PATH)
        parser.add_argument("--folds", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        texts, spam_list = read_labelled(options["csv"])
        spam = np.array(spam_list)
        best: tuple[float, float, float, float] | None = None
        for c in GRID:
            self.stdout.write(f"cross-validating C={c} ({options['folds']} folds) …")
            p = cross_validated(texts, spam_list, c=c, folds=options["folds"])
            hold_at = float(np.quantile(p[~spam], 1 - HAM_HELD_TARGET))
            # Refuse outright only above every legitimate comment seen, with a margin.
            reject_at = max(0.95, float(p[~spam].max()) + 0.02)
            shown = figures(p, spam, hold_at, reject_at)
            self.stdout.write(
                f"  C={c}: hold at p≥{hold_at:.3f}, reject at p≥{reject_at:.3f}: "
                + ", ".join(f"{key} {value:.3f}" for key, value in shown.items())
            )
            if best is None or shown["spam_published"] < best[0]:
                best = (shown["spam_published"], c, hold_at, reject_at)
        assert best is not None
        _published, c, hold_at, reject_at = best
        model = classifier.fit(
            texts,
            spam_list,
            c=c,
            hold_at=round(hold_at, 3),
            reject_at=round(min(reject_at, 0.999), 3),
            name=f"{options['csv'].name}, {len(texts)} comments, C={c}",
        )
        options["out"].write_text(model.to_json() + "\n", encoding="utf-8")
        size = options["out"].stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"chose C={c}; wrote {options['out']} ({size:,} bytes): "
                f"hold at p≥{model.hold_at}, reject at p≥{model.reject_at}"
            )
        )
