"""Storing what a source said as an article: plain values in, the article and what happened out.

The articles app knows nothing of feeds, pages or tasks; these tests give it values only.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.articles.models import ArticleRevision
from gazette.articles.services import (
    ArticleFields,
    article_mark_published,
    article_store,
)
from gazette.states import ArticleState
from tests.newsroom import Newsroom

pytestmark = pytest.mark.django_db

QUAY = (
    "The council rebuilt forty metres of the harbour quay in a week, working through two "
    "nights of rain so the ferries to the islands could sail again on Monday morning."
)


def fields(
    title: str = "Quay rebuilt in a week", text: str = QUAY, **more: object
) -> ArticleFields:
    values: dict[str, object] = {
        "title": title,
        "body_html": f"<p>{text}</p>",
        "text": text,
        "original_url": "https://courier.example/quay",
        "language": "en",
        "first_seen_at": timezone.now(),
        "author": "Ada Reporter",
        "published_at": timezone.now() - timedelta(hours=1),
    }
    values.update(more)
    return ArticleFields(**values)  # type: ignore[arg-type]


def test_it_stores_a_new_article_and_publishes_it_in_the_same_statement(newsroom: Newsroom):
    stored = article_store(
        article_id=None,
        source=newsroom.courier,
        fields=fields(categories=("Wirtschaft", "Port of Linz")),
        publish_if_ready=True,
    )
    article = stored.article
    assert stored.created and stored.published and not stored.text_changed
    assert article.state == ArticleState.PUBLISHED and article.made_public_at is not None
    assert article.section is not None and article.section.name == "Economy"
    assert [tag.name for tag in article.tags.all()] == ["Port of Linz"]
    assert article.author_slug == "ada-reporter"
    assert article.language == article.original_language == "en"


def test_a_draft_waits_when_the_outlet_does_not_publish_at_once(newsroom: Newsroom):
    stored = article_store(
        article_id=None, source=newsroom.courier, fields=fields(), publish_if_ready=False
    )
    assert stored.article.state == ArticleState.DRAFT and not stored.published


def test_text_in_another_language_awaits_translation_and_cannot_be_published(
    newsroom: Newsroom,
):
    stored = article_store(
        article_id=None,
        source=newsroom.tagblatt,
        fields=fields("Kai in einer Woche erneuert", language="DE"),
        publish_if_ready=True,
    )
    assert stored.article.state == ArticleState.AWAITING_TRANSLATION and not stored.published
    assert stored.article.language == "de"
    with pytest.raises(ValueError, match="awaits translation into en"):
        article_mark_published(article=stored.article)


def test_a_changed_text_keeps_the_old_one_as_a_revision(newsroom: Newsroom):
    first = article_store(
        article_id=None, source=newsroom.courier, fields=fields(), publish_if_ready=True
    ).article
    same = article_store(
        article_id=first.pk, source=newsroom.courier, fields=fields(), publish_if_ready=True
    )
    assert not same.text_changed and not ArticleRevision.objects.exists()

    changed = article_store(
        article_id=first.pk,
        source=newsroom.courier,
        fields=fields("Quay rebuilt in eight days", QUAY.replace("a week", "eight days")),
        publish_if_ready=True,
    )
    assert changed.text_changed and not changed.created
    assert changed.article.pk == first.pk and changed.article.modified_at is not None
    [revision] = ArticleRevision.objects.filter(article=first)
    assert revision.title == "Quay rebuilt in a week"


def test_a_later_extraction_without_an_image_keeps_the_image_found_before(newsroom: Newsroom):
    first = article_store(
        article_id=None,
        source=newsroom.courier,
        fields=fields(image_url="https://courier.example/quay.jpg", image_alt="The new quay"),
        publish_if_ready=True,
    ).article
    again = article_store(
        article_id=first.pk, source=newsroom.courier, fields=fields(), publish_if_ready=True
    ).article
    assert again.image_url == "https://courier.example/quay.jpg"
    assert again.image_alt == "The new quay"


def test_a_copy_of_another_outlets_text_is_stored_as_its_duplicate(newsroom: Newsroom):
    original = article_store(
        article_id=None, source=newsroom.wire, fields=fields(), publish_if_ready=True
    ).article
    copy = article_store(
        article_id=None,
        source=newsroom.courier,
        fields=fields(original_url="https://courier.example/agency-quay"),
        publish_if_ready=True,
    )
    assert copy.article.state == ArticleState.DUPLICATE and not copy.published
    assert copy.article.duplicate_of == original


def test_an_undated_story_is_dated_when_first_seen_and_says_so(newsroom: Newsroom):
    seen = timezone.now() - timedelta(minutes=5)
    article = article_store(
        article_id=None,
        source=newsroom.courier,
        fields=fields(published_at=None, first_seen_at=seen),
        publish_if_ready=True,
    ).article
    assert article.published_at == seen and article.published_at_estimated
