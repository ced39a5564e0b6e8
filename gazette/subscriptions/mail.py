"""The newsletter's messages: the confirmation, and a digest edition for one subscriber.

Each message is plain text with an HTML alternative, names its sender, and carries the
one-click unsubscribe headers of RFC 8058 (List-Unsubscribe with an https URL and
List-Unsubscribe-Post), which mailbox providers require of bulk senders. The Message-ID of a
digest message is derived from its delivery row, so a resent copy is recognisably the same
message to the receiving side.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language_info

from gazette.articles.models import Article
from gazette.lib.mail import MailSettings, build_message, mail_settings, sign_bytes
from gazette.subscriptions import services
from gazette.subscriptions.models import Delivery, Digest, Subscriber


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def mail_domain() -> str:
    sender = settings.DKIM_DOMAIN or settings.DEFAULT_FROM_EMAIL
    return sender.rpartition("@")[2].rstrip(">").strip() or "localhost"


def _message(
    *, to: str, subject: str, text: str, html: str, headers: dict[str, str], unsubscribe: str = ""
) -> EmailMultiAlternatives:
    # gazette.lib.mail refuses line breaks and control characters in every header value,
    # and signs the message with DKIM when DKIM_* are set.
    return build_message(
        to=to,
        subject=subject,
        text=text,
        html=html,
        mail=mail_settings(),
        unsubscribe_url=unsubscribe,
        headers=headers,
    )


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    link = absolute(
        reverse("site:newsletter-confirm", kwargs={"token": services.confirm_token(subscriber)})
    )
    context = {"site_name": settings.SITE_NAME, "link": link, "site_url": settings.SITE_URL}
    return _message(
        to=subscriber.email,
        subject=f"Confirm your subscription to {settings.SITE_NAME}",
        text=render_to_string("subscriptions/confirm.txt", context),
        html=render_to_string("subscriptions/confirm.html", context),
        headers={"Auto-Submitted": "auto-generated"},
    )


def digest_compose(
    articles: Sequence[Article], *, subject: str = "", now: datetime | None = None
) -> Digest:
    """A digest edition of these articles, its text fixed now."""
    moment = timezone.localtime(now or timezone.now())
    title = subject or f"{settings.SITE_NAME}: the news of {moment:%A, %-d %B %Y}"
    items = [
        {
            "title": article.title,
            "standfirst": article.standfirst,
            "source": article.source.name,
            "translated_from": _language_name(article.original_language)
            if article.original_language and article.original_language != article.language
            else "",
            "url": absolute(article.get_absolute_url()),
        }
        for article in articles
    ]
    context = {"site_name": settings.SITE_NAME, "subject": title, "items": items}
    return Digest.objects.create(
        subject=title,
        body_text=render_to_string("subscriptions/digest.txt", context),
        body_html=render_to_string("subscriptions/digest.html", context),
        article_ids=[article.pk for article in articles],
        created_at=moment,
    )


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name"])
    except KeyError:
        return code


def delivery_message_id(delivery: Delivery) -> str:
    return f"<digest-{delivery.digest_id}.{delivery.subscriber_id}@{mail_domain()}>"


def digest_message(delivery: Delivery) -> EmailMultiAlternatives:
    subscriber = delivery.subscriber
    return _digest_message(
        delivery.digest,
        to=subscriber.email,
        token=services.unsubscribe_token(subscriber),
        message_id=delivery_message_id(delivery),
        delivery_id=str(delivery.pk),
    )


def _digest_message(
    digest: Digest,
    *,
    to: str,
    token: str,
    message_id: str,
    delivery_id: str,
    mail: MailSettings | None = None,
) -> EmailMultiAlternatives:
    page = absolute(reverse("site:newsletter-unsubscribe", kwargs={"token": token}))
    one_click = absolute(reverse("site:newsletter-one-click", kwargs={"token": token}))
    footer_text = f"\n\n--\nUnsubscribe: {page}\n"
    footer_html = (
        f'<p style="font-size:12px;color:#555">You receive this because you subscribed to '
        f"{escape(settings.SITE_NAME)}. "
        f'<a href="{page}">Unsubscribe</a></p>'
    )
    html = digest.body_html.replace("</body>", footer_html + "</body>", 1)
    return build_message(
        to=to,
        subject=digest.subject,
        text=digest.body_text + footer_text,
        html=html,
        mail=mail or mail_settings(),
        unsubscribe_url=one_click,
        headers={
            "Message-ID": message_id,
            "List-Id": f"{settings.SITE_NAME} <newsletter.{mail_domain()}>",
            "X-Gazette-Delivery": delivery_id,
            "Precedence": "bulk",
        },
    )


# Stand-ins for what differs between two subscribers' copies of an edition.
_TO = "gz-recipient-gz@placeholder.invalid"
_UNSUBSCRIBE = "gzunsubscribegz"
_SUBSCRIBER = "gzsubscribergz"
_DELIVERY = "gzdeliverygz"


class DigestWire:
    """An edition's message rendered once; a subscriber's copy is those bytes with the four
    stand-ins replaced, then DKIM-signed if configured. Rendering a MIME message is most of
    the cost of one (`make bench-mail`); when an encoding hid a stand-in (a body long enough
    for quoted-printable), every copy is rendered in full instead."""

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.mail = mail_settings()
        unsigned = MailSettings(from_email=self.mail.from_email)
        template = _digest_message(
            digest,
            to=_TO,
            token=_UNSUBSCRIBE,
            message_id=f"<digest-{digest.pk}.{_SUBSCRIBER}@{mail_domain()}>",
            delivery_id=_DELIVERY,
            mail=unsigned,
        )
        data = message_bytes(template)
        counts = [data.count(stand_in.encode()) for stand_in in (_TO, _UNSUBSCRIBE, _SUBSCRIBER)]
        self.template = data if all(counts) and data.count(_DELIVERY.encode()) == 1 else None

    def data(self, delivery: Delivery) -> bytes:
        subscriber = delivery.subscriber
        if self.template is None or not subscriber.email.isascii():
            return message_bytes(digest_message(delivery))  # (an address the header encodes)
        data = (
            self.template.replace(_TO.encode(), subscriber.email.encode())
            .replace(_UNSUBSCRIBE.encode(), services.unsubscribe_token(subscriber).encode())
            .replace(_SUBSCRIBER.encode(), str(subscriber.pk).encode())
            .replace(_DELIVERY.encode(), str(delivery.pk).encode())
        )
        return sign_bytes(data, self.mail)


def message_bytes(message: EmailMultiAlternatives) -> bytes:
    """The message as it goes on the wire (DKIM-signed by `lib.mail` when configured)."""
    return bytes(message.message().as_bytes(linesep="\r\n"))
