"""The comment mails, built from templates/comments/mail/ with gazette.lib.mail: the
confirmation of an address, a reply notification, and a data request link."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from gazette.comments import markup, tokens
from gazette.comments.models import Comment, Commenter
from gazette.lib.mail import build_message, mail_settings


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def confirm_url(commenter: Commenter) -> str:
    token = tokens.make(tokens.CONFIRM, {"c": commenter.pk, "e": commenter.email})
    return absolute(reverse("site:comment-confirm", args=[token]))


def manage_url(comment: Comment) -> str:
    token = tokens.make(tokens.MANAGE, {"k": comment.pk})
    return absolute(reverse("site:comment-manage", args=[token]))


def unsubscribe_url(commenter: Commenter) -> str:
    token = tokens.make(tokens.UNSUBSCRIBE, {"c": commenter.pk})
    return absolute(reverse("site:comment-unsubscribe", args=[token]))


def data_url(commenter: Commenter) -> str:
    token = tokens.make(tokens.DATA, {"c": commenter.pk, "e": commenter.email})
    return absolute(reverse("site:comment-data", args=[token]))


def _message(
    template: str, *, to: Commenter, subject: str, context: dict[str, object], **kwargs: Any
) -> EmailMultiAlternatives:
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    return build_message(
        to=to.email,
        subject=subject,
        text=render_to_string(f"comments/mail/{template}.txt", context),
        html=render_to_string(f"comments/mail/{template}.html", context),
        mail=mail_settings(),
        **kwargs,
    )


def confirmation_message(commenter: Commenter, comment: Comment) -> EmailMultiAlternatives:
    return _message(
        "confirm",
        to=commenter,
        subject=f"Confirm your address to comment on {settings.SITE_NAME}",
        context={
            "comment": comment,
            "article_url": absolute(comment.article.get_absolute_url()),
            "confirm_url": confirm_url(commenter),
            "manage_url": manage_url(comment),
            "text": markup.plain(comment.body_html),
        },
    )


def reply_message(reply: Comment) -> EmailMultiAlternatives:
    assert reply.parent is not None and reply.parent.commenter is not None
    owner = reply.parent.commenter
    unsubscribe = unsubscribe_url(owner)
    return _message(
        "reply",
        to=owner,
        subject=f"A reply to your comment on {settings.SITE_NAME}",
        context={
            "reply": reply,
            "parent": reply.parent,
            "reply_text": markup.plain(reply.body_html),
            "reply_url": absolute(reply.article.get_absolute_url()) + f"#comment-{reply.pk}",
            "unsubscribe_url": unsubscribe,
        },
        unsubscribe_url=unsubscribe,
    )


def data_message(commenter: Commenter) -> EmailMultiAlternatives:
    return _message(
        "data",
        to=commenter,
        subject=f"Your comments on {settings.SITE_NAME}: export or delete",
        context={"data_url": data_url(commenter)},
    )
