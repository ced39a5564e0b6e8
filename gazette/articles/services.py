"""Every write to articles: storing what a source said, showing a translation, the workflow's
moves (publish, schedule, reject, withdraw, correct), the desk's edits and their revisions.
Plain values in; what comes next is the flow's (`gazette/newsroom/flow.py`).

Every move and every change of the text writes an audit row (`ArticleEvent`): who, what,
when, before and after, whichever path made it (desk, flow, scheduler, pipeline).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from gazette.articles.dedupe import article_find_original, article_store_bands
from gazette.articles.models import (
    Article,
    ArticleCorrection,
    ArticleEvent,
    ArticleRevision,
    Section,
    Tag,
)
from gazette.articles.sections import author_slug, section_for_categories, tags_for_names
from gazette.lib.fingerprints import minhash, text_hash
from gazette.lib.html_clean import sanitize_article_html
from gazette.lib.urls import clean_web_url, web_url
from gazette.sources.models import Source
from gazette.states import (
    ARTICLE_TRANSITIONS,
    ArticleAction,
    ArticleState,
    RevisionStatus,
    TextOrigin,
    article_can,
)

Actor = AbstractBaseUser | None
TEXT_FIELDS = ("title", "standfirst", "body_html")


class ArticleMoveRefused(ValueError):
    """The article's state does not allow this move (e.g. withdrawing an unpublished one)."""


class ArticleEditConflict(Exception):
    """The article changed since the form was opened: someone else saved first."""

    def __init__(self, article: Article, *, by: str) -> None:
        self.article = article
        super().__init__(
            f"“{article.title}” was changed by {by} after you opened it. Your changes were not "
            "saved: reload the page to see the current version, then make your changes again."
        )


IMAGE_FIELDS = {"image_url": 2000, "image_alt": 500, "image_caption": 1000, "image_credit": 300}


SLUG_LENGTH = 80


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """The title as an address, cut after a whole word, unique among the articles."""
    base = slugify(title)
    if len(base) > SLUG_LENGTH:
        cut = base.rfind("-", 0, SLUG_LENGTH + 1)
        base = base[: cut if cut >= SLUG_LENGTH // 2 else SLUG_LENGTH]
    base = base.strip("-") or "article"
    others = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    slug, counter = base, 2
    while others.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@dataclass(frozen=True)
class ArticleFields:
    """What a source said about a story, as plain values: the article's raw material."""

    title: str
    body_html: str
    text: str  # the body as plain text (fingerprints and dedupe read it)
    original_url: str
    language: str
    first_seen_at: datetime
    standfirst: str = ""
    author: str = ""
    published_at: datetime | None = None  # None: the source gave no date
    modified_at: datetime | None = None
    categories: tuple[str, ...] = ()  # the first is the section, the rest become tags
    image_url: str = ""
    image_alt: str = ""
    image_caption: str = ""
    image_credit: str = ""


@dataclass(frozen=True)
class StoredArticle:
    """What `article_store` did, for the flow to decide what comes next."""

    article: Article
    created: bool
    text_changed: bool  # the source changed the text of an article stored before
    published: bool  # it went public in this store
    held: bool = False  # an editor changed the text: the source's new text waits for them


def article_store(
    *, article_id: int | None, source: Source, fields: ArticleFields, publish_if_ready: bool
) -> StoredArticle:
    """Create the article (`article_id` None) or update it from what the source says now.

    A new article repeating another's text is stored as its duplicate. A draft in the site's
    language is published in the same statement when `publish_if_ready`; one in another
    language waits for its translation.
    """
    article = (
        Article.objects.filter(pk=article_id).first() if article_id is not None else None
    ) or Article(source=source, slug=_unique_slug(fields.title))
    created = article.pk is None
    new_text_hash = text_hash(fields.title + "\n" + fields.text)
    text_changed = bool(not created and article.text_hash and article.text_hash != new_text_hash)
    # An editor changed the text: whatever the source sends now waits for the editor's choice.
    held = (
        not created
        and article.text_origin == TextOrigin.EDITOR
        and article.text_hash != new_text_hash
    )
    if held:
        # An editor changed the text: the source's new version waits for the editor's choice.
        ArticleRevision.objects.filter(article=article, status=RevisionStatus.PENDING).update(
            status=RevisionStatus.DISMISSED
        )
        ArticleRevision.objects.create(
            article=article,
            title=fields.title[:500],
            standfirst=fields.standfirst,
            body_html=fields.body_html,
            origin=TextOrigin.SOURCE,
            status=RevisionStatus.PENDING,
            source_modified_at=fields.modified_at,
        )
        _record(
            article,
            ArticleAction.SOURCE_UPDATE_HELD,
            actor=None,
            via="pipeline",
            before={"title": article.title},
            after={"title": fields.title[:500]},
        )
    elif text_changed:
        # The source changed the story: keep what it said before, and say when it changed.
        _keep_revision(article)
        article.modified_at = fields.modified_at or timezone.now()
        article.version += 1
        _record(
            article,
            ArticleAction.SOURCE_UPDATE,
            actor=None,
            via="pipeline",
            before={"title": article.title},
            after={"title": fields.title[:500]},
        )
    elif created:
        article.modified_at = fields.modified_at
    article.text_hash = new_text_hash
    previous_minhash = None if created else bytes(article.minhash)
    article.minhash = minhash(fields.text)
    if not held:
        article.title = fields.title[:500]
        article.standfirst = fields.standfirst
        article.body_html = fields.body_html
    article.author = fields.author[:300]
    article.author_slug = author_slug(article.author)
    for field, limit in IMAGE_FIELDS.items():
        value = str(getattr(fields, field) or "")
        if field == "image_url":
            value = clean_web_url(value)  # shown as <img src>: an http(s) address or nothing
        if value or created:  # an extraction that found no image keeps the one found before
            setattr(article, field, value[:limit])
    if article.text_origin != TextOrigin.EDITOR:  # an editor's section choice stays
        article.section = section_for_categories(list(fields.categories[:1])) or article.section
    article.published_at = fields.published_at or article.published_at or fields.first_seen_at
    article.published_at_estimated = fields.published_at is None
    if not held:  # the text on show stays the editor's, in its language
        article.language = fields.language.lower()
        article.original_language = article.language
    # Linked as "read at the source": an absolute http(s) address, or UnsafeURL.
    article.original_url = web_url(fields.original_url)
    original = (
        article_find_original(
            text_hash=article.text_hash, minhash=article.minhash, published_at=article.published_at
        )
        if created
        else None
    )
    if original is not None:
        # A syndicated copy: linked to the original for editors, never published twice.
        article.duplicate_of = original
        article.state = ArticleState.DUPLICATE
    elif article.state in (ArticleState.DRAFT, ArticleState.AWAITING_TRANSLATION):
        article.state = (
            ArticleState.DRAFT
            if article.language == settings.SITE_LANGUAGE
            else ArticleState.AWAITING_TRANSLATION
        )
    publish = article.state == ArticleState.DRAFT and publish_if_ready
    if publish:  # in the same INSERT/UPDATE, not a second statement
        _mark_published(article)
    article.save()
    if publish:
        _record(
            article,
            ArticleAction.PUBLISH,
            actor=None,
            via="pipeline",
            before={"state": ArticleState.DRAFT},
            after={"state": ArticleState.PUBLISHED},
            note="Published at once: the source's policy is to publish without review.",
        )
    if article.minhash != previous_minhash:  # a new article, or its text changed
        article_store_bands(article=article, replace=previous_minhash is not None)
    if len(fields.categories) > 1:
        article.tags.add(*tags_for_names(list(fields.categories[1:])))
    return StoredArticle(
        article=article,
        created=created,
        text_changed=text_changed,
        published=publish,
        held=held,
    )


def article_mark_published(
    *, article: Article, actor: Actor = None, via: str = "pipeline", note: str = ""
) -> Article:
    """Make the article public now (or keep the time it first went public).

    An article awaiting translation can be published once it shows its translation, i.e. its
    language became the site's (`article_apply_translation`). What follows publication (the
    search index, stories) is the flow's business: `gazette.newsroom.flow.article_publish`.
    """
    if article.language != settings.SITE_LANGUAGE:
        raise ArticleMoveRefused(
            f"{article} is in {article.language} and awaits translation into "
            f"{settings.SITE_LANGUAGE}"
        )
    before = article.state
    _mark_published(article)
    article.scheduled_for = None
    article.save(update_fields=["state", "made_public_at", "scheduled_for", "updated_at"])
    _record(
        article,
        ArticleAction.PUBLISH,
        actor=actor,
        via=via,
        before={"state": before},
        after={"state": article.state},
        note=note,
    )
    return article


def _mark_published(article: Article) -> None:
    article.state = ArticleState.PUBLISHED
    article.made_public_at = article.made_public_at or timezone.now()


def _record(
    article: Article,
    action: str,
    *,
    actor: Actor,
    via: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> ArticleEvent:
    return ArticleEvent.objects.create(
        article=article,
        action=action,
        actor=actor if actor is not None and actor.pk else None,  # type: ignore[misc]
        via=via,
        before=before or {},
        after=after or {},
        note=note,
    )


def _check_move(article: Article, action: str) -> str:
    """The state the move leads to, or ArticleMoveRefused saying why not."""
    if not article_can(action, article.state):
        raise ArticleMoveRefused(
            f"“{article.title}” is {article.get_state_display().lower()}: it cannot be "
            f"{ArticleAction(action).label.lower()}."
        )
    return ARTICLE_TRANSITIONS[action][1]


def _move(
    article: Article,
    action: str,
    *,
    actor: Actor,
    via: str,
    fields: dict[str, Any],
    note: str = "",
) -> Article:
    """Apply a workflow move: check it, write the state and `fields`, record it."""
    to_state = _check_move(article, action)
    before: dict[str, Any] = {"state": article.state}
    after: dict[str, Any] = {"state": to_state}
    for name, value in fields.items():
        old = getattr(article, name)
        before[name] = old.isoformat() if isinstance(old, datetime) else old
        after[name] = value.isoformat() if isinstance(value, datetime) else value
        setattr(article, name, value)
    article.state = to_state
    article.save(update_fields=["state", *fields, "updated_at"])
    _record(article, action, actor=actor, via=via, before=before, after=after, note=note)
    return article


def article_publish_checked(*, article: Article, actor: Actor, via: str = "desk") -> Article:
    """An editor approves and publishes the article (a move the workflow allows from here)."""
    _check_move(article, ArticleAction.PUBLISH)
    return article_mark_published(article=article, actor=actor, via=via)


def article_schedule(*, article: Article, at: datetime, actor: Actor, via: str = "desk") -> Article:
    """Publish the article at `at` (the scheduler does it, `articles_publish_due`)."""
    if article.language != settings.SITE_LANGUAGE:
        raise ArticleMoveRefused(f"{article} awaits translation: it cannot be scheduled yet.")
    return _move(
        article, ArticleAction.SCHEDULE, actor=actor, via=via, fields={"scheduled_for": at}
    )


def article_unschedule(*, article: Article, actor: Actor, via: str = "desk") -> Article:
    return _move(
        article, ArticleAction.UNSCHEDULE, actor=actor, via=via, fields={"scheduled_for": None}
    )


def article_reject(*, article: Article, reason: str, actor: Actor, via: str = "desk") -> Article:
    if not reason.strip():
        raise ArticleMoveRefused("Say why the article is rejected.")
    return _move(
        article,
        ArticleAction.REJECT,
        actor=actor,
        via=via,
        fields={"rejected_reason": reason.strip(), "scheduled_for": None},
        note=reason.strip(),
    )


def article_withdraw(
    *, article: Article, note: str = "", actor: Actor = None, via: str = "pipeline"
) -> Article:
    """Take the article off the site; its address answers 410 Gone with `note`."""
    return _move(
        article,
        ArticleAction.WITHDRAW,
        actor=actor,
        via=via,
        fields={"withdrawal_note": note.strip()},
        note=note.strip(),
    )


def article_add_correction(
    *, article: Article, text: str, actor: Actor, via: str = "desk"
) -> ArticleCorrection:
    """A correction shown with its date at the foot of the published article."""
    _check_move(article, ArticleAction.CORRECT)
    if not text.strip():
        raise ArticleMoveRefused("Write the correction readers will see.")
    correction = ArticleCorrection.objects.create(
        article=article,
        text=text.strip(),
        editor=actor if actor is not None and actor.pk else None,  # type: ignore[misc]
    )
    article.save(update_fields=["updated_at"])  # the public pages change
    _record(
        article,
        ArticleAction.CORRECT,
        actor=actor,
        via=via,
        before={"state": article.state, "corrections": article.corrections.count() - 1},
        after={"state": article.state, "corrections": article.corrections.count()},
        note=correction.text,
    )
    return correction


def articles_due(*, now: datetime) -> list[tuple[int, datetime]]:
    """(id, go-live time) of the scheduled articles due at `now`, earliest first."""
    due = (
        Article.objects.filter(state=ArticleState.SCHEDULED, scheduled_for__lte=now)
        .order_by("scheduled_for", "pk")
        .values_list("pk", "scheduled_for")
    )
    return [(pk, at) for pk, at in due if at is not None]


def article_publish_scheduled(
    *,
    article_id: int,
    scheduled_for: datetime,
    now: datetime,
    then: Callable[[int], None] | None = None,
) -> Article | None:
    """Publish one due article, claimed with a conditional UPDATE on its state and go-live
    time: of two schedulers that both saw it due, one publishes it and the other's UPDATE
    changes no row (None). `then(article_id)` runs in the same transaction."""
    with transaction.atomic():
        claimed = Article.objects.filter(
            pk=article_id, state=ArticleState.SCHEDULED, scheduled_for=scheduled_for
        ).update(
            state=ArticleState.PUBLISHED, made_public_at=now, scheduled_for=None, updated_at=now
        )
        if not claimed:
            return None  # another scheduler took it, or an editor changed it meanwhile
        article = Article.objects.get(pk=article_id)
        _record(
            article,
            ArticleAction.PUBLISH,
            actor=None,
            via="scheduler",
            before={"state": ArticleState.SCHEDULED, "scheduled_for": scheduled_for.isoformat()},
            after={"state": ArticleState.PUBLISHED, "made_public_at": now.isoformat()},
            note=f"Scheduled for {timezone.localtime(scheduled_for):%Y-%m-%d %H:%M %Z}.",
        )
        if then is not None:
            then(article.pk)
        return article


def articles_publish_due(
    *, now: datetime | None = None, then: Callable[[int], None] | None = None
) -> list[Article]:
    """Publish the scheduled articles whose time has come, or passed during a downtime
    (each once, whatever the number of schedulers: `article_publish_scheduled`)."""
    now = now or timezone.now()
    published = []
    for article_id, scheduled_for in articles_due(now=now):
        article = article_publish_scheduled(
            article_id=article_id, scheduled_for=scheduled_for, now=now, then=then
        )
        if article is not None:
            published.append(article)
    return published


def article_store_detected_language(*, article: Article, language: str) -> Article:
    """Language detection found the article is in `language` (e.g. the site's): store it.

    An article awaiting translation that turns out to be in the site's language becomes a
    draft, ready to publish.
    """
    article.language = article.original_language = language
    if article.state == ArticleState.AWAITING_TRANSLATION and language == settings.SITE_LANGUAGE:
        article.state = ArticleState.DRAFT
    article.save(update_fields=["language", "original_language", "state", "updated_at"])
    return article


def article_apply_translation(
    *, article: Article, fields: dict[str, str], language: str, from_language: str
) -> Article:
    """Show a finished translation from `from_language`: its text replaces the article's.

    An article never yet public takes its address from the translated title (readers of an
    English site get an English address); once public, its address never changes.
    """
    for name, value in fields.items():
        setattr(article, name, value)
    article.language, article.original_language = language, from_language
    update = [*fields, "language", "original_language", "updated_at"]
    if article.made_public_at is None and fields.get("title"):
        article.slug = _unique_slug(fields["title"], exclude_pk=article.pk)
        update.append("slug")
    article.save(update_fields=update)
    return article


def article_await_review(*, article: Article) -> Article:
    """A translated article from a source that wants review waits for an editor."""
    if article.state != ArticleState.AWAITING_TRANSLATION:
        return article
    article.state = ArticleState.DRAFT
    article.save(update_fields=["state", "updated_at"])
    _record(
        article,
        ArticleAction.AWAIT_REVIEW,
        actor=None,
        via="pipeline",
        before={"state": ArticleState.AWAITING_TRANSLATION},
        after={"state": ArticleState.DRAFT},
    )
    return article


# --- The desk's edits: revisions, conflicts, source updates ---------------------------------


def _keep_revision(article: Article, *, status: str = RevisionStatus.PAST) -> ArticleRevision:
    """Keep the text on show as a revision before it is replaced."""
    return ArticleRevision.objects.create(
        article=article,
        title=article.title,
        standfirst=article.standfirst,
        body_html=article.body_html,
        origin=article.text_origin,
        editor=article.edited_by if article.text_origin == TextOrigin.EDITOR else None,
        status=status,
        source_modified_at=article.modified_at,
    )


def _locked(article_id: int, version: int) -> Article:
    """The article, locked for this transaction, or ArticleEditConflict when its version moved
    on since the editor's form was made."""
    article = Article.objects.select_for_update().get(pk=article_id)
    if article.version != version:
        by = str(article.edited_by) if article.edited_by else "the source"
        last = article.events.filter(action__in=_TEXT_ACTIONS).select_related("actor").first()
        if last is not None:
            by = str(last.actor) if last.actor else "the source"
        raise ArticleEditConflict(article, by=by)
    return article


_TEXT_ACTIONS = (
    ArticleAction.EDIT,
    ArticleAction.RESTORE,
    ArticleAction.SOURCE_UPDATE,
    ArticleAction.TAKE_SOURCE_UPDATE,
)


def _show(v: Any) -> Any:
    if isinstance(v, Section):
        return v.name
    return v


def article_edit(
    *,
    article_id: int,
    version: int,
    changes: dict[str, Any],
    tags: Iterable[Tag] | None = None,
    actor: Actor,
    via: str = "desk",
) -> Article:
    """Save an editor's changes (headline, standfirst, body, section, image …).

    The body is sanitised as every body is. A change of the text keeps the text it replaces
    as a revision and marks the text as the editor's, so a later source update waits for the
    editor instead of replacing it. `version` is the article's version the editor's form
    showed; if it moved on meanwhile, nothing is saved (ArticleEditConflict).
    """
    with transaction.atomic():
        article = _locked(article_id, version)
        if "body_html" in changes:
            changes = {**changes, "body_html": sanitize_article_html(changes["body_html"] or "")}
        changed = {
            name: value for name, value in changes.items() if getattr(article, name) != value
        }
        old_tags = {tag.pk: tag.name for tag in article.tags.all()}
        new_tags = {tag.pk: tag.name for tag in tags} if tags is not None else old_tags
        if not changed and new_tags.keys() == old_tags.keys():
            return article
        before = {name: _show(getattr(article, name)) for name in changed}
        after = {name: _show(value) for name, value in changed.items()}
        if new_tags.keys() != old_tags.keys():
            before["tags"], after["tags"] = sorted(old_tags.values()), sorted(new_tags.values())
        text_changed = any(name in TEXT_FIELDS for name in changed)
        if text_changed:
            _keep_revision(article)
            article.text_origin = TextOrigin.EDITOR
            article.edited_by = actor if actor is not None and actor.pk else None  # type: ignore[assignment]
            article.edited_at = timezone.now()
            if article.is_published:
                article.modified_at = article.edited_at
        for name, value in changed.items():
            setattr(article, name, value)
        article.version += 1
        article.save()
        if tags is not None and new_tags.keys() != old_tags.keys():
            article.tags.set(list(tags))
        _record(article, ArticleAction.EDIT, actor=actor, via=via, before=before, after=after)
        return article


def _replace_text(
    article: Article, revision: ArticleRevision, *, origin: str, actor: Actor
) -> dict[str, Any]:
    before = {name: getattr(article, name) for name in TEXT_FIELDS}
    _keep_revision(article)
    for name in TEXT_FIELDS:
        setattr(article, name, getattr(revision, name))
    article.text_origin = origin
    article.edited_by = actor if origin == TextOrigin.EDITOR and actor is not None else None  # type: ignore[assignment]
    article.edited_at = timezone.now()
    if article.is_published:
        article.modified_at = article.edited_at
    article.version += 1
    article.save()
    return before


def article_restore(
    *, article_id: int, revision: ArticleRevision, version: int, actor: Actor
) -> Article:
    """Put an earlier version back on show; the text it replaces becomes a revision."""
    with transaction.atomic():
        article = _locked(article_id, version)
        if revision.article_id != article.pk or revision.status == RevisionStatus.PENDING:
            raise ArticleMoveRefused("Only an earlier version of this article can be restored.")
        before = _replace_text(article, revision, origin=TextOrigin.EDITOR, actor=actor)
        _record(
            article,
            ArticleAction.RESTORE,
            actor=actor,
            via="desk",
            before={"title": before["title"]},
            after={"title": article.title, "revision": revision.pk},
        )
        return article


def article_take_source_update(
    *, article_id: int, revision: ArticleRevision, version: int, actor: Actor
) -> Article:
    """The editor takes the source's held update: it goes on show, the editor's text is kept
    as a revision, and later source updates apply again without waiting."""
    with transaction.atomic():
        article = _locked(article_id, version)
        if revision.article_id != article.pk or revision.status != RevisionStatus.PENDING:
            raise ArticleMoveRefused("This source update is no longer waiting.")
        before = _replace_text(article, revision, origin=TextOrigin.SOURCE, actor=actor)
        if article.original_language and article.original_language != article.language:
            # The source's text is in its own language: the flow translates it next, and
            # the last translation stays on show until then.
            article.language = article.original_language
            article.save(update_fields=["language", "updated_at"])
        revision.delete()  # it is on show now; the replaced text is the revision
        _record(
            article,
            ArticleAction.TAKE_SOURCE_UPDATE,
            actor=actor,
            via="desk",
            before={"title": before["title"]},
            after={"title": article.title},
        )
        return article


def article_keep_edit(*, article: Article, revision: ArticleRevision, actor: Actor) -> Article:
    """The editor keeps their version over the source's held update (kept as not taken)."""
    if revision.article_id != article.pk or revision.status != RevisionStatus.PENDING:
        raise ArticleMoveRefused("This source update is no longer waiting.")
    revision.status = RevisionStatus.DISMISSED
    revision.save(update_fields=["status"])
    _record(
        article,
        ArticleAction.KEEP_EDIT,
        actor=actor,
        via="desk",
        before={"pending": revision.title},
        after={"title": article.title},
    )
    return article
