"""The desk's start page: the site's name, what needs the editor now with counts and links,
no internal tables, and a merge of stories that asks first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from gazette.states import ArticleState, SourceHealth
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _user(role: str, *, superuser: bool = False) -> Client:
    user = get_user_model().objects.create_user(role, f"{role}@example.org", "pw-123456789")
    user.is_staff, user.is_superuser = True, superuser
    user.save()
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def test_the_start_page_says_what_needs_the_editor_now(settings):
    settings.SITE_NAME = "Gazette"
    source = make_source(health=SourceHealth.FAILING, last_error="HTTP 500 from x")
    make_article(source=source, state=ArticleState.DRAFT)
    make_article(source=source, state=ArticleState.AWAITING_TRANSLATION)
    editor = _user("editor")
    html = editor.get("/admin/").content.decode()
    page = _text(html)
    assert "<title>Today at the desk | Gazette desk</title>" in html
    assert "Django administration" not in page
    assert "1 Articles awaiting review" in page
    assert "1 Articles awaiting translation" in page
    assert f"state__exact={ArticleState.DRAFT}" in html
    assert "/admin/status/" in html, "the status page is linked"
    assert "Review queue" in page, "the translation review queue is linked"
    assert "Times are in Europe/Vienna" in page or "Times are in" in page
    for internal in (
        "Article embeddings",
        "Popularity buckets",
        "Story redirects",
        "Min hash bands",
        "Documents",
        "Worker heartbeats",
        "Access attempts",
    ):
        assert internal not in page, f"{internal} is the pipeline's, not the editor's"
    assert "Sources failing" in page, "editors see failing sources (they may view sources)"


def test_administrators_reach_the_internal_tables_under_system_tables():
    make_source(health=SourceHealth.NEEDS_ATTENTION)
    admin = _user("administrator", superuser=True)
    page = _text(admin.get("/admin/").content.decode())
    assert "1 Sources failing" in page
    assert "System tables" in page and "Article embeddings" in page and "Task results" in page


def test_scheduled_today_is_counted():
    source = make_source()
    article = make_article(source=source, state=ArticleState.PUBLISHED)
    if not hasattr(article, "scheduled_for"):
        pytest.skip("articles have no scheduled_for yet")
    article.state = ArticleState.SCHEDULED
    article.scheduled_for = timezone.now() + timedelta(minutes=1)
    article.save()
    from gazette.desk.today import desk_tasks

    editor = get_user_model().objects.create_superuser("s", "s@example.org", "pw-123456789")
    tasks = {task.label: task.count for task in desk_tasks(editor)}
    assert tasks["Scheduled to go live today"] == (
        1 if timezone.localdate(article.scheduled_for) == timezone.localdate() else 0
    )


def test_merging_stories_asks_first():
    from gazette.discovery.models import Story
    from gazette.discovery.services import article_discover

    for title, body in (
        ("Harbour strike enters third day", "<p>Dockers walk out over harbour pay.</p>"),
        ("Storm floods river valley", "<p>Flood water rises after the storm.</p>"),
    ):
        article_discover(article_id=make_article(title=title, body_html=body).pk)
    one, two = Story.objects.all()
    admin = _user("administrator", superuser=True)
    ask = admin.post(
        "/admin/discovery/story/",
        {"action": "merge_stories", "_selected_action": [one.pk, two.pk]},
    )
    assert ask.status_code == 200 and "Merge these stories?" in ask.content.decode()
    assert Story.objects.count() == 2, "nothing merged before the answer"
    done = admin.post(
        "/admin/discovery/story/",
        {"action": "merge_stories", "_selected_action": [one.pk, two.pk], "confirm": "yes"},
    )
    assert done.status_code == 302
    assert Story.objects.count() == 1
    form = admin.get(f"/admin/discovery/story/{Story.objects.get().pk}/change/").content.decode()
    assert "Backend" not in form and "lexical" not in form and "Centroid" not in form


def test_moderators_see_the_comments_held_for_them():
    from gazette.comments.models import Comment, CommentState

    article = make_article()
    for state in (CommentState.HELD, CommentState.HELD, CommentState.PUBLISHED):
        Comment.objects.create(
            article=article, name="Reader", text="Hi", body_html="<p>Hi</p>", state=state
        )
    moderator = _user("moderator")
    html = moderator.get("/admin/").content.decode()
    assert "2 Comments held for moderation" in _text(html)
    assert "state__exact=held" in html
    assert "Sources failing" not in _text(html), "a moderator has no sources"
