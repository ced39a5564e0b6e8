"""The local change stamp: a file whose mtime moves whenever something public changes.

Kept free of model imports, so the WSGI page cache can read it before Django is set up.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")


def stamp_path() -> Path:
    return Path(settings.DATA_DIR) / "site-changed.stamp"


def stamp_touch() -> None:
    """Record that something public changed (read by the page cache of every local process)."""
    path = stamp_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path)


def per_change(key: str, compute: Callable[[], T], *, seconds: int = 60) -> T:
    """`compute()`, cached until something public changes (or `seconds` pass: embargoes end
    without a write)."""
    return cast(T, cache.get_or_set(f"site:{stamp_read()}:{key}", compute, seconds))


def stamp_read() -> int:
    try:
        return stamp_path().stat().st_mtime_ns
    except OSError:
        return 0
