"""Moderation per section, closing, thread depth, rate limits, edit window and deletion."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from gazette.articles.models import Article, Section
from gazette.comments import services
from gazette.comments.models import Comment, Commenter, CommentState, SectionCommentPolicy
from tests.comments.conftest import Reader, Sink
from tests.factories import make_article


def _confirm_everyone() -> None:
    Commenter.objects.update(confirmed_at=timezone.now())


def test_it_follows_each_sections_moderation_policy(reader: Reader, smtp: Sink, db: None) -> None:
    strict = Section.objects.create(name="Politics", slug="politics")
    free = Section.objects.create(name="Sport", slug="sport")
    SectionCommentPolicy.objects.create(section=strict, moderation="all", close_after_days=7)
    SectionCommentPolicy.objects.create(section=free, moderation="none", close_after_days=7)
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    held = reader.post(make_article(section=strict))
    assert b"waits for a moderator" in held.content
    assert b"section Politics pre-moderates every comment" in held.content
    published = reader.post(make_article(section=free))
    assert b"your comment is published" in published.content


def test_it_holds_first_timers_and_publishes_known_commenters(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    reader.post(article)
    first = Comment.objects.get()
    assert first.state == CommentState.HELD
    assert first.hold_reasons == [
        "first comment from this address (this site pre-moderates first-timers)"
    ]
    Comment.objects.filter(pk=first.pk).update(state=CommentState.PUBLISHED)
    reader.post(article, text="And the ferry timetable should change with it.")
    assert Comment.objects.latest("pk").state == CommentState.PUBLISHED


def test_it_closes_comments_after_the_sections_days(reader: Reader, smtp: Sink, db: None) -> None:
    old = make_article(made_public_at=timezone.now() - timedelta(days=15))
    response = reader.post(old)
    assert response.status_code == 403 and b"closed" in response.content
    page = reader.client.get(old.get_absolute_url())
    assert b"Comments on this article are closed." in page.content
    assert b'name="stamp"' not in page.content


def test_it_limits_thread_depth(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_MODERATION, settings.COMMENTS_MAX_DEPTH = "none", 2
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    parent = None
    for _level in range(4):
        reader.post(article, **({"parent": str(parent.pk)} if parent else {}),
                    text="I disagree about the quay, it was built too late.")  # fmt: skip
        parent = Comment.objects.latest("pk")
        assert parent.state == CommentState.PUBLISHED, parent.hold_reasons
    assert max(Comment.objects.values_list("depth", flat=True)) == 2


def test_it_limits_comments_per_address_and_network(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_PER_ADDRESS_PER_HOUR, settings.COMMENTS_PER_IP_PER_HOUR = 2, 4
    responses = [reader.post(article) for _ in range(3)]
    assert [r.status_code for r in responses] == [201, 201, 429]
    assert b"this e-mail address" in responses[2].content
    assert reader.post(article, email="other@example.org").status_code == 201
    blocked = reader.post(article, email="third@example.org")
    assert blocked.status_code == 429 and b"your network" in blocked.content


def test_the_rate_counter_never_passes_its_limit(db: None) -> None:
    allowed = [services.rate_allow("k", limit=3, seconds=3600) for _ in range(6)]
    assert allowed == [True, True, True, False, False, False]


def test_it_holds_links_and_blocked_terms_with_reasons(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_MODERATION, settings.COMMENTS_BLOCKED_TERMS = "none", ["casino"]
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    reader.post(article, text="See https://a.example, https://b.example and https://c.example too")
    links = Comment.objects.latest("pk")
    assert links.state == CommentState.HELD
    assert "3 links (more than 2)" in links.hold_reasons
    reader.post(article, text="The old casino by the pier should become a library.")
    assert "blocked terms: casino" in Comment.objects.latest("pk").hold_reasons


def test_it_lets_the_writer_edit_in_the_window_and_delete_later(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_MODERATION = "none"
    _confirm_everyone()
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    posted = reader.post(article)
    manage = posted.context["manage_url"].replace("http://testserver", "")
    assert reader.client.get(manage).status_code == 200
    edited = reader.client.post(manage, {"action": "edit", "text": "The fishermen were right."})
    assert b"Saved." in edited.content
    comment = Comment.objects.get()
    assert comment.text == "The fishermen were right." and comment.edited_at is not None
    Comment.objects.update(created_at=timezone.now() - timedelta(hours=1))
    late = reader.client.post(manage, {"action": "edit", "text": "Changed my mind."})
    assert late.status_code == 403 and b"can only be deleted now" in late.content
    reader.client.post(manage, {"action": "delete"})
    assert not Comment.objects.exists()
    again = reader.client.post(manage, {"action": "delete"})
    assert again.status_code == 400 and b"has been deleted" in again.content


def test_a_deleted_comment_with_replies_stays_as_a_tombstone(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_MODERATION = "none"
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    Commenter.objects.create(email="bob@example.org", confirmed_at=timezone.now())
    manage = reader.post(article).context["manage_url"].replace("http://testserver", "")
    parent = Comment.objects.get()
    reader.post(article, email="bob@example.org", name="Bob", parent=str(parent.pk),
                text="I disagree about the quay, it was built too late.")  # fmt: skip
    reader.client.post(manage, {"action": "delete"})
    parent.refresh_from_db()
    assert parent.state == CommentState.REMOVED and parent.text == "" and parent.name == ""
    page = reader.client.get(article.get_absolute_url()).content
    assert b"This comment was deleted." in page and b"built too late" in page


def test_the_filter_gives_known_commenters_more_room(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_MODERATION = "none"
    text = "A thoughtful remark about the harbour and its new quay."  # scores about 0.5
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    reader.post(article, text=text)
    first = Comment.objects.get()
    assert first.state == CommentState.HELD
    assert first.hold_reasons[0].startswith("the spam filter's score")
    Comment.objects.filter(pk=first.pk).update(state=CommentState.PUBLISHED)
    reader.post(article, text=text + " Again.")
    assert Comment.objects.latest("pk").state == CommentState.PUBLISHED
