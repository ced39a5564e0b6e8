"""Every write of the ingestion stage: polling a source, fetching an entry, extracting it.

What happens to an extracted article is not this stage's business: the flow
(`gazette/newsroom/flow.py`) passes its next steps in (`then`, `store`), and this stage calls
them inside its own transaction, so its writes and the flow's next step commit together."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gazette.articles.services import ArticleFields
from gazette.ingest.extract import ExtractedArticle, ExtractionError, FeedHints, extract_article
from gazette.ingest.formats import ListedItem, ListingError, parse_listing
from gazette.ingest.models import Document, Entry
from gazette.lib.fetch import Fetcher, FetchError, FetchPolicy, FetchResult
from gazette.lib.retry import backoff_delay
from gazette.lib.urls import canonicalize_url
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
    )


def entries_fetch(*, entry_ids: list[int], store: StoreExtraction) -> int:
    """Fetch each entry; one entry's unexpected error is recorded on it, the rest carry on.

    The batch shares one read of its entries and one HTTP client (its connections are
    reused). `store` keeps each extraction as an article (see `document_extract`).
    """
    fetched = 0
    ids = list(dict.fromkeys(entry_ids))
    entries = Entry.objects.select_related("source").in_bulk(ids)
    with Fetcher(fetch_policy()) as fetcher:
        for entry_id in ids:
            entry = entries.get(entry_id)
            if entry is None:
                continue  # deleted since it was queued
            try:
                fetched += _entry_fetch(entry, fetcher, store) is not None
            except Exception as exc:
                logger.exception("unexpected error fetching entry %s", entry_id)
                current = Entry.objects.filter(pk=entry_id).first()
                if current is not None:
                    entry_record_failure(entry=current, reason=f"internal error: {exc!r}")
    return fetched


def entries_record_listing(
    *, source: Source, items: list[ListedItem], then: FetchNext
) -> list[Entry]:
    """Store the listed items not seen before, and note updates to ones seen before.

    New entries and entries whose listing says they changed since we fetched them go to
    `then` (to be fetched), in this transaction. Returns the new entries.
    """
    listed: dict[str, ListedItem] = {}
    for item in items:
        # The same URL twice in one listing (duplicate GUIDs, mirrored items): the first counts.
        listed.setdefault(canonicalize_url(item.url)[:2000], item)
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
    for child_url in listing.children[: settings.SITEMAP_MAX_CHILDREN]:
        try:
            child = fetcher.get(child_url, accept=FEED_ACCEPT)
            items.extend(parse_listing(child.body, child.content_type, child.url).items)
        except (FetchError, ListingError) as exc:
            # One broken child sitemap must not hide the others' articles.
            logger.warning("child sitemap %s of %s skipped: %s", child_url, source, exc)
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
        with Fetcher(fetch_policy()) as fetcher:
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


def entry_fetch(*, entry_id: int, store: StoreExtraction) -> Document | None:
    """Fetch the entry's page, keep the bytes, and extract the article from them."""
    entry = Entry.objects.select_related("source").get(pk=entry_id)
    with Fetcher(fetch_policy()) as fetcher:
        return _entry_fetch(entry, fetcher, store)


def _entry_fetch(entry: Entry, fetcher: Fetcher, store: StoreExtraction) -> Document | None:
    try:
        result = fetcher.get(entry.url, accept=PAGE_ACCEPT)
    except FetchError as exc:
        logger.warning("fetch of %s failed: %s", entry.url, exc)
        entry_record_failure(entry=entry, reason=str(exc))
        return None
    # Stored by document_extract, in the same transaction as what extraction made of it.
    document = Document(
        entry=entry,
        url=result.url,
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
        original_url=entry.url,
        language=extracted.language or entry.source.language,
        first_seen_at=entry.first_seen_at,
        standfirst=extracted.standfirst,
        author=extracted.author,
        published_at=extracted.published_at,
        modified_at=extracted.modified_at,
        categories=tuple(entry.feed_categories or ()),
        image_url=extracted.image_url,
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
    with Fetcher(fetch_policy()) as fetcher:
        result = fetcher.get(url, accept=PAGE_ACCEPT)
    return find_feeds(result.text(), result.url)
