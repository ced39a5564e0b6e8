"""The newsletter in the desk: an editor composes an edition from the day's articles and
sends it; other roles may not; readers' addresses are for administrators only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from gazette.newsroom.newsletter import send_digest
from gazette.states import DigestState, SubscriberState
from gazette.subscriptions.models import Digest, Subscriber
from tests.desk.desk_people import desk_person, logged_in
from tests.factories import make_article, make_source

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
    make_article(title="Harbour wall repairs approved")
    make_article(title="Night buses cut for want of drivers")
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


def test_a_thin_edition_is_not_composed(settings: Any):
    settings.NEWSLETTER_MIN_STORIES = 3
    make_article(title="The only story today")
    editor = logged_in(desk_person("editor"))
    response = editor.post(f"{LIST}compose/", {"frequency": "daily"}, follow=True)
    assert "Not composed: 1 stories" in response.content.decode()
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


STRIKE = (
    "<p>Dockers at the harbour walked out over pay for a third day, the union said. Ferries "
    "were cancelled and lorries queued on the coast road as talks with the port broke down.</p>"
)


def test_an_edition_has_one_entry_per_story_naming_the_other_outlets():
    from gazette.desk.admin.subscriptions import edition_articles
    from gazette.discovery.services import article_discover

    courier, wire = make_source(name="The Harbour Courier"), make_source(name="Wire Review")
    first = make_article(source=courier, title="Harbour strike enters third day", body_html=STRIKE)
    second = make_article(
        source=wire, title="Harbour strike enters its third day", body_html=STRIKE
    )
    other = make_article(source=wire, title="Seagrass returns to the estuary")
    for article in (first, second, other):
        article_discover(article_id=article.pk)

    edition = edition_articles(timezone.now() - timedelta(days=1))
    chosen, reports = edition.articles, edition.reports
    assert len(chosen) == 2 and other in chosen
    [lead] = [article for article in chosen if article != other]
    assert reports[lead.pk] == [wire.name if lead == first else courier.name]
    assert reports[other.pk] == []
