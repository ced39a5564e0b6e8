"""Every write of the ingestion stage: polling a source, fetching an entry, extracting it.

What happens to an extracted article is not this stage's business: the flow
(`gazette/newsroom/flow.py`) passes its next steps in (`then`, `store`), and this stage calls
them inside its own transaction, so its writes and the flow's next step commit together."""

from __future__ import annotations

import hashlib
import logging
import queue
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from gazette.articles.services import ArticleFields
from gazette.ingest.extract import ExtractedArticle, ExtractionError, FeedHints, extract_article
from gazette.ingest.formats import ListedItem, ListingError, parse_listing
from gazette.ingest.models import Document, Entry
from gazette.ingest.politeness import shared_start_gate
from gazette.lib.fetch import Fetcher, FetchError, FetchPolicy, FetchResult, FetchTimeout
from gazette.lib.retry import backoff_delay
from gazette.lib.urls import UnsafeURL, canonicalize_url, clean_web_url, web_url
from gazette.sources.feed_finder import FoundFeed, find_feeds
from gazette.sources.models import Source
from gazette.sources.services import source_record_failure, source_record_success
from gazette.states import EntryState, SourceKind

logger = logging.getLogger(__name__)

# The flow's next step for entries to fetch (new, or changed at the source): their ids.
FetchNext = Callable[[list[int]], None]
# The flow's step that stores an extraction as an article; returns the article's id.
StoreExtraction = Callable[[Entry, ExtractedArticle], int]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EARLIEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# Recorded on the entries of a batch not fetched because their host already took a whole
# deadline (or timed out) earlier in the batch.
SLOW_HOST_REASON = "host too slow; retried later"
# Hosts of one batch fetched side by side, each in its own thread.
MAX_HOSTS_AT_ONCE = 8


def fetch_policy() -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.FETCH_USER_AGENT,
        timeout=settings.FETCH_TIMEOUT,
        max_bytes=settings.FETCH_MAX_BYTES,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        allow_private=settings.FETCH_ALLOW_PRIVATE,
        obey_robots=settings.FETCH_OBEY_ROBOTS,
        host_delay=settings.FETCH_HOST_DELAY,
        host_concurrency=settings.FETCH_HOST_CONCURRENCY,
        deadline=settings.FETCH_DEADLINE,
    )


def _fetcher() -> Fetcher:
    """The client ingestion fetches with: the settings' policy, and a per-host pace shared by
    every worker (cache or database, `ingest/politeness.py`)."""
    return Fetcher(fetch_policy(), gate=shared_start_gate())


@dataclass(frozen=True)
class _Fetched:
    """What became of one entry's fetch: a result, an error, or postponed (not fetched)."""

    entry: Entry
    result: FetchResult | None = None
    error: Exception | None = None
    postponed: bool = False


def entries_fetch(*, entry_ids: list[int], store: StoreExtraction) -> int:
    """Fetch each entry; one entry's unexpected error is recorded on it, the rest carry on.

    The batch shares one read of its entries and one HTTP client (its connections are
    reused). Entries of different hosts are fetched side by side, so a slow host does not
    hold the others up; a host that times out has its other entries in the batch postponed
    unfetched (`SLOW_HOST_REASON`), so a batch takes about one deadline, not one per entry.
    `store` keeps each extraction as an article (see `document_extract`), in this thread.
    """
    fetched = 0
    ids = list(dict.fromkeys(entry_ids))
    found = Entry.objects.select_related("source").in_bulk(ids)
    entries = [found[pk] for pk in ids if pk in found]  # a missing one was deleted meanwhile
    with _fetcher() as fetcher:
        for outcome in _fetch_per_host(entries, fetcher):
            try:
                fetched += _entry_take(outcome, store) is not None
            except Exception as exc:
                logger.exception("unexpected error fetching entry %s", outcome.entry.pk)
                current = Entry.objects.filter(pk=outcome.entry.pk).first()
                if current is not None:
                    entry_record_failure(entry=current, reason=f"internal error: {exc!r}")
    return fetched


def _fetch_per_host(entries: list[Entry], fetcher: Fetcher) -> Iterator[_Fetched]:
    """Each host's entries in order, different hosts side by side, outcomes as they come.

    Only the network waits in the worker threads; what is done with an outcome (the
    database, extraction) is the caller's, in its own thread.
    """
    by_host: dict[str, list[Entry]] = {}
    for entry in entries:
        by_host.setdefault(urlsplit(entry.url).netloc.lower(), []).append(entry)
    if len(by_host) <= 1:
        for group in by_host.values():
            yield from _fetch_host(group, fetcher)
        return
    outcomes: queue.SimpleQueue[_Fetched | None] = queue.SimpleQueue()

    def fetch_group(group: list[Entry]) -> None:
        try:
            for outcome in _fetch_host(group, fetcher):
                outcomes.put(outcome)
        finally:
            connections.close_all()  # the start gate may have opened this thread's connection
            outcomes.put(None)

    workers = min(len(by_host), MAX_HOSTS_AT_ONCE)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch-host") as pool:
        for group in by_host.values():
            pool.submit(fetch_group, group)
        running = len(by_host)
        while running:
            outcome = outcomes.get()
            if outcome is None:
                running -= 1
            else:
                yield outcome


def _fetch_host(group: list[Entry], fetcher: Fetcher) -> Iterator[_Fetched]:
    """Fetch one host's entries in turn; after a timeout the rest are postponed unfetched."""
    slow = False
    for entry in group:
        if slow:
            yield _Fetched(entry, postponed=True)
            continue
        try:
            result = fetcher.get(entry.url, accept=PAGE_ACCEPT)
        except FetchTimeout as exc:
            slow = True
            yield _Fetched(entry, error=exc)
        except Exception as exc:  # a FetchError is recorded; anything else too, as a bug
            yield _Fetched(entry, error=exc)
        else:
            yield _Fetched(entry, result=result)


def _entry_take(outcome: _Fetched, store: StoreExtraction) -> Document | None:
    entry = outcome.entry
    if outcome.postponed:
        entry_postpone(entry=entry, reason=SLOW_HOST_REASON)
        return None
    if isinstance(outcome.error, FetchError):
        logger.warning("fetch of %s failed: %s", entry.url, outcome.error)
        entry_record_failure(entry=entry, reason=str(outcome.error))
        return None
    if outcome.error is not None:
        raise outcome.error
    assert outcome.result is not None
    return _document_from_fetch(entry, outcome.result, store)


def entries_record_listing(
    *, source: Source, items: list[ListedItem], then: FetchNext
) -> list[Entry]:
    """Store the listed items not seen before, and note updates to ones seen before.

    New entries and entries whose listing says they changed since we fetched them go to
    `then` (to be fetched), in this transaction. Returns the new entries.
    """
    listed: dict[str, ListedItem] = {}
    for item in items:
        try:
            url = web_url(item.url)
        except UnsafeURL as exc:
            logger.info("item of %s skipped: its link %r is not usable (%s)", source, item.url, exc)
            continue
        # The same URL twice in one listing (duplicate GUIDs, mirrored items): the first counts.
        listed.setdefault(canonicalize_url(url)[:2000], replace(item, url=url))
    known: dict[str, Entry] = {}
    urls = list(listed)
    for start in range(0, len(urls), 500):  # one query per 500 URLs, not one per item
        chunk = urls[start : start + 500]
        known.update((e.canonical_url, e) for e in Entry.objects.filter(canonical_url__in=chunk))
    refetch: list[int] = []
    new: list[Entry] = []
    for canonical, item in listed.items():
        existing = known.get(canonical)
        if existing is None:
            new.append(_new_entry(source, canonical, item))
        elif _listing_says_updated(existing, item):
            Entry.objects.filter(pk=existing.pk).update(
                feed_updated_at=plausible_date(item.updated_at),
                feed_title=item.title[:1000] or existing.feed_title,
                feed_summary=item.summary or existing.feed_summary,
            )
            refetch.append(existing.pk)
    created = _entries_create(new)
    ids = [entry.pk for entry in created] + refetch
    if ids:
        then(ids)
    return created


def _new_entry(source: Source, canonical: str, item: ListedItem) -> Entry:
    return Entry(
        source=source,
        url=item.url[:2000],
        canonical_url=canonical,
        feed_title=item.title[:1000],
        feed_author=item.author[:300],
        feed_published_at=plausible_date(item.published_at),
        feed_updated_at=plausible_date(item.updated_at),
        feed_summary=item.summary,
        feed_categories=list(item.categories),
    )


def _entries_create(entries: list[Entry]) -> list[Entry]:
    """Insert the entries in bulk; if another worker stored one meanwhile, one by one."""
    if not entries:
        return []
    try:
        with transaction.atomic():
            return Entry.objects.bulk_create(entries)
    except IntegrityError:
        pass
    created: list[Entry] = []
    for entry in entries:
        entry.pk = None
        try:
            with transaction.atomic():
                entry.save(force_insert=True)
        except IntegrityError:
            continue  # another worker stored it a moment ago
        created.append(entry)
    return created


def plausible_date(value: datetime | None) -> datetime | None:
    """A listing's date, unless it is before the web had news sites or in the future."""
    if value is None or value < EARLIEST_PLAUSIBLE or value > timezone.now() + timedelta(days=1):
        return None
    return value


def _listing_says_updated(entry: Entry, item: ListedItem) -> bool:
    updated = plausible_date(item.updated_at)
    if updated is None or entry.state != EntryState.EXTRACTED:
        return False
    return entry.feed_updated_at is None or updated > entry.feed_updated_at


def _fetch_listing(fetcher: Fetcher, source: Source) -> tuple[FetchResult, list[ListedItem]]:
    """Fetch and read the source's listing, following a sitemap index one level down."""
    result = fetcher.get(
        source.feed_url, etag=source.etag, last_modified=source.last_modified, accept=FEED_ACCEPT
    )
    if result.not_modified:
        return result, []
    listing = parse_listing(result.body, result.content_type, result.url)
    items = list(listing.items)
    skipped = list(listing.skipped)
    for child_url in listing.children[: settings.SITEMAP_MAX_CHILDREN]:
        try:
            child = fetcher.get(child_url, accept=FEED_ACCEPT)
            child_listing = parse_listing(child.body, child.content_type, child.url)
        except FetchTimeout as exc:
            # A host that took a whole deadline is not asked for its other sitemaps now.
            logger.warning("child sitemaps of %s from %s on skipped: %s", source, child_url, exc)
            break
        except (FetchError, ListingError) as exc:
            # One broken child sitemap must not hide the others' articles.
            logger.warning("child sitemap %s of %s skipped: %s", child_url, source, exc)
        else:
            items.extend(child_listing.items)
            skipped.extend(child_listing.skipped)
    for reason in skipped[:20]:
        logger.info("listing of %s: %s", source, reason)
    return result, items


def source_poll(*, source_id: int, then: FetchNext) -> list[Entry]:
    """Fetch the source's listing and record new entries; failures are recorded on the source.

    The entries to fetch go to `then`, in the transaction that stores them.
    """
    source = Source.objects.get(pk=source_id)
    if source.kind == SourceKind.PAGE:
        with transaction.atomic():
            entries = entries_record_listing(
                source=source, items=[ListedItem(url=source.feed_url)], then=then
            )
            source_record_success(source=source)
        return entries
    try:
        with _fetcher() as fetcher:
            result, items = _fetch_listing(fetcher, source)
    except (FetchError, ListingError) as exc:
        logger.warning("poll of %s failed: %s", source, exc)
        source_record_failure(source=source, reason=str(exc))
        return []
    if result.not_modified:
        source_record_success(source=source, etag=source.etag, last_modified=source.last_modified)
        return []
    if len(items) > settings.LISTING_MAX_ITEMS:
        # Newest first, so a feed with thousands of items yields its recent news.
        items.sort(key=lambda i: i.published_at or i.updated_at or _EPOCH, reverse=True)
        items = items[: settings.LISTING_MAX_ITEMS]
    with transaction.atomic():
        entries = entries_record_listing(source=source, items=items, then=then)
        source_record_success(source=source, etag=result.etag, last_modified=result.last_modified)
    logger.info("polled %s: %d items, %d new", source, len(items), len(entries))
    return entries


def entry_record_failure(*, entry: Entry, reason: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    attempts = entry.attempts + 1
    parked = attempts >= settings.MAX_ATTEMPTS
    Entry.objects.filter(pk=entry.pk).update(
        attempts=attempts,
        last_error=reason[:2000],
        state=EntryState.NEEDS_ATTENTION if parked else EntryState.FAILED,
        next_attempt_at=None
        if parked
        else now
        + backoff_delay(
            attempts,
            base_seconds=settings.RETRY_BASE_SECONDS,
            max_seconds=settings.RETRY_MAX_SECONDS,
        ),
    )


def entry_postpone(*, entry: Entry, reason: str, now: datetime | None = None) -> None:
    """Record that the entry was not tried (its host was too slow just now) and when to try:
    failed with a retry time, without counting an attempt, so it never parks for this."""
    now = now or timezone.now()
    Entry.objects.filter(pk=entry.pk).update(
        last_error=reason[:2000],
        state=EntryState.FAILED,
        next_attempt_at=now
        + backoff_delay(
            entry.attempts + 1,
            base_seconds=settings.RETRY_BASE_SECONDS,
            max_seconds=settings.RETRY_MAX_SECONDS,
        ),
    )


def entry_fetch(*, entry_id: int, store: StoreExtraction) -> Document | None:
    """Fetch the entry's page, keep the bytes, and extract the article from them."""
    entry = Entry.objects.select_related("source").get(pk=entry_id)
    with _fetcher() as fetcher:
        return _entry_take(next(_fetch_host([entry], fetcher)), store)


def _document_from_fetch(entry: Entry, result: FetchResult, store: StoreExtraction) -> Document:
    # Stored by document_extract, in the same transaction as what extraction made of it.
    document = Document(
        entry=entry,
        # The address after redirects, if it is one we would link to; else the entry's own.
        url=clean_web_url(result.url) or entry.url,
        status_code=result.status_code,
        headers=result.headers,
        body=result.body,
        encoding=result.encoding,
        content_hash=hashlib.sha256(result.body).hexdigest(),
    )
    document_extract(document=document, store=store)
    return document


def _document_keep(document: Document) -> None:
    if document.pk is None:
        document.save(force_insert=True)


def document_extract(*, document: Document, store: StoreExtraction) -> None:
    """(Re-)run extraction on a document; `store` keeps what it found as an article.

    A document fresh from the network (not saved yet) is stored in the same transaction as
    the article and the entry's new state: one commit per entry. Extraction, the CPU-heavy
    part, runs before that transaction, so the database's write lock is not held meanwhile.
    """
    entry = document.entry
    hints = FeedHints(
        title=entry.feed_title,
        author=entry.feed_author,
        published_at=entry.feed_published_at,
        updated_at=entry.feed_updated_at,
        summary=entry.feed_summary,
    )
    try:
        extracted = extract_article(document.text(), url=document.url, hints=hints)
    except ExtractionError as exc:
        with transaction.atomic():
            _document_keep(document)
            entry_record_failure(entry=entry, reason=f"extraction: {exc}")
        return
    except Exception:
        # A bug in a parser: the raw bytes are kept for a re-run, the caller records the error.
        with transaction.atomic():
            _document_keep(document)
            Entry.objects.filter(pk=entry.pk).update(state=EntryState.FETCHED)
        raise
    with transaction.atomic():
        _document_keep(document)
        article_id = store(entry, extracted)
        Entry.objects.filter(pk=entry.pk).update(
            article_id=article_id, state=EntryState.EXTRACTED, last_error="", next_attempt_at=None
        )
        entry.article_id = article_id


def article_fields(*, entry: Entry, extracted: ExtractedArticle) -> ArticleFields:
    """What the page and its listing said about the story, as the article's raw material."""
    return ArticleFields(
        title=extracted.title,
        body_html=extracted.body_html,
        text=extracted.text,
        original_url=web_url(entry.url),
        language=extracted.language or entry.source.language,
        first_seen_at=entry.first_seen_at,
        standfirst=extracted.standfirst,
        author=extracted.author,
        published_at=extracted.published_at,
        modified_at=extracted.modified_at,
        categories=tuple(entry.feed_categories or ())
        or tuple(filter(None, [entry.source.default_section])),
        image_url=clean_web_url(extracted.image_url),
        image_alt=extracted.image_alt,
        image_caption=extracted.image_caption,
        image_credit=extracted.image_credit,
    )


def entries_claim_retries(*, now: datetime | None = None, limit: int = 50) -> list[int]:
    """Claim failed entries whose retry time has come (conditional UPDATE, as for sources)."""
    now = now or timezone.now()
    due = list(
        Entry.objects.filter(state=EntryState.FAILED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", "next_attempt_at")[:limit]
    )
    return [
        pk
        for pk, seen in due
        if Entry.objects.filter(pk=pk, state=EntryState.FAILED, next_attempt_at=seen).update(
            next_attempt_at=None
        )
        == 1
    ]


def entry_retry(*, entry: Entry, then: FetchNext) -> None:
    """Editor's retry: clear the parked state; `then` fetches it again."""
    Entry.objects.filter(pk=entry.pk).update(state=EntryState.FAILED, next_attempt_at=None)
    then([entry.pk])


def homepage_find_feeds(*, url: str) -> list[FoundFeed]:
    """Fetch a homepage and return the feeds it announces (autodiscovery)."""
    with _fetcher() as fetcher:
        result = fetcher.get(url, accept=PAGE_ACCEPT)
    return find_feeds(result.text(), result.url)
