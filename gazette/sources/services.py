"""Every write to sources: registering them, claiming due ones, recording poll outcomes."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from gazette.lib.retry import backoff_delay
from gazette.lib.urls import UnsafeURL, web_url
from gazette.sources.models import Source
from gazette.sources.reasons import readable_text
from gazette.states import LicencePolicy, SourceHealth, SourceKind

# A claimed source is not offered again for this long, so a crashed poll is retried later.
CLAIM_LEASE = timedelta(minutes=10)


def source_register(
    *,
    name: str,
    feed_url: str,
    language: str,
    homepage: str = "",
    kind: str = SourceKind.FEED,
    licence: str = LicencePolicy.EXCERPT,
    poll_interval: timedelta | None = None,
) -> Source:
    """Create the source for `feed_url`, or update its settings if it exists.

    Both addresses must be absolute http(s) URLs (`lib.urls.web_url`); anything else raises
    ValidationError, as the desk's form would: they are polled, and shown as links.
    """
    feed_url = _web_address("feed_url", feed_url)
    homepage = _web_address("homepage", homepage) if homepage else ""
    defaults = {
        "name": name,
        "homepage": homepage,
        "kind": kind,
        "language": language,
        "licence": licence,
        "poll_interval": poll_interval or timedelta(seconds=settings.POLL_INTERVAL_DEFAULT),
    }
    source = Source.objects.filter(feed_url=feed_url).first()
    if source is None:
        base = slugify(name)[:90] or "source"
        slug, counter = base, 2
        while Source.objects.filter(slug=slug).exists():
            slug, counter = f"{base}-{counter}", counter + 1
        return Source.objects.create(feed_url=feed_url, slug=slug, **defaults)
    for field, value in defaults.items():
        setattr(source, field, value)
    source.save()
    return source


def _web_address(field: str, value: str) -> str:
    limit = getattr(Source._meta.get_field(field), "max_length", None) or 0
    try:
        address = web_url(value)
    except UnsafeURL as exc:
        reason = f"{value[:120]!r} is not a usable web address: {exc}"
        raise ValidationError({field: reason}) from exc
    if limit and len(address) > limit:
        raise ValidationError({field: f"longer than {limit:,} characters"})
    return address


def sources_claim_due(*, now: datetime | None = None, limit: int = 50) -> list[Source]:
    """Claim active sources whose poll is due; two schedulers never claim the same one.

    The claim is a conditional UPDATE on the `next_poll_at` value we read: whoever updates
    first moves it into the future, and the other's UPDATE matches no row.
    """
    now = now or timezone.now()
    due = list(
        Source.objects.filter(is_active=True, next_poll_at__lte=now)
        .order_by("next_poll_at")
        .values_list("pk", "next_poll_at")[:limit]
    )
    claimed_ids = [
        pk
        for pk, seen_next_poll_at in due
        if Source.objects.filter(pk=pk, next_poll_at=seen_next_poll_at).update(
            next_poll_at=now + CLAIM_LEASE, claimed_at=now
        )
        == 1
    ]
    return list(Source.objects.filter(pk__in=claimed_ids))


def source_record_success(
    *, source: Source, etag: str = "", last_modified: str = "", now: datetime | None = None
) -> None:
    now = now or timezone.now()
    Source.objects.filter(pk=source.pk).update(
        etag=etag[:500],
        last_modified=last_modified[:100],
        health=SourceHealth.OK,
        last_polled_at=now,
        last_success_at=now,
        consecutive_failures=0,
        last_error="",
        claimed_at=None,
        next_poll_at=now + source.poll_interval,
    )


def source_record_failure(*, source: Source, reason: str, now: datetime | None = None) -> None:
    """Record why polling failed (in an editor's words) and when to try again. Many failures
    mark the source as needing attention; it is still polled, never silently disabled."""
    now = now or timezone.now()
    failures = source.consecutive_failures + 1
    delay = backoff_delay(
        failures, base_seconds=settings.RETRY_BASE_SECONDS, max_seconds=settings.RETRY_MAX_SECONDS
    )
    health = (
        SourceHealth.NEEDS_ATTENTION if failures >= settings.MAX_ATTEMPTS else SourceHealth.FAILING
    )
    Source.objects.filter(pk=source.pk).update(
        health=health,
        last_polled_at=now,
        consecutive_failures=F("consecutive_failures") + 1,
        last_error=readable_text(reason)[:2000],
        claimed_at=None,
        next_poll_at=now + delay,
    )


def source_poll_now(*, source: Source) -> None:
    """Make the source due at once (editor's "poll now")."""
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now(), claimed_at=None)


def sources_import_opml(
    *, data: bytes, language: str, licence: str = LicencePolicy.EXCERPT
) -> tuple[list[Source], list[str]]:
    """Register every feed in an OPML file; return (sources, feed URLs already registered)."""
    from gazette.sources.opml import parse_opml

    created: list[Source] = []
    existing: list[str] = []
    for outline in parse_opml(data):
        if Source.objects.filter(feed_url=outline.feed_url).exists():
            existing.append(outline.feed_url)
            continue
        created.append(
            source_register(
                name=outline.title,
                feed_url=outline.feed_url,
                homepage=outline.homepage,
                language=outline.language or language,
                licence=licence,
            )
        )
    return created, existing
