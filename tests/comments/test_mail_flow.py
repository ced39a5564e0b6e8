"""A reader's comment from the form to the mailbox and back, over a real SMTP server."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from gazette.articles.models import Article
from gazette.comments import services
from gazette.comments.models import Comment, Commenter, CommentState
from gazette.newsroom import comment_mail
from tests.comments.conftest import Reader, Sink


def test_it_mails_one_confirmation_and_publishes_nothing_until_confirmed(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    response = reader.post(article)
    assert response.status_code == 201
    assert b"Please confirm your address" in response.content
    comment = Comment.objects.get()
    assert comment.state == CommentState.UNCONFIRMED
    assert b"consulted the fishermen" not in reader.client.get(article.get_absolute_url()).content

    [mail] = smtp.to("ada@example.org")
    assert mail.message["Subject"] == "Confirm your address to comment on Gazette"
    assert mail.message["Message-ID"].endswith("@gazette.test>")
    assert "List-Unsubscribe" not in mail.message  # not a list: one mail, once
    assert "consulted the fishermen" in mail.part(
        "plain"
    ) and "consulted the fishermen" in mail.part("html")
    confirm = next(link for link in mail.links() if "/comments/confirm/" in link)

    # Opening the link (as a mail scanner does) changes nothing.
    assert reader.client.get(confirm.replace("http://testserver", "")).status_code == 200
    assert not Commenter.objects.get().is_confirmed
    done = reader.follow_post(confirm)
    assert done.status_code == 200 and b"Address confirmed" in done.content
    comment.refresh_from_db()
    assert comment.state == CommentState.HELD  # first-timers are pre-moderated by default
    assert any("first comment" in reason for reason in comment.hold_reasons)


def test_it_sends_at_most_one_mail_a_day_to_an_unproven_address(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    for number in range(5):
        response = reader.post(article, text=f"Remark number {number} on the harbour works.")
        assert response.status_code == 201
    assert len(smtp.to("ada@example.org")) == 1
    assert b"already sent a confirmation link" in response.content
    assert Comment.objects.filter(state=CommentState.UNCONFIRMED).count() == 5


def test_it_tells_of_a_reply_only_after_approval_with_one_click_unsubscribe(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_MODERATION = "none"
    reader.post(article, notify="on")
    confirm = next(link for link in smtp.messages[0].links() if "/comments/confirm/" in link)
    reader.follow_post(confirm)
    parent = Comment.objects.get()
    assert parent.state == CommentState.PUBLISHED

    settings.COMMENTS_MODERATION = "all"
    reader.post(article, name="Bob", email="bob@example.org", parent=str(parent.pk),
                text="I disagree about the quay, it was built too late.")  # fmt: skip
    bob_confirm = next(link for link in smtp.to("bob@example.org")[0].links() if "confirm" in link)
    reader.follow_post(bob_confirm)
    reply = Comment.objects.get(name="Bob")
    assert reply.state == CommentState.HELD and reply.parent_id == parent.pk
    assert len(smtp.to("ada@example.org")) == 1  # held: Ada hears nothing yet

    with reader.capture(execute=True):
        services.comments_approve(
            comments=[reply], moderator=AnonymousUser(), published=comment_mail.reply_published
        )
    [_confirmation, notice] = smtp.to("ada@example.org")
    assert notice.message["Subject"] == "A reply to your comment on Gazette"
    assert notice.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = " ".join(str(notice.message["List-Unsubscribe"]).split()).strip("<>")
    assert "built too late" in notice.part("plain") and "built too late" in notice.part("html")
    read = next(link for link in notice.links() if "#comment-" in link)
    page = reader.client.get(read.replace("http://testserver", "").split("#")[0])
    assert f'id="comment-{reply.pk}"'.encode() in page.content

    # GET shows a button; the mail client's one-click POST (no CSRF token) unsubscribes.
    path = unsubscribe.replace("http://testserver", "")
    assert reader.client.get(path).status_code == 200
    assert Commenter.objects.get(email="ada@example.org").notifications_off_at is None
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Commenter.objects.get(email="ada@example.org").notifications_off_at is not None


def test_it_never_mails_an_unproven_address_about_replies(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    settings.COMMENTS_MODERATION = "none"
    reader.post(article, notify="on", email="victim@example.org")
    parent = Comment.objects.get()
    with reader.capture(execute=True):  # a moderator releases it: the address is unproven
        services.comments_approve(
            comments=[parent], moderator=AnonymousUser(), published=comment_mail.reply_published
        )
    reader.post(article, name="Bob", email="bob@example.org", parent=str(parent.pk))
    reader.follow_post(
        next(link for link in smtp.to("bob@example.org")[0].links() if "confirm" in link)
    )
    assert Comment.objects.get(name="Bob").state == CommentState.PUBLISHED
    assert len(smtp.to("victim@example.org")) == 1  # the day's one confirmation, nothing more


def test_it_lets_a_reader_export_and_erase_everything_of_an_address(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    reader.post(article)
    reader.follow_post(next(link for link in smtp.messages[0].links() if "confirm" in link))
    with reader.capture(execute=True):
        reader.client.post("/comments/data/", {"email": "ada@example.org"})
    with reader.capture(execute=True):
        reader.client.post("/comments/data/", {"email": "nobody@example.org"})
    assert smtp.to("nobody@example.org") == []
    [data_mail] = [
        m for m in smtp.to("ada@example.org") if "export or delete" in m.message["Subject"]
    ]
    path = next(link for link in data_mail.links() if "/comments/data/" in link).replace(
        "http://testserver", ""
    )
    exported = reader.client.post(path, {"action": "export"})
    assert exported["Content-Type"].startswith("application/json")
    assert b"consulted the fishermen" in exported.content and b"ada@example.org" in exported.content
    erased = reader.client.post(path, {"action": "erase"})
    assert b"We deleted your address and 1 comment" in erased.content
    assert not Commenter.objects.exists() and not Comment.objects.exists()
    replayed = reader.client.post(path, {"action": "erase"})
    assert replayed.status_code in (400, 404)
