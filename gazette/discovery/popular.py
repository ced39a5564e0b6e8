"""Most read: view beacons counted once per visitor, article and day, in hourly buckets, decayed.

No cookies: a visitor is the reader's address (an IPv6 address by its /64 network, what one
household or phone holds) hashed with a salt derived from the secret key and today's date, so
it changes daily and yesterday's hashes cannot be linked; the address itself is never stored.
The user agent plays no part: rotating it does not make a reader many. Repeats of an article
by one visitor count once a day; beyond `DISCOVERY_BEACONS_PER_MINUTE` beacons a minute from
one address nothing counts. Readers behind one address (an office, a carrier's NAT) count as
one per article and day: the price of not trusting anything the client says about itself.

Which requests come from another site is the beacon view's to decide (`site.beacon_views`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
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


def client_address(request: HttpRequest) -> str:
    """The address of the client, as the last trusted proxy saw it.

    Without a proxy (`PROXY_COUNT` 0) that is `REMOTE_ADDR`; `X-Forwarded-For` is the client's
    own word and is ignored. Behind `PROXY_COUNT` proxies, each appending the address it saw,
    the reader is the entry that many places from the right: what a client writes into the
    header itself stays on the left, out of reach. The desk's login throttle uses the same
    address (`desk.login.client_ip`)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def visitor_network(address: str) -> str:
    """What identifies one reader: an IPv4 address, an IPv6 address's /64 network."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def daily_salt(day: datetime | None = None) -> bytes:
    day = day or timezone.now()
    return hmac.new(
        settings.SECRET_KEY.encode(), f"views:{day:%Y-%m-%d}".encode(), hashlib.sha256
    ).digest()


def visitor_hash(address: str, *, day: datetime | None = None) -> str:
    """The day's pseudonym of the reader at `address` (see `visitor_network`)."""
    network = visitor_network(address)
    return hmac.new(daily_salt(day), network.encode(), hashlib.sha256).hexdigest()[:32]


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


def _within_rate(visitor: str, now: datetime) -> bool:
    """Count this beacon against the visitor's minute; False beyond the limit."""
    key = f"discovery:rate:{visitor}:{int(now.timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) <= settings.DISCOVERY_BEACONS_PER_MINUTE
    except ValueError:  # evicted between add and incr: start again
        cache.add(key, 1, timeout=120)
        return True


def _seconds_left_today(now: datetime) -> int:
    tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(int((tomorrow - now).total_seconds()) + 1, 1)


def view_record(*, request: HttpRequest, article_id: int) -> bool:
    """Count a view unless it is a bot's, a prefetch, a burst or a repeat. True if counted.

    The caller has already refused requests from other sites."""
    if not is_countable(request):
        return False
    now = timezone.now()
    visitor = visitor_hash(client_address(request), day=now)
    if not _within_rate(visitor, now):
        return False
    # The visitor's pseudonym is the day's (the salt is daily): keep it to the day's end.
    if not cache.add(f"discovery:seen:{visitor}:{article_id}", 1, timeout=_seconds_left_today(now)):
        return False
    if not articles_published().filter(pk=article_id).exists():
        return False
    hour = now.replace(minute=0, second=0, microsecond=0)
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
