"""Any OpenAI-compatible embeddings endpoint (`POST {base}/embeddings`)."""

from __future__ import annotations

import httpx
import numpy as np

from gazette.discovery.embeddings.base import Embedder, EmbeddingError, normalise_rows


class OpenAIEmbedder(Embedder):
    name = "openai"

    def __init__(self, *, base_url: str, model: str, api_key: str = "", timeout: float = 30):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.name = f"openai:{model}"

    def embed(self, texts: list[str]) -> np.ndarray:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = httpx.post(
                f"{self.base_url}/embeddings",
                json={"model": self.model, "input": texts},
                headers=headers,
                timeout=self.timeout,
            )
            response.raise_for_status()
            data = sorted(response.json()["data"], key=lambda item: item["index"])
            matrix = np.asarray([item["embedding"] for item in data], dtype=np.float32)
        except (httpx.HTTPError, KeyError, TypeError, ValueError) as exc:
            raise EmbeddingError(f"embeddings endpoint {self.base_url}: {exc}") from exc
        if matrix.shape[0] != len(texts):
            raise EmbeddingError("the endpoint returned a different number of embeddings")
        self.dimensions = int(matrix.shape[1])
        return normalise_rows(matrix)
