"""Every write to articles: storing an extraction, publishing, withdrawing."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from gazette.articles.models import Article
from gazette.ingest.extract import ExtractedArticle
from gazette.ingest.models import Entry
from gazette.states import ArticleState


def _unique_slug(title: str) -> str:
    base = slugify(title)[:80].strip("-") or "article"
    slug, counter = base, 2
    while Article.objects.filter(slug=slug).exists():
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
    if article.pk and article.body_html and article.body_html != extracted.body_html:
        article.modified_at = extracted.modified_at or timezone.now()
    else:
        article.modified_at = extracted.modified_at
    article.title = extracted.title[:500]
    article.standfirst = extracted.standfirst
    article.body_html = extracted.body_html
    article.author = extracted.author[:300]
    article.published_at = published_at or article.published_at or entry.first_seen_at
    article.published_at_estimated = estimated
    article.language = language
    article.original_url = entry.url
    if article.state in (ArticleState.DRAFT, ArticleState.AWAITING_TRANSLATION):
        article.state = (
            ArticleState.AWAITING_TRANSLATION if language != site_language() else ArticleState.DRAFT
        )
    article.save()
    if article.state == ArticleState.DRAFT and source.auto_publish:
        article_publish(article=article)
    return article


def article_publish(*, article: Article) -> Article:
    """Make the article public now (or keep the time it first went public)."""
    if article.state == ArticleState.AWAITING_TRANSLATION:
        raise ValueError(
            f"{article} is in {article.language} and awaits translation into {site_language()}"
        )
    article.state = ArticleState.PUBLISHED
    article.made_public_at = article.made_public_at or timezone.now()
    article.save(update_fields=["state", "made_public_at", "updated_at"])
    return article


def article_withdraw(*, article: Article) -> Article:
    article.state = ArticleState.WITHDRAWN
    article.save(update_fields=["state", "updated_at"])
    return article
