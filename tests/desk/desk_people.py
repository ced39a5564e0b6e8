"""People of the desk by role, with a real session, and articles standing in a state."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.test import Client

from gazette.articles.models import Article
from gazette.states import ArticleState
from tests.factories import make_article, make_source


def desk_person(role: str, username: str | None = None) -> AbstractUser:
    """A staff member holding one role group (created by the desk's migration)."""
    user = get_user_model().objects.create_user(
        username=username or f"{role}-person", password=None, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)  # a real session; the login page itself is tested elsewhere
    return client


def article_in(state: str, **fields: Any) -> Article:
    """An article standing in `state`, as the workflow leaves it there."""
    if state == ArticleState.AWAITING_TRANSLATION:
        source = make_source(language="de")
        fields.setdefault("source", source)
        fields.setdefault("language", "de")
    if state == ArticleState.SCHEDULED:
        from datetime import timedelta

        from django.utils import timezone

        fields.setdefault("scheduled_for", timezone.now() + timedelta(hours=2))
    if state == ArticleState.WITHDRAWN:
        from django.utils import timezone

        fields.setdefault("made_public_at", timezone.now())
    return make_article(state=state, **fields)
