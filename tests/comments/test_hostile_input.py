"""Hostile input: each answered with a clear message, nothing unsafe stored or rendered."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from gazette.articles.models import Article
from gazette.comments import tokens
from gazette.comments.models import Comment, CommentState
from tests.comments.conftest import Reader, Sink


@pytest.fixture
def open_policy(settings: Any) -> None:
    settings.COMMENTS_MODERATION = "none"


def _confirmed(reader: Reader, article: Article, smtp: Sink, **fields: Any) -> Comment:
    reader.post(article, **fields)
    address = fields.get("email", "ada@example.org")
    link = next(link for link in smtp.to(address)[-1].links() if "/comments/confirm/" in link)
    reader.follow_post(link)
    return Comment.objects.latest("pk")


@pytest.mark.parametrize(
    "address",
    ["ada@example.org\r\nBcc: everyone@example.org", "ada@example.org, eve@example.org",
     '"Eve" <eve@example.org>', "ada@example.org\nSubject: hi"],
)  # fmt: skip
def test_it_refuses_header_injection_in_the_address(
    reader: Reader, article: Article, smtp: Sink, address: str
) -> None:
    response = reader.post(article, email=address)
    assert response.status_code == 400
    assert b"Please enter one e-mail address" in response.content
    assert not Comment.objects.exists() and smtp.messages == []


def test_it_keeps_a_name_with_line_breaks_out_of_every_header(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    reader.post(article, name="Eve\r\nBcc: everyone@example.org")
    [mail] = smtp.messages
    assert mail.envelope_to == ["ada@example.org"]
    assert "Bcc" not in mail.message and "everyone" not in str(mail.message["To"])
    assert Comment.objects.get().name == "Eve Bcc: everyone@example.org"


def test_it_refuses_a_megabyte_comment_with_the_limit(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    response = reader.post(article, text="word " * 200_000)
    assert response.status_code == 400
    assert b"1,000,000 characters; the limit is 5,000" in response.content
    assert not Comment.objects.exists()


def test_it_strips_scripts_and_javascript_links(
    reader: Reader, article: Article, smtp: Sink, open_policy: None
) -> None:
    text = (
        'Fine point.<script>alert(1)</script> <a href="javascript:alert(2)">click</a> '
        '<img src=x onerror=alert(3)> <em onclick="x()">really</em> '
        '<a href="https://example.org/report">the report</a>'
    )
    comment = _confirmed(reader, article, smtp, text=text)
    assert "<script" not in comment.body_html and "javascript:" not in comment.body_html
    assert "onerror" not in comment.body_html and "onclick" not in comment.body_html
    assert "<em>really</em>" in comment.body_html
    assert 'rel="nofollow ugc noopener noreferrer"' in comment.body_html
    Comment.objects.filter(pk=comment.pk).update(state=CommentState.PUBLISHED)
    page = reader.client.get(article.get_absolute_url()).content.decode()
    assert "alert(" not in page and "javascript:" not in page
    assert "&lt;script&gt;" not in page  # dropped, not shown as text


def test_it_drops_direction_overrides_and_refuses_mixed_alphabet_names(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    reader.post(article, name="Ada\u202eecalevol", text="Go to \u202emoc.elpmaxe\u202c now please")
    comment = Comment.objects.get()
    assert "\u202e" not in comment.name and "\u202e" not in comment.text
    response = reader.post(article, name="P\u0430ypal Support", email="b@example.org")  # Cyrillic а
    assert response.status_code == 400
    assert b"mixes alphabets" in response.content
    reserved = reader.post(article, name="Moderator", email="c@example.org")
    assert b"reserved for the newsroom" in reserved.content


def test_it_refuses_forged_expired_and_foreign_form_stamps(
    reader: Reader, article: Article, smtp: Sink, settings: Any
) -> None:
    forged = reader.post(article, stamp="eyJhIjoxfQ:1abcde:forgedsignature")
    assert forged.status_code == 400 and b"not one we made" in forged.content
    other = reader.post(article, stamp=tokens.form_stamp(article.pk + 1000))
    assert b"belongs to another article" in other.content
    old = signing.dumps({"a": article.pk, "t": time.time() - 2 * 86400}, salt=tokens.FORM)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: 0.0 + 10)  # sign it long ago
        ancient = signing.TimestampSigner(salt=tokens.FORM)
        ancient_token = signing.dumps({"a": article.pk, "t": 10.0}, salt=tokens.FORM)
    del ancient
    expired = reader.post(article, stamp=ancient_token)
    assert b"has expired" in expired.content
    assert old  # a stamp signed now with an old time is still signed now: judged by signing time
    settings.COMMENTS_MIN_SECONDS = 5
    quick = reader.post(article)
    assert b"quicker than anyone can write" in quick.content
    assert not Comment.objects.exists() and smtp.messages == []


def test_it_refuses_the_honeypot_and_cross_site_posts(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    bot = reader.post(article, homepage="http://spam.example")
    assert b"filled in by a program" in bot.content
    for headers in (
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": "null"},
    ):
        response = reader.post(article, headers=headers)
        assert response.status_code == 403
        assert b"sent from another website" in response.content
    same = reader.post(article, headers={"HTTP_ORIGIN": "http://testserver"})
    assert same.status_code == 201
    assert Comment.objects.count() == 1


def test_it_needs_the_csrf_token_on_confirmation_and_edit_pages(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    reader.post(article)
    link = next(link for link in smtp.messages[0].links() if "/comments/confirm/" in link)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(link.replace("http://testserver", ""))
    assert response.status_code == 403
    assert Comment.objects.get().state == CommentState.UNCONFIRMED


def test_it_refuses_forged_and_expired_confirmation_links(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    reader.post(article)
    link = next(link for link in smtp.messages[0].links() if "/comments/confirm/" in link)
    path = link.replace("http://testserver", "")
    forged = reader.client.post(path[:-5] + "AAAA/")
    assert forged.status_code == 400 and b"not one we made" in forged.content
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: 1_000_000.0)
        old = tokens.make(tokens.CONFIRM, {"c": 1, "e": "ada@example.org"})
    expired = reader.client.post(f"/comments/confirm/{old}/")
    assert expired.status_code == 400 and b"has expired" in expired.content
    # A manage token is no confirmation token (salts differ).
    manage = tokens.make(tokens.MANAGE, {"c": 1, "e": "ada@example.org"})
    assert reader.client.post(f"/comments/confirm/{manage}/").status_code == 400
    assert Comment.objects.get().state == CommentState.UNCONFIRMED
