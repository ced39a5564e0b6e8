"""The newsletter's messages: the confirmation, and a digest edition for one subscriber.

Each message is plain text with an HTML alternative, names its sender, and carries the
one-click unsubscribe headers of RFC 8058 (List-Unsubscribe with an https URL and
List-Unsubscribe-Post), which mailbox providers require of bulk senders. The Message-ID of a
digest message is derived from its delivery row, so a resent copy is recognisably the same
message to the receiving side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from gazette.states import DigestFrequency
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
    articles: Sequence[Article],
    *,
    frequency: str = DigestFrequency.DAILY,
    reports: Mapping[int, Sequence[str]] | None = None,
    subject: str = "",
    now: datetime | None = None,
) -> Digest:
    """An edition of these articles (one per story, `reports` naming each story's other
    outlets), its entries fixed now; each subscriber's copy shows their sections' entries."""
    moment = timezone.localtime(now or timezone.now())
    span = "week" if frequency == DigestFrequency.WEEKLY else "news"
    title = subject or f"{settings.SITE_NAME}: the {span} of {moment:%A, %-d %B %Y}"
    items = [
        {
            "title": article.title,
            "standfirst": article.standfirst,
            "source": article.source.name,
            "others": list((reports or {}).get(article.pk, ())),
            "section": article.section.slug if article.section else "",
            "section_name": article.section.name if article.section else "",
            "translated_from": _language_name(article.original_language)
            if article.original_language and article.original_language != article.language
            else "",
            "url": absolute(article.get_absolute_url()),
        }
        for article in articles
    ]
    text, html = _bodies(title, items)
    return Digest.objects.create(
        subject=title,
        body_text=text,
        body_html=html,
        items=items,
        frequency=frequency,
        article_ids=[article.pk for article in articles],
        created_at=moment,
    )


def _bodies(subject: str, items: Sequence[Mapping[str, object]]) -> tuple[str, str]:
    context = {"site_name": settings.SITE_NAME, "subject": subject, "items": items}
    return (
        render_to_string("subscriptions/digest.txt", context),
        render_to_string("subscriptions/digest.html", context),
    )


def digest_bodies(digest: Digest, sections: Sequence[str]) -> tuple[str, str] | None:
    """The edition as a subscriber of `sections` (empty: all) reads it; None when none of
    its stories is in their sections."""
    if not sections:
        return digest.body_text, digest.body_html
    wanted = set(sections)
    items = [item for item in digest.items if item.get("section") in wanted]
    return _bodies(digest.subject, items) if items else None


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name"])
    except KeyError:
        return code


def delivery_message_id(delivery: Delivery) -> str:
    return f"<digest-{delivery.digest_id}.{delivery.subscriber_id}@{mail_domain()}>"


def digest_message(delivery: Delivery) -> EmailMultiAlternatives:
    subscriber = delivery.subscriber
    bodies = digest_bodies(delivery.digest, subscriber.sections or [])
    return _digest_message(
        delivery.digest,
        bodies or ("", ""),
        to=subscriber.email,
        token=services.unsubscribe_token(subscriber),
        message_id=delivery_message_id(delivery),
        delivery_id=str(delivery.pk),
    )


def _digest_message(
    digest: Digest,
    bodies: tuple[str, str],
    *,
    to: str,
    token: str,
    message_id: str,
    delivery_id: str,
    mail: MailSettings | None = None,
) -> EmailMultiAlternatives:
    page = absolute(reverse("site:newsletter-unsubscribe", kwargs={"token": token}))
    choices = absolute(reverse("site:newsletter-preferences", kwargs={"token": token}))
    one_click = absolute(reverse("site:newsletter-one-click", kwargs={"token": token}))
    footer_text = (
        f"\n\n--\nYour choices (how often, which sections): {choices}\nUnsubscribe: {page}\n"
    )
    footer_html = (
        f'<p style="font-size:12px;color:#555">You receive this because you subscribed to '
        f"{escape(settings.SITE_NAME)}. "
        f'<a href="{choices}">Choose how often and which sections</a> · '
        f'<a href="{page}">Unsubscribe</a></p>'
    )
    text, html = bodies
    html = html.replace("</body>", footer_html + "</body>", 1)
    return build_message(
        to=to,
        subject=digest.subject,
        text=text + footer_text,
        html=html,
        mail=mail or mail_settings(),
        unsubscribe_url=one_click,
        unsubscribe_mailto=unsubscribe_mailto(),
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

    def __init__(self, digest: Digest, sections: Sequence[str] = ()) -> None:
        self.digest = digest
        self.mail = mail_settings()
        bodies = digest_bodies(digest, sections)
        self.empty = bodies is None  # nothing in these sections: the copy is skipped
        unsigned = MailSettings(from_email=self.mail.from_email)
        template = _digest_message(
            digest,
            bodies or ("", ""),
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


def unsubscribe_mailto() -> str:
    """The mailto: target of List-Unsubscribe, when NEWSLETTER_UNSUBSCRIBE_ADDRESS is set (a
    mailbox `process_bounces` reads); empty: the https one-click URL alone."""
    address = settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS
    return f"mailto:{address}?subject=unsubscribe" if address else ""


class Wires:
    """One rendered edition per choice of sections, made when first needed by a send."""

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.mail = mail_settings()
        self.made: dict[tuple[str, ...], DigestWire] = {}

    def for_sections(self, sections: Sequence[str]) -> DigestWire:
        key = tuple(sorted(set(sections)))
        if key not in self.made:
            self.made[key] = DigestWire(self.digest, key)
        return self.made[key]
