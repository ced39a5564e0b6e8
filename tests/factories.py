"""Named objects the tests build, so each test reads like a story."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone
from django.utils.text import slugify

from gazette.articles.models import Article
from gazette.ingest.extract import ExtractedArticle
from gazette.ingest.models import Entry
from gazette.sources.models import Source
from gazette.states import ArticleState, LicencePolicy

_serial = count(1)


def make_source(**fields: object) -> Source:
    n = next(_serial)
    values: dict[str, object] = {
        "name": f"Outlet {n}",
        "slug": f"outlet-{n}",
        "feed_url": f"http://127.0.0.1:9/feed-{n}.xml",
        "homepage": "http://127.0.0.1:9/",
        "language": "en",
        "licence": LicencePolicy.FULL,
        "poll_interval": timedelta(minutes=15),
    }
    values.update(fields)
    return Source.objects.create(**values)


def make_article(
    *,
    source: Source | None = None,
    state: str = ArticleState.PUBLISHED,
    title: str | None = None,
    published_at: datetime | None = None,
    **fields: object,
) -> Article:
    n = next(_serial)
    source = source or make_source()
    url = f"http://127.0.0.1:9/story-{n}.html"
    entry = Entry.objects.create(source=source, url=url, canonical_url=url)
    values: dict[str, object] = {
        "source": source,
        "title": title or f"Story number {n}",
        "slug": f"story-number-{n}",
        "body_html": f"<p>Body of story {n}.</p>",
        "author": "Ada Reporter",
        "published_at": published_at or timezone.now() - timedelta(hours=n),
        "language": source.language,
        "original_url": url,
        "state": state,
        "made_public_at": timezone.now() - timedelta(minutes=1)
        if state == ArticleState.PUBLISHED
        else None,
    }
    values.update(fields)
    values.setdefault("author_slug", slugify(str(values["author"])))
    values.setdefault("original_language", values["language"])
    article = Article.objects.create(**values)
    Entry.objects.filter(pk=entry.pk).update(article=article)
    return article


def store_article(entry: Entry, extracted: ExtractedArticle) -> Article:
    """The flow's step after extraction (dedupe, publish or translate next), and the entry's
    link to its article, as ingestion stores it."""
    from gazette.newsroom.flow import store_extraction

    article_id = store_extraction(entry, extracted)
    Entry.objects.filter(pk=entry.pk).update(article_id=article_id)
    return Article.objects.get(pk=article_id)


def translated_from(article: Article, language: str) -> None:
    """The article shows a translation from `language`, as the pipeline leaves it."""
    from gazette.translation.models import ArticleTranslation

    ArticleTranslation.objects.create(
        article=article, source_language=language, language=article.language
    )
    Article.objects.filter(pk=article.pk).update(original_language=language)
    article.original_language = language
