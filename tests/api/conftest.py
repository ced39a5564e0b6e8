"""The API tests' world: the newsroom (staff with e-mail addresses), articles of every licence
whose withheld text is marked, and articles that must never be shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from gazette.articles.models import Article, Section, Tag
from gazette.discovery.models import PopularityBucket
from gazette.discovery.services import article_discover
from gazette.states import ArticleState, TranslationState
from gazette.translation.models import ArticleTranslation
from tests.factories import make_article
from tests.newsroom import Newsroom

STRIKE = "Dockers at the harbour walked out over pay for a third day, the union said."


@dataclass
class World:
    newsroom: Newsroom
    full: Article  # The Harbour Courier: text shown
    translated: Article  # Tagblatt, shown in English, reviewed
    excerpt: Article  # the wire: standfirst only
    link: Article  # a link-only outlet: no text
    hidden: list[Article] = field(default_factory=list)  # draft, duplicate, withdrawn, embargoed
    withheld: list[str] = field(default_factory=list)  # text no answer may contain


@pytest.fixture
def world(newsroom: Newsroom, settings: Any) -> World:
    from tests.factories import make_source

    settings.API_REQUESTS_PER_MINUTE = 10_000
    politics = Section.objects.create(name="Politics", slug="politics")
    harbour = Tag.objects.create(name="Harbour", slug="harbour")
    link_source = make_source(name="Link Only Daily", slug="link-only", licence="link")
    now = timezone.now()

    full = make_article(
        source=newsroom.courier,
        title="Harbour strike enters third day",
        standfirst="The dockers want more pay.",
        body_html=f"<p>{STRIKE}</p>",
        author="Ada Reporter",
        section=politics,
        published_at=now - timedelta(hours=1),
    )
    translated = make_article(
        source=newsroom.tagblatt,
        title="Harbour strike: the port stands still",
        standfirst="Translated standfirst.",
        body_html=f"<p>{STRIKE} The port stands still.</p>",
        language="en",
        published_at=now - timedelta(hours=2),
    )
    ArticleTranslation.objects.create(
        article=translated,
        source_language="de",
        language="en",
        engine_label="Opus-MT (local)",
        state=TranslationState.REVIEWED,
        translated_at=now,
        reviewed_by=newsroom.translator,  # type: ignore[misc]
    )
    Article.objects.filter(pk=translated.pk).update(original_language="de")
    excerpt = make_article(
        source=newsroom.wire,
        title="Harbour strike: agency report",
        standfirst="Wire standfirst that may be shown.",
        body_html=f"<p>{STRIKE} WIREBODYSECRET only for subscribers.</p>",
        published_at=now - timedelta(hours=3),
    )
    link = make_article(
        source=link_source,
        title="Harbour strike: a linked report",
        standfirst="LINKSTANDFIRSTSECRET",
        body_html=f"<p>{STRIKE} LINKBODYSECRET.</p>",
        published_at=now - timedelta(hours=4),
    )
    for article in (full, translated, excerpt, link):
        article.tags.add(harbour)

    hidden = [
        make_article(source=newsroom.courier, state=ArticleState.DRAFT, title="DRAFTSECRET story"),
        make_article(
            source=newsroom.courier,
            state=ArticleState.DUPLICATE,
            title="DUPLICATESECRET story",
            duplicate_of=full,
        ),
        make_article(
            source=newsroom.courier, state=ArticleState.WITHDRAWN, title="WITHDRAWNSECRET story"
        ),
        make_article(
            source=newsroom.courier,
            title="EMBARGOSECRET harbour strike",
            made_public_at=now + timedelta(days=1),
        ),
    ]
    for article in (full, translated, excerpt, link, *hidden):
        article_discover(article_id=article.pk)
    hour = now.replace(minute=0, second=0, microsecond=0)
    for views, article in enumerate((link, excerpt, translated, full, *hidden), start=1):
        PopularityBucket.objects.create(article=article, hour=hour, views=views * 10)

    return World(
        newsroom=newsroom,
        full=Article.objects.get(pk=full.pk),
        translated=Article.objects.get(pk=translated.pk),
        excerpt=Article.objects.get(pk=excerpt.pk),
        link=Article.objects.get(pk=link.pk),
        hidden=hidden,
        withheld=["WIREBODYSECRET", "LINKBODYSECRET", "LINKSTANDFIRSTSECRET"],
    )
