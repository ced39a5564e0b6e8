"""Editing on the desk: the rich-text body stored as our sanitised HTML, the preview, the
revisions with their diff and restore, the source's update that waits for the editor, and
two editors saving the same article."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gazette.articles.models import Article, ArticleEvent, ArticleRevision, Section, Tag
from gazette.articles.services import ArticleFields, article_store
from gazette.states import ArticleAction, ArticleState, RevisionStatus, TextOrigin
from tests.desk.desk_people import article_in, desk_person, logged_in


def edit_form(article: Article, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "version": article.version,
        "title": article.title,
        "standfirst": article.standfirst,
        "body_html": article.body_html,
        "author": article.author,
        "section": article.section_id or "",
        "image_url": article.image_url,
        "image_alt": article.image_alt,
        "image_caption": article.image_caption,
        "image_credit": article.image_credit,
        "_save": "Save",
    }
    form.update(changes)
    return form


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def editor_client(db: None) -> tuple[Client, object]:
    editor = desk_person("editor", "erin")
    return logged_in(editor), editor


def test_it_saves_headline_standfirst_body_section_tags_and_image(editor_client):
    client, editor = editor_client
    article = article_in(ArticleState.DRAFT, title="Quay rebuilt")
    harbour = Section.objects.create(name="Harbour", slug="harbour")
    ferries = Tag.objects.create(name="Ferries", slug="ferries")
    response = client.post(
        change_url(article),
        edit_form(
            article,
            title="Quay rebuilt in a week",
            standfirst="The council kept its promise.",
            body_html="<p>Work <strong>ended</strong>.</p><script>alert(1)</script>"
            '<p onclick="x()">Ferries return <a href="javascript:alert(1)">today</a>.</p>',
            section=harbour.pk,
            tags=[ferries.pk],
            image_url="https://courier.example/quay.jpg",
            image_caption="The new quay at dawn",
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Quay rebuilt in a week"
    assert article.standfirst == "The council kept its promise."
    assert article.section == harbour and list(article.tags.all()) == [ferries]
    assert article.image_caption == "The new quay at dawn"
    assert "<strong>ended</strong>" in article.body_html
    assert "script" not in article.body_html and "onclick" not in article.body_html
    assert "javascript" not in article.body_html, "sanitised as every body is (nh3)"
    assert article.text_origin == TextOrigin.EDITOR and article.edited_by == editor
    [event] = ArticleEvent.objects.filter(article=article)
    assert event.action == ArticleAction.EDIT and event.actor == editor
    assert event.before["title"] == "Quay rebuilt"
    assert event.after["title"] == "Quay rebuilt in a week"
    assert event.after["section"] == "Harbour" and event.after["tags"] == ["Ferries"]


def test_the_change_page_uses_the_prose_editor_from_our_static_files_under_the_csp(
    editor_client,
):
    client, _editor = editor_client
    article = article_in(ArticleState.DRAFT)
    response = client.get(change_url(article))
    page = response.content.decode()
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce, csp
    assert f'<script type="importmap" nonce="{nonce.group(1)}">' in page
    assert "/static/django_prose_editor/editor.js" in page and "/static/js/desk-editor.js" in page
    assert "data-django-prose-editor-configurable" in page
    assert "cdn" not in page.lower() and "unpkg" not in page and "jsdelivr" not in page
    assert "Headline" in page and "Standfirst" in page and "Awaiting review" in page


def test_a_preview_shows_the_unsaved_text_on_the_public_page_template(editor_client):
    client, _editor = editor_client
    article = article_in(ArticleState.DRAFT, title="Quay rebuilt")
    response = client.post(
        f"/admin/articles/article/{article.pk}/preview/",
        edit_form(article, title="Quay rebuilt in eight days", body_html="<p>Draft text</p>"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Quay rebuilt in eight days" in page and "<p>Draft text</p>" in page
    assert "readers do not see this yet" in page and 'name="robots" content="noindex"' in page
    assert "no-store" in response["Cache-Control"]
    article.refresh_from_db()
    assert article.title == "Quay rebuilt", "a preview saves nothing"
    assert client.get(article.get_absolute_url()).status_code == 404, "not public"
    assert Client().get(f"/admin/articles/article/{article.pk}/preview/").status_code == 302


def test_every_change_keeps_a_revision_with_a_readable_diff_and_a_restore(editor_client):
    client, editor = editor_client
    article = article_in(
        ArticleState.PUBLISHED, title="Quay rebuilt", body_html="<p>The quay took a week.</p>"
    )
    client.post(change_url(article), edit_form(article, title="Quay rebuilt in a week"))
    article.refresh_from_db()
    client.post(
        change_url(article), edit_form(article, body_html="<p>The quay took eight days.</p>")
    )
    article.refresh_from_db()
    first, second = ArticleRevision.objects.filter(article=article).order_by("pk")
    assert (first.title, first.origin) == ("Quay rebuilt", TextOrigin.SOURCE)
    assert (second.title, second.origin, second.editor) == (
        "Quay rebuilt in a week",
        TextOrigin.EDITOR,
        editor,
    )

    diff = client.get(f"/admin/articles/article/{article.pk}/diff/?a={first.pk}&b=current")
    page = diff.content.decode()
    assert "Quay rebuilt <ins>in a week</ins>" in page
    assert "<del>a week.</del>" in page and "<ins>eight days.</ins>" in page
    between = client.get(f"/admin/articles/article/{article.pk}/diff/?a={first.pk}&b={second.pk}")
    assert "unchanged" in between.content.decode(), "the body did not change between them"

    client.post(
        f"/admin/articles/article/{article.pk}/revision/{first.pk}/restore/",
        {"version": article.version},
    )
    article.refresh_from_db()
    assert article.title == "Quay rebuilt" and article.body_html == "<p>The quay took a week.</p>"
    assert ArticleRevision.objects.filter(article=article).count() == 3, "nothing is lost"
    assert article.events.filter(action=ArticleAction.RESTORE).exists()


def test_a_second_editor_saving_an_older_version_is_told_and_overwrites_nothing(db: None):
    erin, eddie = desk_person("editor", "erin"), desk_person("editor", "eddie")
    article = article_in(ArticleState.DRAFT, title="Quay rebuilt")
    first, second = logged_in(erin), logged_in(eddie)
    form_erin = edit_form(article, title="Erin's headline")
    form_eddie = edit_form(article, title="Eddie's headline")  # opened at the same version

    assert first.post(change_url(article), form_erin).status_code == 302
    response = second.post(change_url(article), form_eddie)

    assert response.status_code == 200
    assert "Someone else saved this article after you opened it" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Erin's headline"


def _source_says(article: Article, title: str, body: str) -> None:
    article_store(
        article_id=article.pk,
        source=article.source,
        fields=ArticleFields(
            title=title,
            body_html=body,
            text=body,
            original_url=article.original_url,
            language="en",
            first_seen_at=article.published_at,
        ),
        publish_if_ready=False,
    )


def test_a_source_update_never_silently_overwrites_an_editors_change(editor_client):
    client, _editor = editor_client
    article = article_in(ArticleState.PUBLISHED, title="Quay rebuilt")
    _source_says(article, "Quay rebuilt", "<p>The quay took a week.</p>")  # as first sent
    article.refresh_from_db()
    client.post(change_url(article), edit_form(article, title="Quay rebuilt: the editor's"))

    _source_says(article, "Quay rebuilt in eight days", "<p>It took eight days.</p>")

    article.refresh_from_db()
    assert article.title == "Quay rebuilt: the editor's", "the edited version stays on show"
    pending = ArticleRevision.objects.get(article=article, status=RevisionStatus.PENDING)
    assert pending.title == "Quay rebuilt in eight days"
    page = client.get(change_url(article)).content.decode()
    assert "The source updated this story after it was edited" in page
    assert "Quay rebuilt: the editor&#x27;s" in page and "Quay rebuilt in eight days" in page
    listed = client.get("/admin/articles/article/?source_update=waiting").content.decode()
    assert "Quay rebuilt: the editor" in listed

    client.post(
        f"/admin/articles/article/{article.pk}/revision/{pending.pk}/take/",
        {"version": article.version},
    )
    article.refresh_from_db()
    assert article.title == "Quay rebuilt in eight days"
    assert article.text_origin == TextOrigin.SOURCE, "later updates apply again"
    assert ArticleRevision.objects.filter(
        article=article, title="Quay rebuilt: the editor's", origin=TextOrigin.EDITOR
    ).exists()


def test_keeping_the_edited_version_keeps_the_source_update_as_not_taken(editor_client):
    client, _editor = editor_client
    article = article_in(ArticleState.PUBLISHED, title="Quay rebuilt")
    _source_says(article, "Quay rebuilt", "<p>A week.</p>")
    article.refresh_from_db()
    client.post(change_url(article), edit_form(article, title="Edited"))
    _source_says(article, "Source's new headline", "<p>Eight days.</p>")
    pending = ArticleRevision.objects.get(article=article, status=RevisionStatus.PENDING)

    client.post(f"/admin/articles/article/{article.pk}/revision/{pending.pk}/keep/")

    article.refresh_from_db()
    pending.refresh_from_db()
    assert article.title == "Edited" and pending.status == RevisionStatus.DISMISSED
    assert article.events.filter(action=ArticleAction.KEEP_EDIT).exists()
    _source_says(article, "Source's new headline", "<p>Eight days.</p>")
    assert not ArticleRevision.objects.filter(status=RevisionStatus.PENDING).exists(), (
        "the same text again asks nothing new"
    )


def test_a_source_update_of_an_edited_translation_neither_overwrites_nor_retranslates_it(
    editor_client, django_capture_on_commit_callbacks
):
    from gazette.ingest.extract import ExtractedArticle
    from gazette.ingest.models import Entry
    from tests.factories import make_source, store_article

    client, _editor = editor_client
    tagblatt = make_source(language="de", auto_publish=True)
    article = article_in(
        ArticleState.PUBLISHED,
        source=tagblatt,
        language="en",
        original_language="de",
        title="Roman bath found in Enns",
    )
    client.post(change_url(article), edit_form(article, title="Roman bath uncovered in Enns"))
    entry = Entry.objects.get(article=article)
    extracted = ExtractedArticle(
        title="Römisches Bad in Enns freigelegt: neue Funde",
        body_html="<p>Neue Funde im Bad.</p>",
        standfirst="",
        author="",
        published_at=article.published_at,
        modified_at=None,
        language="de",
        canonical_url=entry.url,
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        store_article(entry, extracted)

    article.refresh_from_db()
    assert (article.title, article.language) == ("Roman bath uncovered in Enns", "en")
    assert not [c for c in callbacks if "translate" in c.__qualname__], "no re-translation"
    pending = ArticleRevision.objects.get(article=article, status=RevisionStatus.PENDING)
    assert pending.title == "Römisches Bad in Enns freigelegt: neue Funde"
