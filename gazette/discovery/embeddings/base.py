"""The one interface every embedding backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class EmbeddingError(Exception):
    """A backend could not embed (model missing, endpoint down); callers fall back to lexical."""


class Embedder(ABC):
    """Turns texts into unit-length float32 rows; a dot product of two rows is their cosine."""

    name = "base"
    dimensions = 0

    @abstractmethod
    def embed(self, texts: list[str]) -> np.ndarray:
        """One row per text."""


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)
