"""The workflow in one place: every move, from whichever path, writes its audit row; a
withdrawn article's address answers 410 Gone with the editors' note; a correction shows with
its date at the foot of the article; a translated article waits for review unless its source
auto-publishes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gazette.articles.models import Article, ArticleEvent
from gazette.articles.services import ArticleMoveRefused
from gazette.newsroom import flow
from gazette.states import ArticleAction, ArticleState
from tests.desk.desk_people import article_in, desk_person, logged_in
from tests.factories import make_source


@pytest.mark.django_db
def test_a_withdrawn_article_answers_410_gone_with_the_public_note(
    django_capture_on_commit_callbacks: Any,
):
    editor = desk_person("editor")
    article = article_in(ArticleState.PUBLISHED, title="Quay rebuilt")
    address = article.get_absolute_url()
    assert Client().get(address).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # the withdrawal commits
        logged_in(editor).post(
            f"/admin/articles/article/{article.pk}/move/withdraw/",
            {"note": "Withdrawn: the council's figures were wrong."},
        )

    response = Client().get(address)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This article has been withdrawn" in page
    assert "the council&#x27;s figures were wrong." in page
    assert 'name="robots" content="noindex"' in page
    event = ArticleEvent.objects.get(article=article)
    assert (event.action, event.actor, event.before, event.after["state"]) == (
        ArticleAction.WITHDRAW,
        editor,
        {"state": "published", "withdrawal_note": ""},
        "withdrawn",
    )


@pytest.mark.django_db
def test_a_correction_shows_with_its_date_at_the_foot_of_the_article():
    editor = desk_person("editor")
    article = article_in(ArticleState.PUBLISHED)
    logged_in(editor).post(
        f"/admin/articles/article/{article.pk}/move/correct/",
        {"text": "An earlier version gave the mayor's name as Ana Berg."},
    )
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Corrections" in page
    assert "An earlier version gave the mayor&#x27;s name as Ana Berg." in page
    correction = article.corrections.get()
    assert f'<time datetime="{correction.created_at.isoformat()}' in page or (
        correction.created_at.strftime("%Y") in page
    )
    desk = logged_in(editor).get(f"/admin/articles/article/{article.pk}/change/")
    assert "Correction added" in desk.content.decode(), "the audit row on the desk page"


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_keeps_it():
    editor = desk_person("editor")
    article = article_in(ArticleState.DRAFT)
    client = logged_in(editor)
    client.post(f"/admin/articles/article/{article.pk}/move/reject/", {"reason": "  "})
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT
    client.post(f"/admin/articles/article/{article.pk}/move/reject/", {"reason": "Advertorial"})
    article.refresh_from_db()
    assert article.state == ArticleState.REJECTED and article.rejected_reason == "Advertorial"
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Rejected: Advertorial" in page


@pytest.mark.django_db
def test_scheduling_needs_a_future_time_shown_with_its_zone():
    editor = desk_person("editor")
    article = article_in(ArticleState.DRAFT)
    client = logged_in(editor)
    client.post(f"/admin/articles/article/{article.pk}/move/schedule/", {"at": "2001-01-01T10:00"})
    article.refresh_from_db()
    assert article.state == ArticleState.DRAFT, "a time in the past is refused"
    response = client.post(
        f"/admin/articles/article/{article.pk}/move/schedule/",
        {"at": "2099-06-01T10:00"},
        follow=True,
    )
    article.refresh_from_db()
    assert article.state == ArticleState.SCHEDULED
    assert article.scheduled_for is not None
    assert article.scheduled_for.isoformat() == "2099-06-01T08:00:00+00:00", "Vienna, summer"
    page = response.content.decode()
    assert "goes live 01 Jun 2099, 10:00 CEST" in page
    assert "Go live at (Europe/Vienna)" in page


@pytest.mark.django_db
def test_publish_and_withdraw_from_the_flow_are_logged_without_a_person(
    django_capture_on_commit_callbacks,
):
    article = article_in(ArticleState.DRAFT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        flow.article_publish(article=article)
        flow.article_withdraw(article=article, note="Legal advice")
    discoveries = [c for c in callbacks if "discover_later" in c.__qualname__]
    assert len(discoveries) == 2, "discovery follows each"
    withdrawn, published = ArticleEvent.objects.filter(article=article)
    assert (published.action, published.actor, published.via) == ("publish", None, "pipeline")
    assert (withdrawn.action, withdrawn.note) == ("withdraw", "Legal advice")
    with pytest.raises(ArticleMoveRefused):
        flow.article_withdraw(article=article, note="twice")


@pytest.mark.django_db
@pytest.mark.parametrize("auto_publish", [True, False])
def test_a_translated_article_waits_for_review_unless_its_source_auto_publishes(
    auto_publish: bool, django_capture_on_commit_callbacks
):
    source = make_source(language="de", auto_publish=auto_publish)
    article = article_in(ArticleState.AWAITING_TRANSLATION, source=source)
    Article.objects.filter(pk=article.pk).update(language="en", original_language="de")
    article.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=False):
        flow.translation_shown(article)

    article.refresh_from_db()
    expected = ArticleState.PUBLISHED if auto_publish else ArticleState.DRAFT
    assert article.state == expected
    event = ArticleEvent.objects.get(article=article)
    assert event.action == (ArticleAction.PUBLISH if auto_publish else ArticleAction.AWAIT_REVIEW)


@pytest.mark.django_db
def test_an_auto_published_article_records_the_sources_policy(newsroom):
    from gazette.articles.services import article_store
    from tests.articles.test_article_store import fields

    stored = article_store(
        article_id=None, source=newsroom.courier, fields=fields(), publish_if_ready=True
    )
    event = ArticleEvent.objects.get(article=stored.article)
    assert (event.action, event.actor, event.via) == ("publish", None, "pipeline")
    assert "policy" in event.note


@pytest.mark.django_db
def test_an_editors_translation_review_approves_it_a_translators_does_not(
    django_capture_on_commit_callbacks,
):
    from gazette.translation.models import ArticleTranslation

    source = make_source(language="de", auto_publish=False)
    editor, translator = desk_person("editor"), desk_person("translator")
    by_editor = article_in(ArticleState.AWAITING_TRANSLATION, source=source)
    by_translator = article_in(ArticleState.AWAITING_TRANSLATION, source=source)
    for article, person in ((by_editor, editor), (by_translator, translator)):
        translation = ArticleTranslation.objects.create(
            article=article, source_language="de", language="en", segments=[]
        )
        with django_capture_on_commit_callbacks(execute=False):
            flow.translation_review(translation=translation, targets=[], editor=person)

    by_editor.refresh_from_db()
    by_translator.refresh_from_db()
    assert by_editor.state == ArticleState.PUBLISHED
    assert by_translator.state == ArticleState.DRAFT, "awaiting an editor's review"
    approved = ArticleEvent.objects.get(article=by_editor, action=ArticleAction.PUBLISH)
    assert (approved.actor, approved.via) == (editor, "translation review")
