"""The newsletter in the desk: an editor composes an edition from the day's articles and
sends it; other roles may not; readers' addresses are for administrators only."""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks import default_task_backend

from gazette.newsroom.newsletter import send_digest
from gazette.states import DigestState, SubscriberState
from gazette.subscriptions.models import Digest, Subscriber
from tests.desk.desk_people import desk_person, logged_in
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LIST = "/admin/subscriptions/digest/"


@pytest.fixture
def queue(settings: Any) -> Any:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()  # type: ignore[attr-defined]
    return default_task_backend


def test_an_editor_composes_and_sends_an_edition(
    queue: Any, django_capture_on_commit_callbacks: Any
):
    make_article(title="Ferry order saves 400 jobs")
    Subscriber.objects.create(email="reader@example.org", state=SubscriberState.CONFIRMED)
    editor = logged_in(desk_person("editor"))

    assert editor.get(LIST).status_code == 200
    composed = editor.post(f"{LIST}compose/", follow=True)
    digest = Digest.objects.get()
    assert "Ferry order saves 400 jobs" in digest.body_text
    assert "Composed" in composed.content.decode()
    assert editor.get(f"{LIST}{digest.pk}/change/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        sent = editor.post(
            LIST, {"action": "send_selected", "_selected_action": [digest.pk]}, follow=True
        )
    assert "Sending" in sent.content.decode() and "1 subscriber" in sent.content.decode()
    [queued] = queue.results
    assert queued.task.func is send_digest.func and queued.args == [digest.pk]


def test_nothing_to_compose_says_so():
    editor = logged_in(desk_person("editor"))
    response = editor.post(f"{LIST}compose/", follow=True)
    assert "No article was published in the last 24 hours" in response.content.decode()
    assert not Digest.objects.exists()


@pytest.mark.parametrize("role", ["translator", "moderator"])
def test_other_roles_neither_compose_nor_send(role: str, queue: Any):
    make_article()
    person = logged_in(desk_person(role))
    assert person.get(LIST).status_code == 403
    person.post(f"{LIST}compose/")
    assert not Digest.objects.exists()
    digest = Digest.objects.create(subject="x", body_text="x", body_html="x")
    person.post(LIST, {"action": "send_selected", "_selected_action": [digest.pk]})
    assert queue.results == [] and Digest.objects.get().state == DigestState.DRAFT


def test_readers_addresses_are_for_administrators_only():
    Subscriber.objects.create(email="reader@example.org")
    assert (
        logged_in(desk_person("editor")).get("/admin/subscriptions/subscriber/").status_code == 403
    )
    admin = logged_in(desk_person("administrator"))
    page = admin.get("/admin/subscriptions/subscriber/")
    assert page.status_code == 200 and "reader@example.org" in page.content.decode()
