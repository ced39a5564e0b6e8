"""Choosing one candidate among many with a small linear model: the weights are trained by
`scripts/train_extraction.py` (`make train-extraction`) on the shared development labels, with
cross-validation grouped by site, and committed as JSON under `weights/`.

A candidate is described by named features (what kind of source states it, where, whether
other sources agree); its score is the weighted sum, and the best-scoring candidate wins, the
earliest listed on a tie. Nothing here knows a page, a site or an address of the data sets.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

WEIGHTS_DIR = Path(__file__).with_name("weights")


@functools.cache
def load_weights(name: str) -> dict[str, float]:
    """The committed weights `weights/<name>.json` (feature → weight), {} when missing."""
    try:
        data = json.loads((WEIGHTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        return {str(feature): float(value) for feature, value in data["weights"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def score(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def best_index(
    candidates: Sequence[Mapping[str, float]], weights: Mapping[str, float]
) -> int | None:
    """Index of the best-scoring feature set (the first on a tie), None when there is none."""
    best, best_score = None, -math.inf
    for index, features in enumerate(candidates):
        value = score(features, weights)
        if value > best_score:
            best, best_score = index, value
    return best
