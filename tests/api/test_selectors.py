"""The reads added for the API, on their own."""

from __future__ import annotations

from django.utils import timezone

from gazette.articles.selectors import articles_page, sections_page
from gazette.discovery.models import Story, StoryRedirect
from gazette.discovery.selectors import story_public
from gazette.states import ArticleState
from gazette.translation.selectors import translations_for_display
from tests.api.conftest import World
from tests.factories import make_article


def test_story_public_follows_a_merge_and_hides_stories_without_public_reports(
    world: World,
) -> None:
    story = Story.objects.get(members__article=world.full)
    StoryRedirect.objects.create(old_id=777, story=story)
    assert story_public(777) == story
    empty = Story.objects.create(title="DRAFTSECRET story", last_article_at=timezone.now())
    assert story_public(empty.pk) is None
    assert story_public(123456) is None


def test_pages_and_translations(world: World) -> None:
    assert [a.pk for a in articles_page(limit=2)] == [world.full.pk, world.translated.pk]
    assert articles_page(limit=10, section="no-such") == []
    assert [s.slug for s in sections_page(limit=10)] == ["politics"]
    shown = translations_for_display([world.full, world.translated])
    assert list(shown) == [world.translated.pk] and shown[world.translated.pk].reviewed
    draft = make_article(state=ArticleState.DRAFT)
    assert draft.pk not in {a.pk for a in articles_page(limit=100)}
