"""How alike two reports are, on SemEval-2022 Task 8's scale (1 very similar .. 4 very
dissimilar): a small least-squares map from a few features of the pair, trained and
cross-validated by `make train-stories` (docs/stories.md), and used by related articles, so the
cross-validated figure describes what the site ranks by.

The features of a pair, each in [0, 1] and each also as its square root (most pairs share a
little; the root spreads those apart):

- `lexical`: the cosine of the two lexical vectors (`embeddings/lexical.py`);
- `names`: the overlap (Jaccard) of their capitalised words and numbers;
- `model`: the cosine of the local model's centred vectors of the openings (local backend);
- `title`: the cosine of the two headlines' lexical vectors (no IDF: it needs no counts);
- `length`: the ratio of the shorter text to the longer, both cut at `PAIR_CHARS` (a brief
  beside a full report).

With `cross_terms` the map also has an intercept and a slope of its own for every feature when
the two reports are in different languages (words rarely meet across languages; the model
does): a pair's languages are known on the site as in the data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gazette.discovery.embeddings.lexical import LexicalEmbedder

PAIR_CHARS = 1300  # the dev pairs' texts are at most this long (the head and tail of a report)
FEATURES = ("lexical", "names", "model", "title", "length")
NAME_OR_NUMBER = re.compile(r"\b[^\W\d_][\w'’-]*|\b\d[\d.,]*\b")


def names_and_numbers(text: str) -> set[str]:
    """Capitalised words and numbers: the names, places and figures two reports share."""
    return {
        token.casefold()
        for token in NAME_OR_NUMBER.findall(text)
        if token[0].isdigit() or token[0].isupper()
    }


@dataclass
class Report:
    """What the features need of one report: its text, headline, language and vector parts
    (unit rows: the lexical vector and, for the local backend, the centred model vector)."""

    text: str
    title: str
    language: str
    lexical: np.ndarray
    model: np.ndarray | None = None
    _names: set[str] | None = field(default=None, repr=False)

    @property
    def names(self) -> set[str]:
        if self._names is None:
            self._names = names_and_numbers(self.text[:PAIR_CHARS])
        return self._names

    @property
    def length(self) -> int:
        return min(len(self.text), PAIR_CHARS)


def title_vectors(titles: Sequence[str]) -> np.ndarray:
    """The headlines' lexical vectors without IDF (the same on the site and in training)."""
    return LexicalEmbedder().embed(list(titles))


def raw_features(
    reports: Sequence[Report],
    first: np.ndarray,
    second: np.ndarray,
    names: Sequence[str],
    titles: np.ndarray | None = None,
) -> np.ndarray:
    """One row per pair (reports[first[k]], reports[second[k]]): the named features in [0, 1].
    `titles`: the reports' title vectors, when the caller has them."""
    columns = []
    for name in names:
        if name == "lexical":
            lexical = np.stack([r.lexical for r in reports]).astype(np.float64)
            columns.append(np.sum(lexical[first] * lexical[second], axis=1))
        elif name == "model":
            if any(r.model is None for r in reports):
                raise ValueError("the `model` feature needs the local backend's vectors")
            model = np.stack([r.model for r in reports if r.model is not None]).astype(np.float64)
            columns.append(np.sum(model[first] * model[second], axis=1))
        elif name == "names":
            columns.append(
                np.array(
                    [
                        len(reports[a].names & reports[b].names)
                        / max(1, len(reports[a].names | reports[b].names))
                        for a, b in zip(first, second, strict=True)
                    ]
                )
            )
        elif name == "title":
            vectors = titles if titles is not None else title_vectors([r.title for r in reports])
            columns.append(np.sum(vectors[first] * vectors[second], axis=1))
        elif name == "length":
            lengths = np.array([max(1, r.length) for r in reports], dtype=np.float64)
            columns.append(
                np.minimum(lengths[first], lengths[second])
                / np.maximum(lengths[first], lengths[second])
            )
        else:
            raise ValueError(f"unknown similarity feature {name!r}")
    return np.clip(np.column_stack(columns), 0.0, 1.0) if columns else np.zeros((len(first), 0))


def design(raw: np.ndarray, cross: np.ndarray, cross_terms: bool) -> np.ndarray:
    """The map's inputs: the features and their square roots; with `cross_terms` also the
    cross-lingual indicator and every input times it."""
    base = np.hstack([raw, np.sqrt(raw)])
    if not cross_terms:
        return base
    indicator = np.asarray(cross, dtype=np.float64)[:, None]
    return np.hstack([base, indicator, indicator * base])


def pair_features(
    reports: Sequence[Report],
    first: np.ndarray,
    second: np.ndarray,
    params: dict[str, Any],
    titles: np.ndarray | None = None,
) -> np.ndarray:
    """The design rows of the pairs for a trained map (`params`: its features and terms)."""
    names = params.get("features")
    if names is None:  # a map trained before the features were named
        names = ["lexical", "names"] + (
            ["model"] if reports and reports[0].model is not None else []
        )
    raw = raw_features(reports, first, second, names, titles)
    cross = np.array(
        [reports[a].language != reports[b].language for a, b in zip(first, second, strict=True)]
    )
    return design(raw, cross, bool(params.get("cross_terms")))


def fit(features: np.ndarray, overall: np.ndarray) -> dict[str, Any]:
    """Least squares from features to SemEval's scale, with a small ridge so correlated
    features stay tame."""
    mean_x, mean_y = features.mean(axis=0), float(overall.mean())
    centred = features - mean_x
    scale = float(centred.var(axis=0).mean()) or 1.0
    ridge = 1e-3 * len(features) * np.eye(features.shape[1]) * scale
    coef = np.linalg.solve(centred.T @ centred + ridge, centred.T @ (overall - mean_y))
    return {"coef": [float(c) for c in coef], "intercept": float(mean_y - mean_x @ coef)}


def predict(features: np.ndarray, model: dict[str, Any]) -> np.ndarray:
    """SemEval's scale: 1 very similar .. 4 very dissimilar."""
    score = features @ np.asarray(model["coef"]) + float(model["intercept"])
    return np.clip(score, 1.0, 4.0)


def closeness(score: np.ndarray) -> np.ndarray:
    """The scale turned round to 0 (very dissimilar) .. 1 (very similar)."""
    return (4.0 - np.asarray(score, dtype=np.float64)) / 3.0
