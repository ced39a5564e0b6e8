"""The path of a story, in order: the one place that knows it.

    poll_source ──▶ fetch_entries ──▶ extract ─▶ store (dedupe) ─┬─▶ publish ──▶ discover
     (ingest)        (ingest)         (ingest)    (articles)     │              (discovery)
                                                                 └─▶ translate_article ─▶ publish
                                                                     (translation)

Each stage's service does its own writes and knows nothing of the stage after it. It takes the
flow's next step as an argument (`then`, `store`) and calls it inside its own transaction, so
a stage's result and the enqueueing of the next task commit together, or not at all. The
next task is enqueued on commit, by id.

The tasks here are thin: load ids, call a stage's service, hand the result on. The desk
(admin), the demo and the management commands call the flow functions below (publish,
withdraw, retry), never a stage's enqueueing, which does not exist.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_tasks import task

from gazette.articles import services as articles
from gazette.articles.models import Article
from gazette.discovery import services as discovery
from gazette.ingest import images
from gazette.ingest import services as ingest
from gazette.ingest.extract import ExtractedArticle
from gazette.ingest.formats import ListedItem
from gazette.ingest.models import Document, Entry
from gazette.sources.models import Source
from gazette.states import ArticleState, TranslationState
from gazette.translation import review
from gazette.translation import services as translating
from gazette.translation.models import ArticleTranslation

logger = logging.getLogger(__name__)


# --- 1. Poll: a source's listing gives entries --------------------------------------------


@task()
def poll_source(source_id: int) -> int:
    return len(source_poll(source_id=source_id))


def source_poll(*, source_id: int) -> list[Entry]:
    """Read the source's listing; its new and changed entries are fetched next."""
    return ingest.source_poll(source_id=source_id, then=fetch_later)


def fetch_later(entry_ids: list[int]) -> None:
    """Fetch these entries once the current transaction commits, FETCH_BATCH_SIZE a task."""
    ids = list(entry_ids)
    transaction.on_commit(lambda: _enqueue_fetch(ids))


def _enqueue_fetch(entry_ids: list[int]) -> None:
    size = max(settings.FETCH_BATCH_SIZE, 1)
    for start in range(0, len(entry_ids), size):
        batch = entry_ids[start : start + size]
        if len(batch) == 1:
            fetch_entry.enqueue(batch[0])
        else:
            fetch_entries.enqueue(batch)


# --- 2. Fetch and extract: an entry's page gives an article ----------------------------------


@task()
def fetch_entry(entry_id: int) -> bool:
    return entry_fetch(entry_id=entry_id) is not None


@task()
def fetch_entries(entry_ids: list[int]) -> int:
    """Several entries in one task: the queue's per-task cost is paid once per batch, and
    they share one HTTP client."""
    return entries_fetch(entry_ids=entry_ids)


def entry_fetch(*, entry_id: int) -> Document | None:
    """Fetch the entry's page, keep it, extract it; the article is stored next."""
    return ingest.entry_fetch(entry_id=entry_id, store=store_extraction)


def entries_fetch(*, entry_ids: list[int]) -> int:
    """`entry_fetch` for each, sharing one HTTP client."""
    return ingest.entries_fetch(entry_ids=entry_ids, store=store_extraction)


def extract_again(*, document: Document) -> None:
    """Re-run extraction on a kept document (better code, or a parser bug fixed)."""
    ingest.document_extract(document=document, store=store_extraction)


# --- 3. Store (with dedupe): then publish, or translate first --------------------------------


def store_extraction(entry: Entry, extracted: ExtractedArticle) -> int:
    """Keep what extraction found as the entry's article, then start what comes next.

    Called by ingestion inside the transaction that marks the entry extracted. A duplicate
    goes no further; a draft in the site's language from an outlet that auto-publishes is
    published; text in another language goes to translation.
    """
    # Read under the entry's lock: a second run of this entry (a task queued again after its
    # worker died) updates the article the first run stored, never makes another.
    entry.article_id = (
        Entry.objects.select_for_update().filter(pk=entry.pk).values_list("article_id", flat=True)
    ).first()
    stored = articles.article_store(
        article_id=entry.article_id,
        source=entry.source,
        fields=ingest.article_fields(entry=entry, extracted=extracted),
        publish_if_ready=entry.source.auto_publish,
    )
    article = stored.article
    entry.article_id = article.pk  # ingestion stores the link with the entry's new state
    if images.image_wanted(article):
        image_fetch_later(article.pk)  # the lead image, fetched once and served by us
    if stored.published or (stored.text_changed and not stored.held and article.is_published):
        # Search and stories follow the new text.
        discover_later(article.pk)
    if stored.held:
        return article.pk  # the editor's text stays on show until they choose (the desk)
    if article.language != settings.SITE_LANGUAGE and article.state in (
        ArticleState.AWAITING_TRANSLATION,
        ArticleState.PUBLISHED,
    ):
        # A translation already on show stays on show until the new text is translated.
        translating.translation_source_updated(article=article)
        translate_later(article.pk)
    return article.pk


@task()
def fetch_image(article_id: int) -> str:
    """Fetch, re-encode and store the article's lead image (ingest.images); a failure is
    recorded on it and the article is shown without a picture."""
    record = images.article_image_fetch(article_id=article_id)
    return str(record.state) if record is not None else "no image"


def image_fetch_later(article_id: int) -> None:
    transaction.on_commit(lambda: fetch_image.enqueue(article_id))


# --- 4. Translate: the article in the site's language, then publish --------------------------


@task()
def translate_article(article_id: int) -> str:
    result = article_translate(article_id=article_id)
    return str(result.state) if result is not None else "not needed"


def article_translate(*, article_id: int) -> ArticleTranslation | None:
    """Translate the article; once it shows the site's language, publish it. A failure or an
    exhausted budget is tried again at the time the translation records."""
    result = translating.article_translate(article_id=article_id, then=translation_shown)
    if (
        result is not None
        and result.next_attempt_at is not None
        and result.state in (TranslationState.FAILED, TranslationState.WAITING_FOR_BUDGET)
    ):
        translate_later(article_id, run_after=result.next_attempt_at)
    return result


def translate_later(article_id: int, *, run_after: datetime | None = None) -> None:
    """Translate the article once the current transaction commits (or at `run_after`)."""
    transaction.on_commit(lambda: _enqueue_translation(article_id, run_after=run_after))


def _enqueue_translation(article_id: int, *, run_after: datetime | None) -> None:
    job = translate_article
    if run_after is not None:
        if not job.get_backend().supports_defer:
            return  # an editor retries from the desk
        job = job.using(run_after=run_after)
    job.enqueue(article_id)


def translation_shown(article: Article, *, approved_by: AbstractBaseUser | None = None) -> None:
    """The article now shows the site's language (translated, reviewed, or found to be in it
    already): publish what was waiting for that when its source auto-publishes (or an editor
    who may publish approved it: `approved_by`); otherwise it waits for review. Refresh
    discovery for what was public."""
    waiting = article.state == ArticleState.AWAITING_TRANSLATION or (
        article.state == ArticleState.DRAFT and article.source.auto_publish
    )
    if waiting and approved_by is not None:
        articles.article_await_review(article=article)  # translated: publish is allowed now
        article_publish(article=article, actor=approved_by, via="translation review")
    elif waiting and article.source.auto_publish:
        article_publish(article=article)
    elif article.state == ArticleState.AWAITING_TRANSLATION:
        articles.article_await_review(article=article)
    elif article.is_published:
        discover_later(article.pk)


def translation_review(
    *,
    translation: ArticleTranslation,
    targets: list[str],
    editor: AbstractBaseUser,
    publish: bool = True,
) -> ArticleTranslation:
    """An editor's translation is saved; with `publish`, it goes on show, and public when
    the reviewer may publish (a translator's review leaves it awaiting an editor's review)."""
    approver = editor if editor.has_perm("articles.publish_article") else None  # type: ignore[attr-defined]

    def shown(article: Article) -> None:
        translation_shown(article, approved_by=approver)

    return review.translation_review(
        translation=translation,
        targets=targets,
        editor=editor,
        then=shown if publish else None,
    )


def translation_retry(*, translation: ArticleTranslation) -> None:
    """Editor's retry: forget the failure and translate again."""
    with transaction.atomic():
        translating.translation_retry(translation=translation)
        translate_later(translation.article_id)


# --- 5. Review, schedule, publish, withdraw (the desk, the scheduler, the pipeline) ----------
#
#   awaiting translation ─▶ awaiting review ─┬─▶ scheduled ─▶ published ─▶ withdrawn
#                      (source auto-publishes)└─────────────▶ published (+ corrections)
#   awaiting review / scheduled ─▶ rejected (with a reason)
#
# The moves and the states they start from: `gazette.states.ARTICLE_TRANSITIONS`. Each
# writes an audit row (`ArticleEvent`) in the articles service that makes it.


def article_publish(
    *, article: Article, actor: AbstractBaseUser | None = None, via: str = "pipeline"
) -> Article:
    """Make the article public, then index it, embed it and find its story (on commit)."""
    if actor is not None:
        articles.article_publish_checked(article=article, actor=actor, via=via)
    else:
        articles.article_mark_published(article=article, via=via)
    discover_later(article.pk)
    return article


def article_schedule(
    *, article: Article, at: datetime, actor: AbstractBaseUser | None, via: str = "desk"
) -> Article:
    """Publish the article at `at`: the scheduler's tick does it (`articles_publish_scheduled`)."""
    return articles.article_schedule(article=article, at=at, actor=actor, via=via)


def article_unschedule(*, article: Article, actor: AbstractBaseUser | None) -> Article:
    return articles.article_unschedule(article=article, actor=actor)


def article_reject(*, article: Article, reason: str, actor: AbstractBaseUser | None) -> Article:
    return articles.article_reject(article=article, reason=reason, actor=actor)


def article_withdraw(
    *,
    article: Article,
    note: str = "",
    actor: AbstractBaseUser | None = None,
    via: str = "pipeline",
) -> Article:
    """Take the article off the site (its address answers 410 Gone with `note`); discovery
    takes it out of search and its story."""
    articles.article_withdraw(article=article, note=note, actor=actor, via=via)
    discover_later(article.pk)
    return article


def article_correct(*, article: Article, text: str, actor: AbstractBaseUser | None) -> Article:
    """Add a correction shown with its date at the foot of the article; search follows."""
    articles.article_add_correction(article=article, text=text, actor=actor)
    discover_later(article.pk)
    return article


def articles_publish_scheduled(*, now: datetime | None = None) -> list[int]:
    """Publish every scheduled article whose time has come, once each however many
    schedulers run, and queue its discovery (the scheduler's tick calls this)."""
    published = articles.articles_publish_due(now=now, then=discover_later)
    return [article.pk for article in published]


def article_text_replaced(*, article: Article) -> None:
    """An editor changed, restored or took the source's text: search and stories follow; the
    source's text in another language is translated first (the last translation shows)."""
    if article.language != settings.SITE_LANGUAGE:
        translating.translation_source_updated(article=article)
        translate_later(article.pk)
    elif article.is_published:
        discover_later(article.pk)


# --- 6. Discover: search index, embedding, story -------------------------------------------


@task()
def discover_article(article_id: int) -> None:
    with transaction.atomic():  # one commit: the index row, the embedding, the story
        discovery.article_discover(article_id=article_id)


def discover_later(article_id: int) -> None:
    """Index, embed and cluster the article once the current transaction commits: one task
    per article, enqueued with the commit that made it public, so a worker dying later in
    a batch cannot lose it."""
    transaction.on_commit(lambda: discover_article.enqueue(article_id))


# --- The desk's retries ---------------------------------------------------------------------


def entry_retry(*, entry: Entry) -> None:
    """Editor's retry of a failed or parked entry: fetch and extract it again."""
    with transaction.atomic():
        ingest.entry_retry(entry=entry, then=fetch_later)


# --- A URL submitted by the newsroom (the API's POST /entries/) ----------------------------


def url_submit(*, source: Source, url: str) -> Entry | None:
    """Keep `url` as an entry of `source` and fetch it, as if the source's listing gave it.
    None when the URL is known already (then it is not fetched again) or not usable."""
    with transaction.atomic():
        created = ingest.entries_record_listing(
            source=source, items=[ListedItem(url=url)], then=fetch_later
        )
    return created[0] if created else None
