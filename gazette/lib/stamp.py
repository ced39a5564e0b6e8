"""The local change stamp: a small file, mapped into memory, whose number moves whenever
something public changes.

The WSGI page cache reads it on every hit, so reading costs no system call: each process maps
the file once (`MAP_SHARED`), and a write by any process on the host is seen by all of them at
once. The number is a time in nanoseconds (`Last-Modified` is derived from it), kept strictly
increasing. Kept free of model imports, so the page cache can read it before Django is set up.
"""

from __future__ import annotations

import logging
import mmap
import os
import struct
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")
logger = logging.getLogger(__name__)

STAMP_NAME = "site-changed.stamp"
_STAMP = struct.Struct("<q")
_maps: dict[str, mmap.mmap] = {}
_last: tuple[object, mmap.mmap] | None = None  # (DATA_DIR, its map): the hit path's shortcut


def stamp_path() -> Path:
    return Path(settings.DATA_DIR) / STAMP_NAME


def _stamp_map() -> mmap.mmap:
    """The stamp file of this DATA_DIR, mapped once per process (created, zero, if missing)."""
    global _last
    data_dir = settings.DATA_DIR
    if _last is not None and _last[0] is data_dir:
        return _last[1]
    mapped = _maps.get(str(data_dir))
    if mapped is None:
        os.makedirs(data_dir, exist_ok=True)
        fd = os.open(os.path.join(str(data_dir), STAMP_NAME), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size < _STAMP.size:
                os.ftruncate(fd, _STAMP.size)  # an old or new empty file reads as 0
            mapped = _maps[str(data_dir)] = mmap.mmap(fd, _STAMP.size)
        finally:
            os.close(fd)  # the mapping keeps the file open
    _last = (data_dir, mapped)
    return mapped


def stamp_touch() -> None:
    """Record that something public changed (seen at once by the page cache of every local
    process). Runs after a commit: a data folder it cannot write to is logged, not raised, as
    the write itself has succeeded; pages then catch up within PAGE_CACHE_SECONDS."""
    try:
        mapped = _stamp_map()
    except OSError as exc:
        logger.warning(
            "could not record a site change in %s (%s): cached pages may stay stale for up to "
            "PAGE_CACHE_SECONDS; make DATA_DIR writable by every Gazette process",
            stamp_path(),
            exc,
        )
        return
    now = max(time.time_ns(), _STAMP.unpack_from(mapped)[0] + 1)
    _STAMP.pack_into(mapped, 0, now)


def stamp_read() -> int:
    """The stamp's number; 0 when the data folder cannot hold the file."""
    try:
        return int(_STAMP.unpack_from(_stamp_map())[0])
    except OSError:
        return 0


def per_change(key: str, compute: Callable[[], T], *, seconds: int = 60) -> T:
    """`compute()`, cached until something public changes (or `seconds` pass: embargoes end
    without a write)."""
    return cast(T, cache.get_or_set(f"site:{stamp_read()}:{key}", compute, seconds))


# How long the database's change time is reused between requests; local writes move the stamp
# and are seen at once.
DATABASE_CHANGE_CHECK_SECONDS = 2


def changed_at(key: str, database_changed_at: Callable[[], datetime | None]) -> datetime:
    """When what a reader sees last changed: the newest of the local change stamp and the
    database's change time (`database_changed_at`, read at most every
    DATABASE_CHANGE_CHECK_SECONDS under `key`). The site's pages and the API both use it."""
    candidates = [datetime.fromtimestamp(stamp_read() / 1e9, tz=UTC)]
    changed = per_change(key, database_changed_at, seconds=DATABASE_CHANGE_CHECK_SECONDS)
    if changed is not None:
        candidates.append(changed)
    return max(candidates)
