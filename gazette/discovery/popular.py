"""Most read: view beacons counted once per visitor and window, in hourly buckets, decayed.

No cookies: a visitor is a hash of the address and user agent with a salt derived from the
secret key and today's date, so it changes daily and yesterday's hashes cannot be linked.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from gazette.articles.models import Article
from gazette.articles.selectors import articles_published
from gazette.discovery.models import PopularityBucket
from gazette.lib.stamp import per_change

BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-|httpx|java/|go-http|"
    r"headless|phantom|lighthouse|facebookexternalhit|embedly|scrapy|feed",
    re.IGNORECASE,
)
MAX_BEACONS_PER_MINUTE = 30  # a person does not read thirty articles a minute


def daily_salt(day: datetime | None = None) -> bytes:
    day = day or timezone.now()
    return hmac.new(
        settings.SECRET_KEY.encode(), f"views:{day:%Y-%m-%d}".encode(), hashlib.sha256
    ).digest()


def visitor_hash(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    return hmac.new(daily_salt(), f"{address}|{agent}".encode(), hashlib.sha256).hexdigest()[:32]


def is_countable(request: HttpRequest) -> bool:
    """People only: no bots, no prefetch or prerender, a browser-like user agent."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    if not agent.startswith("Mozilla/") or BOTS.search(agent):
        return False
    purpose = " ".join(
        request.META.get(header, "")
        for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
    ).lower()
    return "prefetch" not in purpose and "preview" not in purpose


def view_record(*, request: HttpRequest, article_id: int) -> bool:
    """Count a view unless it is a bot's, a prefetch, a repeat, or a burst. True if counted."""
    if not is_countable(request):
        return False
    visitor = visitor_hash(request)
    rate_key = f"discovery:rate:{visitor}:{int(timezone.now().timestamp() // 60)}"
    cache.add(rate_key, 0, timeout=120)
    try:
        if cache.incr(rate_key) > MAX_BEACONS_PER_MINUTE:
            return False
    except ValueError:
        pass
    window = settings.DISCOVERY_VIEW_WINDOW_MINUTES * 60
    if not cache.add(f"discovery:seen:{visitor}:{article_id}", 1, timeout=window):
        return False
    if not articles_published().filter(pk=article_id).exists():
        return False
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    table = PopularityBucket._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, hour, views) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {table}.views + 1",
            [article_id, hour],
        )
    return True


WINDOWS = {
    # name: (how far back, half-life of a view's weight)
    "today": (timedelta(hours=24), timedelta(hours=6)),
    "week": (timedelta(days=7), timedelta(days=2)),
}


def most_read(window: str = "today", *, limit: int = 5) -> list[Article]:
    """Published articles by decayed views within the window.

    The ranking is kept for a minute; the articles themselves until something public
    changes (a withdrawn story leaves the box at once), so a page pays no query for them.
    """
    return per_change(f"most-read:{window}:{limit}", lambda: _most_read(window, limit), seconds=60)


def _most_read(window: str, limit: int) -> list[Article]:
    key = f"discovery:most-read:{window}:{limit}"
    ids = cache.get(key)
    if ids is None:
        span, half_life = WINDOWS[window]
        now = timezone.now()
        scores: dict[int, float] = defaultdict(float)
        buckets = PopularityBucket.objects.filter(hour__gte=now - span).values_list(
            "article_id", "hour", "views"
        )
        for article_id, hour, views in buckets:
            age = (now - hour).total_seconds() / half_life.total_seconds()
            scores[article_id] += views * math.pow(0.5, max(age, 0.0))
        ranked = sorted(scores, key=lambda pk: scores[pk], reverse=True)[: limit * 3]
        public = set(articles_published().filter(pk__in=ranked).values_list("pk", flat=True))
        ids = [pk for pk in ranked if pk in public][:limit]
        cache.set(key, ids, timeout=60)
    if not ids:
        return []
    by_id = articles_published().defer("body_html", "minhash").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
