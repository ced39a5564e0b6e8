"""Bounce and complaint reports read from a mailbox, and DKIM-signed digests that verify."""

from __future__ import annotations

import base64
import mailbox
import shutil
import subprocess
from pathlib import Path
from typing import Any

import dkim
import pytest
from django.core.management import call_command

from gazette.states import SubscriberState
from gazette.subscriptions import bounces
from gazette.subscriptions.mail import digest_compose, digest_message, message_bytes
from gazette.subscriptions.models import Delivery, Subscriber
from gazette.subscriptions.services import digest_start
from tests.factories import make_article

pytestmark = pytest.mark.django_db

DSN = """\
From: MAILER-DAEMON@mx.example.net
To: news@localhost
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

Your message could not be delivered.
--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {hard}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

Final-Recipient: rfc822; {soft}
Action: delayed
Status: 4.2.2
--b1--
"""

ARF = """\
From: fbl@isp.example
To: abuse@localhost
Subject: Complaint
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

--b2
Content-Type: text/plain

A reader marked this message as spam.
--b2
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: FBL/1.0
Version: 1

--b2
Content-Type: message/rfc822

From: news@localhost
To: {address}
Subject: the news

Hello
--b2--
"""


def subscribed(*emails: str) -> None:
    for address in emails:
        Subscriber.objects.create(email=address, state=SubscriberState.CONFIRMED)


def test_a_bounce_mailbox_suppresses_hard_bounces_and_complaints(tmp_path: Path):
    subscribed("gone@example.org", "full@example.org", "angry@example.org", "fine@example.org")
    box = mailbox.mbox(tmp_path / "bounces.mbox")
    box.add(DSN.format(hard="gone@example.org", soft="full@example.org"))
    box.add(ARF.format(address="angry@example.org"))
    box.add("From: someone@example.org\nSubject: not a report\n\nhello\n")
    box.flush()

    call_command("process_bounces", str(tmp_path / "bounces.mbox"))

    states = dict(Subscriber.objects.values_list("email", "state"))
    assert states["gone@example.org"] == SubscriberState.SUPPRESSED
    assert states["angry@example.org"] == SubscriberState.SUPPRESSED
    assert states["full@example.org"] == SubscriberState.CONFIRMED
    assert states["fine@example.org"] == SubscriberState.CONFIRMED
    assert Subscriber.objects.get(email="full@example.org").bounces == 1
    reason = Subscriber.objects.get(email="gone@example.org").suppressed_reason
    assert "5.1.1" in reason


def test_reports_are_read_from_a_maildir_too(tmp_path: Path):
    subscribed("gone@example.org")
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(DSN.format(hard="gone@example.org", soft="other@example.org"))
    found = [r for m in bounces.messages_at(tmp_path / "Maildir") for r in bounces.reports_in(m)]
    assert [(r.kind, r.address) for r in found] == [
        ("hard", "gone@example.org"),
        ("soft", "other@example.org"),
    ]


def test_a_missing_mailbox_says_what_to_give():
    with pytest.raises(Exception, match="mbox or Maildir"):
        call_command("process_bounces", "/nonexistent/bounces")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl makes the test's DKIM key")
def test_digests_are_dkim_signed_when_configured(tmp_path: Path, settings: Any):
    key = tmp_path / "dkim.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    public = subprocess.run(
        ["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    settings.DKIM_SELECTOR, settings.DKIM_DOMAIN = "gazette", "news.example.org"
    settings.DKIM_PRIVATE_KEY_FILE = str(key)
    subscribed("reader@example.org")
    digest = digest_compose([make_article(title="Signed news")])
    digest_start(digest.pk)
    message = digest_message(Delivery.objects.select_related("subscriber", "digest").get())
    data = message_bytes(message)
    assert b"\nDKIM-Signature:" in data

    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)

    def dns(name: bytes, timeout: int = 5) -> bytes:
        assert name == b"gazette._domainkey.news.example.org."
        return record

    assert dkim.verify(data, dnsfunc=dns)
    tampered = data.replace(b"Signed news", b"Forged news")
    assert not dkim.verify(tampered, dnsfunc=dns)


def test_without_dkim_settings_messages_are_unsigned(settings: Any):
    settings.DKIM_SELECTOR = ""
    subscribed("reader@example.org")
    digest = digest_compose([make_article()])
    digest_start(digest.pk)
    message = digest_message(Delivery.objects.select_related("subscriber", "digest").get())
    assert b"DKIM-Signature:" not in message_bytes(message)


def test_a_reader_can_unsubscribe_by_mail_too(tmp_path: Path, settings: Any):
    settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS = "unsubscribe@news.example.org"
    subscribed("leaving@example.org")
    digest = digest_compose([make_article()])
    digest_start(digest.pk)
    message = digest_message(Delivery.objects.select_related("subscriber", "digest").get())
    header = message.extra_headers["List-Unsubscribe"]
    assert (
        header.startswith("<mailto:unsubscribe@news.example.org") and "https://" not in header[:8]
    )
    assert "/one-click/>" in header

    box = mailbox.mbox(tmp_path / "unsubscribe.mbox")
    box.add("From: Leaving Reader <leaving@example.org>\nSubject: unsubscribe\n\n\n")
    box.flush()
    call_command("process_bounces", str(tmp_path / "unsubscribe.mbox"))
    assert Subscriber.objects.get().state == SubscriberState.UNSUBSCRIBED
