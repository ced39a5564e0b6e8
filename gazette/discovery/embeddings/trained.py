"""The parameters `make train-stories` learnt from the dev data sets (`trained.json` beside
this file): thresholds, the blend of the local backend, its mean direction, the similarity
scale. Small, committed, and reproduced by `scripts/train_stories.py` from ../shared/data."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

TRAINED_PATH = Path(__file__).resolve().parent / "trained.json"


@lru_cache(maxsize=1)
def trained() -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(TRAINED_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{TRAINED_PATH} is missing: run `make train-stories` to make it again"
        ) from None
    return data


def backend_params(backend_name: str) -> dict[str, Any]:
    """The trained parameters of a backend by its stored name (`lexical2`, `local-…`)."""
    data = trained()
    return dict(data["local"] if backend_name.startswith("local") else data["lexical"])


def configured_or_trained(setting: object, backend_name: str, key: str) -> float:
    """A DISCOVERY_* threshold: the setting when set, else the backend's trained value
    (cosines of different backends live on different scales)."""
    if setting is None or setting == "":
        return float(backend_params(backend_name)[key])
    return float(str(setting))
