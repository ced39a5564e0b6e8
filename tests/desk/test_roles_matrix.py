"""Role × state × action: every move of the workflow, tried by every role over the desk's
real HTTP endpoints with a logged-in person. Allowed: the state moves as the workflow says.
Refused by the role: 403 and nothing changes. Refused by the state: nothing changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.articles.models import Article, ArticleCorrection, ArticleEvent
from gazette.states import ARTICLE_TRANSITIONS, ArticleAction, ArticleState, article_can
from tests.desk.desk_people import article_in, desk_person, logged_in

ROLES = ["editor", "translator", "moderator", "administrator"]
STATES = [
    ArticleState.AWAITING_TRANSLATION,
    ArticleState.DRAFT,
    ArticleState.SCHEDULED,
    ArticleState.PUBLISHED,
    ArticleState.REJECTED,
    ArticleState.WITHDRAWN,
]
MOVES = [
    ArticleAction.PUBLISH,
    ArticleAction.SCHEDULE,
    ArticleAction.UNSCHEDULE,
    ArticleAction.REJECT,
    ArticleAction.WITHDRAW,
    ArticleAction.CORRECT,
]
# The role matrix of docs/desk.md: which role may make which move.
MAY = {
    "editor": set(MOVES) | {"edit"},
    "administrator": set(MOVES) | {"edit"},
    "translator": set(),
    "moderator": set(),
}


def _form(action: str) -> dict[str, str]:
    at = timezone.localtime() + timedelta(days=1)
    forms: dict[str, dict[str, str]] = {
        ArticleAction.SCHEDULE: {"at": at.strftime("%Y-%m-%dT%H:%M")},
        ArticleAction.REJECT: {"reason": "Not our story"},
        ArticleAction.WITHDRAW: {"note": "Withdrawn at the subject's request."},
        ArticleAction.CORRECT: {"text": "An earlier version misspelt the mayor's name."},
    }
    return forms.get(action, {})


@pytest.mark.django_db
@pytest.mark.parametrize("action", MOVES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_every_state_every_move(role: str, state: str, action: str):
    person = desk_person(role)
    article = article_in(state)
    client = logged_in(person)

    response = client.post(f"/admin/articles/article/{article.pk}/move/{action}/", _form(action))

    after = Article.objects.get(pk=article.pk)
    corrections = ArticleCorrection.objects.filter(article=article).count()
    if action not in MAY[role]:
        assert response.status_code == 403
        assert after.state == state and corrections == 0
        assert not ArticleEvent.objects.filter(article=article).exists()
    elif not article_can(action, state):
        assert response.status_code == 302
        assert after.state == state and corrections == 0, "the workflow refuses this move"
        assert not ArticleEvent.objects.filter(article=article).exists()
    else:
        assert response.status_code == 302
        assert after.state == ARTICLE_TRANSITIONS[action][1]
        [event] = ArticleEvent.objects.filter(article=article)
        assert event.action == action and event.actor == person and event.via == "desk"
        assert event.before["state"] == state and event.after["state"] == after.state
        assert corrections == (1 if action == ArticleAction.CORRECT else 0)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_editing_the_text_in_every_state(role: str, state: str):
    person = desk_person(role)
    article = article_in(state, title="Old headline")
    client = logged_in(person)
    form = {
        "version": article.version,
        "title": "New headline",
        "standfirst": "",
        "body_html": "<p>New text.</p>",
        "author": article.author,
        "section": "",
        "image_url": "",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "_save": "Save",
    }
    response = client.post(f"/admin/articles/article/{article.pk}/change/", form)

    after = Article.objects.get(pk=article.pk)
    if "edit" in MAY[role]:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert after.title == "New headline" and after.state == state
        assert after.revisions.get().title == "Old headline"
    else:
        assert response.status_code == 403
        assert after.title == "Old headline"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_bulk_actions_of_the_list_follow_the_roles(role: str):
    person = desk_person(role)
    waiting, live = article_in(ArticleState.DRAFT), article_in(ArticleState.PUBLISHED)
    client = logged_in(person)
    client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [waiting.pk]},
    )
    client.post(
        "/admin/articles/article/",
        {"action": "withdraw", "_selected_action": [live.pk]},
    )
    waiting.refresh_from_db()
    live.refresh_from_db()
    if "publish" in MAY[role]:
        assert waiting.state == ArticleState.PUBLISHED and live.state == ArticleState.WITHDRAWN
        assert {e.actor for e in ArticleEvent.objects.all()} == {person}
    else:
        assert waiting.state == ArticleState.DRAFT and live.state == ArticleState.PUBLISHED


@pytest.mark.django_db
def test_nobody_outside_the_desk_moves_anything():
    article = article_in(ArticleState.DRAFT)
    from django.test import Client

    response = Client().post(f"/admin/articles/article/{article.pk}/move/publish/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT
