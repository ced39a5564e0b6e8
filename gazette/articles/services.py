"""Every write to articles: storing an extraction, publishing, withdrawing."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from gazette.articles.models import Article, ArticleRevision
from gazette.articles.sections import author_slug, section_for_categories, tags_for_names
from gazette.ingest.dedupe import article_find_original, article_store_bands
from gazette.ingest.extract import ExtractedArticle
from gazette.ingest.models import Entry
from gazette.lib.fingerprints import minhash, text_hash
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


def site_language() -> str:
    return str(settings.LANGUAGE_CODE).split("-")[0].lower()


def article_store_extraction(*, entry: Entry, extracted: ExtractedArticle) -> Article:
    """Create or update the entry's article from an extraction, then decide its state."""
    source = entry.source
    language = (extracted.language or source.language).lower()
    published_at = extracted.published_at
    estimated = published_at is None
    article = Article.objects.filter(entry=entry).first() or Article(
        entry=entry, source=source, slug=_unique_slug(extracted.title)
    )
    text = extracted.text  # a property that converts the body each time it is read
    new_text_hash = text_hash(extracted.title + "\n" + text)
    if article.pk and article.text_hash and article.text_hash != new_text_hash:
        # The source changed the story: keep what it said before, and say when it changed.
        ArticleRevision.objects.create(
            article=article,
            title=article.title,
            standfirst=article.standfirst,
            body_html=article.body_html,
            source_modified_at=article.modified_at,
        )
        article.modified_at = extracted.modified_at or timezone.now()
        if article.is_published:  # search and stories follow the new text, on commit
            from gazette.discovery.services import discovery_article_changed

            discovery_article_changed(article_id=article.pk)
    elif not article.pk:
        article.modified_at = extracted.modified_at
    article.text_hash = new_text_hash
    previous_minhash = bytes(article.minhash) if article.pk else None
    article.minhash = minhash(text)
    article.title = extracted.title[:500]
    article.standfirst = extracted.standfirst
    article.body_html = extracted.body_html
    article.author = extracted.author[:300]
    article.author_slug = author_slug(article.author)
    # The extractor may or may not find a lead image; older extractions have no such fields.
    for field, limit in IMAGE_FIELDS.items():
        value = str(getattr(extracted, field, "") or "")
        if value or not article.pk:
            setattr(article, field, value[:limit])
    categories = list(entry.feed_categories or [])
    article.section = section_for_categories(categories[:1]) or article.section
    article.published_at = published_at or article.published_at or entry.first_seen_at
    article.published_at_estimated = estimated
    article.language = language
    article.original_url = entry.url
    original = (
        None
        if article.pk
        else article_find_original(
            text_hash=article.text_hash,
            minhash=article.minhash,
            published_at=article.published_at,
        )
    )
    if original is not None:
        # A syndicated copy: linked to the original for editors, never published twice.
        article.duplicate_of = original
        article.state = ArticleState.DUPLICATE
    elif article.state in (ArticleState.DRAFT, ArticleState.AWAITING_TRANSLATION):
        article.state = (
            ArticleState.AWAITING_TRANSLATION if language != site_language() else ArticleState.DRAFT
        )
    publish = article.state == ArticleState.DRAFT and source.auto_publish
    if publish:  # in the same INSERT/UPDATE, not a second statement
        _mark_published(article)
    article.save()
    if article.minhash != previous_minhash:  # a new article, or its text changed
        article_store_bands(article=article, replace=previous_minhash is not None)
    if publish:
        _published(article)
    if len(categories) > 1:
        article.tags.add(*tags_for_names(categories[1:]))
    if article.language != site_language() and article.state in (
        ArticleState.AWAITING_TRANSLATION,
        ArticleState.PUBLISHED,
    ):
        # Translation builds on articles, so it is imported here, not at the top.
        from gazette.translation.services import translation_source_updated

        # Keeps a published translation on show and queues the new text (on commit).
        translation_source_updated(article=article)
    return article


def article_publish(*, article: Article) -> Article:
    """Make the article public now (or keep the time it first went public).

    An article awaiting translation can be published once a translation of it exists.
    """
    from gazette.translation.selectors import translation_exists

    if article.state == ArticleState.AWAITING_TRANSLATION and not translation_exists(article):
        raise ValueError(
            f"{article} is in {article.language} and awaits translation into {site_language()}"
        )
    _mark_published(article)
    article.save(update_fields=["state", "made_public_at", "updated_at"])
    _published(article)
    return article


def _mark_published(article: Article) -> None:
    article.state = ArticleState.PUBLISHED
    article.made_public_at = article.made_public_at or timezone.now()


def _published(article: Article) -> None:
    """What follows publication: the search index, embedding and story, once committed."""
    # Discovery builds on articles, so it is imported here, not at the top.
    from gazette.discovery.services import discovery_schedule

    discovery_schedule(article_id=article.pk)


def article_store_detected_language(*, article: Article, language: str) -> Article:
    """Language detection found the article is in `language` (e.g. the site's): store it."""
    article.language = language
    if article.state == ArticleState.AWAITING_TRANSLATION and language == site_language():
        article.state = ArticleState.DRAFT
    article.save(update_fields=["language", "state", "updated_at"])
    if article.state == ArticleState.DRAFT and article.source.auto_publish:
        article_publish(article=article)
    return article


def article_apply_translation(
    *, article: Article, fields: dict[str, str], language: str
) -> Article:
    """Show a finished translation: its text replaces the article's, then it is published.

    An article never yet public takes its address from the translated title (readers of an
    English site get an English address); once public, its address never changes.
    """
    for name, value in fields.items():
        setattr(article, name, value)
    article.language = language
    update = [*fields, "language", "updated_at"]
    if article.made_public_at is None and fields.get("title"):
        article.slug = _unique_slug(fields["title"], exclude_pk=article.pk)
        update.append("slug")
    article.save(update_fields=update)
    if article.state == ArticleState.AWAITING_TRANSLATION:
        article_publish(article=article)
    return article


def article_withdraw(*, article: Article) -> Article:
    article.state = ArticleState.WITHDRAWN
    article.save(update_fields=["state", "updated_at"])
    return article
