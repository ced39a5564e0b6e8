"""Background tasks that send the comment mails, and the next steps the comments services
take (`confirm_by_mail`, `reply_published`): each queues its task once the transaction
commits, so a worker never sees a comment that is not stored."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from gazette.comments import mail, services
from gazette.comments.models import Comment, Commenter

logger = logging.getLogger(__name__)


def confirm_by_mail(commenter_id: int, comment_id: int) -> None:
    transaction.on_commit(lambda: send_confirmation.enqueue(commenter_id, comment_id))


def reply_published(comment_id: int) -> None:
    transaction.on_commit(lambda: send_reply_notification.enqueue(comment_id))


def data_link_by_mail(commenter_id: int) -> None:
    transaction.on_commit(lambda: send_data_link.enqueue(commenter_id))


@task()
def send_confirmation(commenter_id: int, comment_id: int) -> bool:
    """The day's one confirmation mail to an address (the services claimed the day)."""
    commenter = Commenter.objects.filter(pk=commenter_id).first()
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if commenter is None or comment is None or commenter.is_confirmed:
        return False
    mail.confirmation_message(commenter, comment).send()
    return True


@task()
def send_reply_notification(comment_id: int) -> bool:
    """Tell a comment's author of an approved reply, once; never an unproven address."""
    reply = services.reply_to_notify(comment_id)
    if reply is None:
        return False
    mail.reply_message(reply).send()
    return True


@task()
def send_data_link(commenter_id: int) -> bool:
    commenter = Commenter.objects.filter(pk=commenter_id).first()
    if commenter is None:
        return False
    mail.data_message(commenter).send()
    return True
