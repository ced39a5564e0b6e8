"""Embedding backends behind one interface; `embedder()` picks the configured one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.conf import settings

from gazette.discovery.embeddings import local
from gazette.discovery.embeddings.base import Embedder, EmbeddingError, normalise_rows
from gazette.discovery.embeddings.lexical import LexicalEmbedder
from gazette.discovery.embeddings.openai import OpenAIEmbedder

__all__ = ["Embedder", "EmbeddingError", "LexicalEmbedder", "embedder", "normalise_rows"]


def embedder(idf: Callable[[Iterable[str]], Mapping[str, float]] | None = None) -> Embedder:
    """The backend DISCOVERY_EMBEDDINGS names: `auto` (the default) is the local model where it
    is installed and the lexical one elsewhere; lexical when the chosen one cannot run."""
    choice = settings.DISCOVERY_EMBEDDINGS or "auto"
    if choice in ("local", "auto") and local.available():
        try:
            return local.LocalEmbedder(idf=idf)
        except EmbeddingError:  # trained without the model (`--lexical-only`)
            pass
    if choice == "openai" and settings.DISCOVERY_EMBEDDINGS_URL:
        return OpenAIEmbedder(
            base_url=settings.DISCOVERY_EMBEDDINGS_URL,
            model=settings.DISCOVERY_EMBEDDINGS_MODEL,
            api_key=settings.DISCOVERY_EMBEDDINGS_API_KEY,
        )
    return LexicalEmbedder(idf=idf)
