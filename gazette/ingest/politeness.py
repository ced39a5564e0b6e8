"""The start gate of every fetch ingestion makes: per-host pacing shared across processes.

`lib/fetch.py` keeps the delay between two requests to one host through a `StartGate`; its
own gate knows only its process. With several workers (or machines) a host would see N times
the pace, so ingestion brings a gate kept where all of them look: Django's cache when it is
shared (Redis), else the database (`HostSlot`). Both store, per host, the earliest time the
next request may start; a claim moves it `delay` further.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import IntegrityError, transaction
from django.utils import timezone

from gazette.ingest.models import HostSlot
from gazette.lib.fetch import StartGate

# Cache backends that each process keeps to itself: no use for sharing a pace.
_PROCESS_CACHES = ("LocMemCache", "DummyCache")
_CLAIM_TRIES = 100


class DatabaseStartGate:
    """Host slots in the database, claimed with a conditional UPDATE on the value read: of two
    processes that read the same slot, one UPDATE matches and the other reads again."""

    def reserve(self, host: str, *, delay: float) -> float:
        if delay <= 0:
            return 0.0
        key = _host_key(host, HostSlot._meta.get_field("host").max_length or 300)
        step = timedelta(seconds=delay)
        for _ in range(_CLAIM_TRIES):
            now = timezone.now()
            seen = HostSlot.objects.filter(host=key).values_list("next_start_at", flat=True).first()
            if seen is None:
                try:
                    with transaction.atomic():
                        HostSlot.objects.create(host=key, next_start_at=now + step)
                except IntegrityError:
                    continue  # another process made it a moment ago: claim it as usual
                return 0.0
            start = max(now, seen)
            claimed = HostSlot.objects.filter(host=key, next_start_at=seen).update(
                next_start_at=start + step
            )
            if claimed:
                return (start - now).total_seconds()
        return delay  # lost every race: wait one delay rather than not at all


class CacheStartGate:
    """Host slots in Django's cache. A claim holds a short lock (`add` is atomic in Redis and
    Memcached) while it reads and moves the slot."""

    def __init__(self, cache: BaseCache | None = None) -> None:
        self.cache = cache or caches["default"]

    def reserve(self, host: str, *, delay: float) -> float:
        if delay <= 0:
            return 0.0
        key = "gazette:host-slot:" + hashlib.sha256(host.encode()).hexdigest()[:32]
        lock = key + ":lock"
        for _ in range(_CLAIM_TRIES * 10):
            if self.cache.add(lock, 1, timeout=10):  # a crashed holder's lock lapses
                try:
                    now = time.time()
                    start = max(now, float(self.cache.get(key) or 0.0))
                    self.cache.set(key, start + delay, timeout=int(start - now + delay) + 60)
                    return start - now
                finally:
                    self.cache.delete(lock)
            time.sleep(0.005)
        return delay


def _host_key(host: str, limit: int) -> str:
    host = host.lower()
    if len(host) <= limit:
        return host
    return host[: limit - 65] + "#" + hashlib.sha256(host.encode()).hexdigest()


def shared_start_gate() -> StartGate:
    """The gate this deployment shares: the cache when it is shared, else the database."""
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    if backend and not backend.endswith(_PROCESS_CACHES):
        return CacheStartGate()
    return DatabaseStartGate()
