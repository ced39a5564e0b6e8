"""The newsletter's background work: confirmation mail and sending a digest, exactly once.

Sending a digest (`send_digest`):
1. `digest_start` writes one delivery row per confirmed subscriber (again after a crash:
   the unique pair ignores what exists), with the time of the last edition sent to them:
   their copy holds what was made public since (a thin copy is skipped and recorded);
2. batches of NEWSLETTER_BATCH_SIZE rows are claimed and sent over NEWSLETTER_CONNECTIONS
   SMTP connections; each row is renewed just before its message goes and marked sent the
   moment the message's final line is written (`gazette.lib.smtp`);
3. when nothing is left, the digest is marked sent; rows to retry later (a temporary SMTP
   error) bring the task back at their time.

A worker killed at any moment leaves its claimed rows; the task is queued again by the
reaper (its worker stopped beating) and takes them once their claim is older than the lease.
Nobody is skipped. A kill in the microseconds between a message's final line and its row's
UPDATE reaching the database sends that one message again after the restart: at most one
copy per connection per kill, with the same Message-ID (mail clients show it once).
`make bench-mail` and tests/recovery/test_newsletter_killed.py count it.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connections, transaction
from django.utils import timezone
from django_tasks import task

from gazette.lib.smtp import Sender, SendError
from gazette.subscriptions import mail, services
from gazette.subscriptions.models import Delivery, Subscriber

logger = logging.getLogger(__name__)


@task()
def send_confirmation(subscriber_id: int) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    return bool(mail.confirmation_message(subscriber).send())


def confirmation_later(subscriber_id: int | None) -> None:
    """Send the confirmation once the sign-up's transaction commits (if one is due)."""
    if subscriber_id is not None:
        transaction.on_commit(lambda: send_confirmation.enqueue(subscriber_id))


@task()
def send_digest(digest_id: int) -> int:
    return digest_send(digest_id=digest_id)


def digest_send_later(digest_id: int) -> None:
    transaction.on_commit(lambda: send_digest.enqueue(digest_id))


def _lease() -> timedelta:
    return timedelta(seconds=settings.TASK_LEASE_SECONDS)


def _lane(digest_id: int, run: str, size: int, wire: mail.Wires) -> int:
    try:
        return _send_lane(digest_id, run, size, wire)
    finally:
        connections.close_all()  # this thread's database connection


def _send_lane(digest_id: int, run: str, size: int, wires: mail.Wires) -> int:
    """Claim batches and send them over one connection until nothing is due."""
    sent = 0
    with Sender() as sender:
        while rows := services.deliveries_claim(digest_id, run=run, size=size, lease=_lease()):
            for row in rows:
                if not services.delivery_touch(row.pk, run=run):
                    continue  # taken over by another run after this one's lease ran out
                # Their copy: their sections' stories since their last digest, their language.
                wire = wires.for_delivery(row)
                if wire.skip_reason:  # thin, or nothing in their sections: recorded, not sent
                    services.delivery_skipped(row.pk, run=run, reason=wire.skip_reason)
                    continue
                message_id = mail.delivery_message_id(row)

                def mark_sent(row_id: int = row.pk, message_id: str = message_id) -> bool:
                    if services.delivery_sent(row_id, run=run, message_id=message_id):
                        return True
                    logger.warning("delivery %s was taken over while being sent", row_id)
                    return False

                def message(row: Delivery = row) -> EmailMultiAlternatives:
                    return mail.digest_message(row)

                try:
                    reply = sender.send(
                        from_email=wire.mail.from_email,
                        recipients=[row.subscriber.email],
                        data=wire.data(row),
                        after_send=mark_sent,
                        message=message,
                    )
                except SendError as error:
                    state = services.delivery_failed(
                        row.pk,
                        run=run,
                        code=error.code,
                        reply=error.text,
                        permanent=error.recipient_refused,
                    )
                    logger.warning("delivery %s %s: %s", row.pk, state, error)
                    if error.stage == "connection":
                        sender.reconnect()  # the connection is gone: a new one for the next
                    continue
                sent += reply.accepted
    return sent


def digest_send(*, digest_id: int, batch_size: int | None = None) -> int:
    """Send what is due of this digest over NEWSLETTER_CONNECTIONS connections at once (the
    time goes to waiting for the server's replies); returns the messages this run sent."""
    run = uuid.uuid4().hex
    size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    digest = services.digest_start(digest_id)
    wire = mail.Wires(digest)
    lanes = max(1, settings.NEWSLETTER_CONNECTIONS)
    if lanes == 1:
        sent = _send_lane(digest_id, f"{run}-0", size, wire)
    else:
        with ThreadPoolExecutor(lanes, thread_name_prefix="newsletter") as pool:
            runs = [f"{run}-{lane}" for lane in range(lanes)]
            sent = sum(pool.map(lambda lane_run: _lane(digest_id, lane_run, size, wire), runs))
    next_due = services.digest_finish(digest_id, lease=_lease())
    if next_due is not None and send_digest.get_backend().supports_defer:
        # Rows claimed by a dead run or waiting for a retry: come back when they are due.
        when = max(next_due, timezone.now() + timedelta(seconds=1))
        send_digest.using(run_after=when).enqueue(digest_id)
    # (A backend that cannot defer leaves it to the reaper: a digest with work left and no
    # progress for REAP_AFTER_SECONDS is queued again.)
    return sent
