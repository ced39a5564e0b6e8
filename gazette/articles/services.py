"""Every write to articles: storing what a source said, showing a translation, publishing,
withdrawing. Plain values in; what comes next is the flow's (`gazette/newsroom/flow.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from gazette.articles.dedupe import article_find_original, article_store_bands
from gazette.articles.models import Article, ArticleRevision
from gazette.articles.sections import author_slug, section_for_categories, tags_for_names
from gazette.lib.fingerprints import minhash, text_hash
from gazette.lib.urls import clean_web_url, web_url
from gazette.sources.models import Source
from gazette.states import ArticleState

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
    if text_changed:
        # The source changed the story: keep what it said before, and say when it changed.
        ArticleRevision.objects.create(
            article=article,
            title=article.title,
            standfirst=article.standfirst,
            body_html=article.body_html,
            source_modified_at=article.modified_at,
        )
        article.modified_at = fields.modified_at or timezone.now()
    elif created:
        article.modified_at = fields.modified_at
    article.text_hash = new_text_hash
    previous_minhash = None if created else bytes(article.minhash)
    article.minhash = minhash(fields.text)
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
    article.section = section_for_categories(list(fields.categories[:1])) or article.section
    article.published_at = fields.published_at or article.published_at or fields.first_seen_at
    article.published_at_estimated = fields.published_at is None
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
    if article.minhash != previous_minhash:  # a new article, or its text changed
        article_store_bands(article=article, replace=previous_minhash is not None)
    if len(fields.categories) > 1:
        article.tags.add(*tags_for_names(list(fields.categories[1:])))
    return StoredArticle(
        article=article, created=created, text_changed=text_changed, published=publish
    )


def article_mark_published(*, article: Article) -> Article:
    """Make the article public now (or keep the time it first went public).

    An article awaiting translation can be published once it shows its translation, i.e. its
    language became the site's (`article_apply_translation`). What follows publication (the
    search index, stories) is the flow's business: `gazette.newsroom.flow.article_publish`.
    """
    if article.language != settings.SITE_LANGUAGE:
        raise ValueError(
            f"{article} is in {article.language} and awaits translation into "
            f"{settings.SITE_LANGUAGE}"
        )
    _mark_published(article)
    article.save(update_fields=["state", "made_public_at", "updated_at"])
    return article


def _mark_published(article: Article) -> None:
    article.state = ArticleState.PUBLISHED
    article.made_public_at = article.made_public_at or timezone.now()


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


def article_withdraw(*, article: Article) -> Article:
    article.state = ArticleState.WITHDRAWN
    article.save(update_fields=["state", "updated_at"])
    return article
