"""The rate limit's counter: requests of one client in the current minute (a fixed window),
counted atomically across every worker process.

- `database` (the default without Redis): one statement, `INSERT … ON CONFLICT (bucket,
  minute) DO UPDATE SET count = count + 1 RETURNING count`, on SQLite (3.35+) and PostgreSQL
  alike. The row's lock (PostgreSQL) or the database's write lock (SQLite) orders concurrent
  requests, so each gets a different count and no more than the limit get through.
- `cache` (the default with `REDIS_URL`): `add` + `incr` in Django's cache, atomic in Redis
  (INCR). Without Redis the cache is per process, so this is only right for one process.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from gazette.api.models import RateCount

# Rows of minutes before the previous one are deleted when a new minute's row is made.
KEEP_MINUTES = 2


def current_minute(now: float | None = None) -> tuple[int, int]:
    """(minutes since 1970, seconds until the next minute starts, at least 1)."""
    now = time.time() if now is None else now
    minute = int(now // 60)
    return minute, max(1, int((minute + 1) * 60 - now) + 1)


def count_request(bucket: str, minute: int) -> int:
    """Count one request of `bucket` in `minute`; return how many it has made in it."""
    if settings.API_RATE_LIMIT_STORE == "cache":
        return _count_in_cache(bucket, minute)
    return _count_in_database(bucket[:120], minute)


def _count_in_cache(bucket: str, minute: int) -> int:
    key = f"api:rate:{bucket}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        return int(cache.incr(key))
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=120)
        return 1


def _count_in_database(bucket: str, minute: int) -> int:
    quote = connection.ops.quote_name
    table = quote(RateCount._meta.db_table)
    count = quote("count")
    # Names from the model, quoted; the values are parameters.
    sql = (
        f"INSERT INTO {table} ({quote('bucket')}, {quote('minute')}, {count}) "  # noqa: S608
        f"VALUES (%s, %s, 1) "
        f"ON CONFLICT ({quote('bucket')}, {quote('minute')}) "
        f"DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [bucket, minute])
        row = cursor.fetchone()
    total = int(row[0])
    if total == 1:  # the first request of this client this minute: forget old minutes
        RateCount.objects.filter(minute__lt=minute - KEEP_MINUTES + 1).delete()
    return total
