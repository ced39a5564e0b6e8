"""The newsletter's messages: the confirmation, and a digest edition for one subscriber.

Each message is plain text with an HTML alternative, names its sender, and carries the
one-click unsubscribe headers of RFC 8058 (List-Unsubscribe with an https URL and
List-Unsubscribe-Post), which mailbox providers require of bulk senders. The Message-ID of a
digest message is derived from its delivery row, so a resent copy is recognisably the same
message to the receiving side.

The HTML is styled by one <style> block in its template (`templates/subscriptions/mail/`),
inlined into `style=` attributes when the message is rendered (css-inline): mail clients drop
<style> blocks and linked sheets. Images are the site's own stored copies, by absolute URL,
with width, height and a text alternative.

A reader's copy of an edition holds the stories of their sections made public since their
last digest (`Delivery.since`), in their language (`Subscriber.language`): copies alike in all
three are rendered once (`Wires`), whatever the number of readers.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import css_inline
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from gazette.articles.models import Article
from gazette.lib.mail import MailSettings, build_message, mail_settings, sign_bytes
from gazette.states import DigestFrequency
from gazette.subscriptions import services
from gazette.subscriptions.models import Delivery, Digest, Subscriber

IMAGE_WIDTH = 560  # the width a story's image is shown at in the message (CSS pixels)
# Mail templates' styles, inlined; remote sheets are never fetched.
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)
# SMTP's line limit is 998 bytes; Django switches a longer body to quoted-printable, which
# would hide the stand-ins `DigestWire` replaces. Long HTML lines are broken between tags.
_LINE_LIMIT = 900


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def media_absolute(name: str) -> str:
    """The address of a stored file (a lead image's rendition) as mail needs it: absolute."""
    media = settings.MEDIA_URL
    url = f"{media.rstrip('/')}/{name}" if media.endswith("/") else media + name
    return url if url.startswith(("https://", "http://")) else absolute(url)


def mail_domain() -> str:
    sender = settings.DKIM_DOMAIN or settings.DEFAULT_FROM_EMAIL
    return sender.rpartition("@")[2].rstrip(">").strip() or "localhost"


def inline_css(html: str) -> str:
    """The template's <style> block applied as style= attributes, the block removed."""
    inlined = str(_INLINER.inline(html))
    return "\n".join(_short_line(line) for line in inlined.split("\n"))


def _short_line(line: str) -> str:
    if len(line.encode()) <= _LINE_LIMIT:
        return line
    return line.replace("><", ">\n<")  # between two tags, where a line break shows nothing


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
    with translation.override(services.newsletter_language(subscriber.language)):
        subject = _("Confirm your subscription to %(site)s") % {"site": settings.SITE_NAME}
        text = render_to_string("subscriptions/mail/confirm.txt", context)
        html = inline_css(render_to_string("subscriptions/mail/confirm.html", context))
    return _message(
        to=subscriber.email,
        subject=subject,
        text=text,
        html=html,
        headers={"Auto-Submitted": "auto-generated"},
    )


# --- Composing an edition ----------------------------------------------------------------


def lead_image(article: Article, title: str) -> dict[str, Any] | None:
    """The article's lead image as the site stores it (a JPEG rendition near IMAGE_WIDTH;
    mail clients lack WebP), or None when none is stored. The stored copy is the ingest
    stage's `ImageFile` (`article.stored_image`), read through the relation: a sibling stage
    is not imported."""
    try:
        image = article.stored_image
    except ObjectDoesNotExist:
        return None
    if getattr(image, "state", "") != "stored":
        return None
    jpeg = [r for r in (image.renditions or []) if r.get("format") == "jpeg" and r.get("name")]
    if not jpeg:
        return None
    large = [r for r in jpeg if int(r["width"]) >= IMAGE_WIDTH]
    chosen = (
        min(large, key=lambda r: int(r["width"]))
        if large
        else max(jpeg, key=lambda r: int(r["width"]))
    )
    stored_width = int(chosen["width"])
    stored_height = int(chosen.get("height") or 0) or round(
        stored_width * image.height / max(image.width, 1)
    )
    width = min(IMAGE_WIDTH, stored_width)
    return {
        "src": media_absolute(str(chosen["name"])),
        "width": width,
        "height": max(1, round(stored_height * width / stored_width)),
        "alt": article.image_alt or article.image_caption or title,
    }


def _original(article: Article) -> dict[str, str] | None:
    """A translated article's original title and standfirst (the translation stage keeps
    them on `article.translation`), for readers whose language it is."""
    if not article.original_language or article.original_language == article.language:
        return None
    try:
        kept = article.translation
    except ObjectDoesNotExist:
        return None
    title = getattr(kept, "original_title", "")
    if not title:
        return None
    return {
        "language": article.original_language.split("-")[0].lower(),
        "title": title,
        "standfirst": getattr(kept, "original_standfirst", ""),
    }


def edition_title(frequency: str, moment: datetime) -> str:
    """The edition's subject in the active language."""
    when = dateformat.format(timezone.localtime(moment), "l, j F Y")
    if frequency == DigestFrequency.WEEKLY:
        return _("%(site)s: the week of %(date)s") % {"site": settings.SITE_NAME, "date": when}
    return _("%(site)s: the news of %(date)s") % {"site": settings.SITE_NAME, "date": when}


def digest_compose(
    articles: Sequence[Article],
    *,
    frequency: str = DigestFrequency.DAILY,
    reports: Mapping[int, Sequence[str]] | None = None,
    views: Mapping[int, int] | None = None,
    subject: str = "",
    now: datetime | None = None,
) -> Digest:
    """An edition of these articles (one per story, `reports` naming each story's other
    outlets, `views` how often each was read), its entries fixed now: grouped by section,
    most read first within each. Each reader's copy shows the entries of their sections
    made public since their last digest."""
    moment = now or timezone.now()
    read = views or {}
    with translation.override(settings.SITE_LANGUAGE):
        title = subject or edition_title(frequency, moment)
    items: list[dict[str, Any]] = []
    for article in articles:
        made_public = article.made_public_at or article.published_at
        items.append(
            {
                "id": article.pk,
                "title": article.title,
                "standfirst": article.standfirst,
                "source": article.source.name,
                "others": list((reports or {}).get(article.pk, ())),
                "section": article.section.slug if article.section else "",
                "section_name": article.section.name if article.section else "",
                "original_language": article.original_language
                if article.original_language and article.original_language != article.language
                else "",
                "original": _original(article),
                "url": absolute(article.get_absolute_url()),
                "image": lead_image(article, article.title),
                "at": made_public.isoformat(),
                "views": int(read.get(article.pk, 0)),
            }
        )
    # Sections by name (stories without one last), the most read first within each.
    order = {id(item): n for n, item in enumerate(items)}
    items.sort(key=lambda i: (not i["section_name"], i["section_name"], -i["views"], order[id(i)]))
    digest = Digest(
        subject=title,
        items=items,
        frequency=frequency,
        article_ids=[article.pk for article in articles],
        created_at=moment,
    )
    # The desk's preview: a first copy (the edition's window), every section, no footer.
    preview = copy_items(digest, sections=(), since=None)
    digest.body_text, digest.body_html = render_copy(
        digest, preview, language=settings.SITE_LANGUAGE, token=""
    )[1:]
    digest.save()
    return digest


# --- One reader's copy -------------------------------------------------------------------


def _at(item: Mapping[str, Any]) -> datetime | None:
    value = item.get("at")
    return parse_datetime(value) if isinstance(value, str) else None


def copy_start(digest: Digest, since: datetime | None) -> datetime:
    """A copy holds what was made public after this: the reader's last digest, or for a
    first copy the edition's window."""
    return since or digest.created_at - services.edition_window(digest.frequency)


def copy_items(
    digest: Digest, *, sections: Sequence[str], since: datetime | None
) -> list[dict[str, Any]]:
    """The edition's entries for a reader of `sections` (empty: all) whose last digest was
    composed at `since`, in the edition's order; at most COPY_STORIES, the most read."""
    start = copy_start(digest, since)
    wanted = set(sections)
    chosen = [
        item
        for item in digest.items
        if (not wanted or item.get("section") in wanted)
        and ((at := _at(item)) is None or at > start)
    ]
    if len(chosen) > services.COPY_STORIES:
        keep = {
            id(item)
            for item in sorted(chosen, key=lambda i: -int(i.get("views", 0)))[
                : services.COPY_STORIES
            ]
        }
        chosen = [item for item in chosen if id(item) in keep]
    return chosen


def skip_reason(items: Sequence[object], sections: Sequence[str]) -> str:
    """Why a copy with these entries is not sent ('' when it is)."""
    if not items and sections:
        return "no story in their sections since their last digest"
    if len(items) < max(1, settings.NEWSLETTER_MIN_STORIES):
        return (
            f"thin: {len(items)} stories since their last digest, fewer than "
            f"NEWSLETTER_MIN_STORIES={settings.NEWSLETTER_MIN_STORIES}; they wait for the next"
        )
    return ""


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _localised(item: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The entry as a reader of `language` reads it: a story written in their language in its
    original words, else the site's (translated) version saying where it comes from."""
    shown = dict(item)
    original = item.get("original")
    if original and original.get("language") == language:
        shown["title"] = original.get("title") or item["title"]
        shown["standfirst"] = original.get("standfirst", "")
        shown["translated_from"] = ""
    else:
        code = item.get("original_language") or ""
        shown["translated_from"] = _language_name(code) if code else item.get("translated_from", "")
    return shown


def render_copy(
    digest: Digest, items: Sequence[Mapping[str, Any]], *, language: str, token: str
) -> tuple[str, str, str]:
    """Subject, plain text and HTML (styles inlined) of a copy, in `language`; the footer
    links carry `token` (none: no footer)."""
    with translation.override(language):
        if digest.subject == _site_title(digest):
            subject = edition_title(digest.frequency, digest.created_at)
        else:
            subject = digest.subject  # an edition named by hand keeps its name
        context: dict[str, Any] = {
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL + "/",
            "subject": subject,
            "items": [_localised(item, language) for item in items],
        }
        if token:
            context["choices_url"] = absolute(
                reverse("site:newsletter-preferences", kwargs={"token": token})
            )
            context["unsubscribe_url"] = absolute(
                reverse("site:newsletter-unsubscribe", kwargs={"token": token})
            )
        text = render_to_string("subscriptions/mail/digest.txt", context)
        html = inline_css(render_to_string("subscriptions/mail/digest.html", context))
    return subject, text, html


def _site_title(digest: Digest) -> str:
    with translation.override(settings.SITE_LANGUAGE):
        return edition_title(digest.frequency, digest.created_at)


def delivery_message_id(delivery: Delivery) -> str:
    return f"<digest-{delivery.digest_id}.{delivery.subscriber_id}@{mail_domain()}>"


def digest_message(delivery: Delivery) -> EmailMultiAlternatives:
    """One reader's copy, rendered for them alone (`DigestWire` renders a copy once for every
    reader alike)."""
    subscriber = delivery.subscriber
    items = copy_items(delivery.digest, sections=subscriber.sections or [], since=delivery.since)
    return _digest_message(
        delivery.digest,
        items,
        language=services.newsletter_language(subscriber.language),
        to=subscriber.email,
        token=services.unsubscribe_token(subscriber),
        message_id=delivery_message_id(delivery),
        delivery_id=str(delivery.pk),
    )


def _digest_message(
    digest: Digest,
    items: Sequence[Mapping[str, Any]],
    *,
    language: str,
    to: str,
    token: str,
    message_id: str,
    delivery_id: str,
    mail: MailSettings | None = None,
) -> EmailMultiAlternatives:
    one_click = absolute(reverse("site:newsletter-one-click", kwargs={"token": token}))
    subject, text, html = render_copy(digest, items, language=language, token=token)
    return build_message(
        to=to,
        subject=subject,
        text=text,
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
    """A copy of an edition (these sections, stories since this moment, this language)
    rendered once; a subscriber's copy is those bytes with the four stand-ins replaced, then
    DKIM-signed if configured. Rendering a MIME message is most of the cost of one (`make
    bench-mail`); when an encoding hid a stand-in, every copy is rendered in full instead.
    `skip_reason` says why such a copy is not sent (thin, or nothing in their sections)."""

    def __init__(
        self,
        digest: Digest,
        sections: Sequence[str] = (),
        *,
        since: datetime | None = None,
        language: str = "",
    ) -> None:
        self.digest = digest
        self.mail = mail_settings()
        self.language = services.newsletter_language(language)
        self.items = copy_items(digest, sections=sections, since=since)
        self.skip_reason = skip_reason(self.items, sections)
        self.template: bytes | None = None
        if self.skip_reason:
            return
        unsigned = MailSettings(from_email=self.mail.from_email)
        template = _digest_message(
            digest,
            self.items,
            language=self.language,
            to=_TO,
            token=_UNSUBSCRIBE,
            message_id=f"<digest-{digest.pk}.{_SUBSCRIBER}@{mail_domain()}>",
            delivery_id=_DELIVERY,
            mail=unsigned,
        )
        data = message_bytes(template)
        counts = [data.count(stand_in.encode()) for stand_in in (_TO, _UNSUBSCRIBE, _SUBSCRIBER)]
        self.template = data if all(counts) and data.count(_DELIVERY.encode()) == 1 else None

    @property
    def empty(self) -> bool:
        return bool(self.skip_reason)

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
    """One rendered copy per kind of reader (sections, stories since when, language), made
    when first needed by a send. Readers whose last digests differ but whose copies hold the
    same stories share one: the key is where their start falls among the entries' times."""

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.mail = mail_settings()
        self.made: dict[tuple[tuple[str, ...], int, str], DigestWire] = {}
        self.times = sorted({at for item in digest.items if (at := _at(item)) is not None})

    def key(
        self, sections: Sequence[str], since: datetime | None, language: str
    ) -> tuple[tuple[str, ...], int, str]:
        bucket = bisect.bisect_right(self.times, copy_start(self.digest, since))
        return tuple(sorted(set(sections))), bucket, services.newsletter_language(language)

    def for_delivery(self, delivery: Delivery) -> DigestWire:
        subscriber = delivery.subscriber
        return self.get(subscriber.sections or [], delivery.since, subscriber.language)

    def get(self, sections: Sequence[str], since: datetime | None, language: str) -> DigestWire:
        key = self.key(sections, since, language)
        if key not in self.made:
            self.made[key] = DigestWire(self.digest, key[0], since=since, language=key[2])
        return self.made[key]

    def for_sections(self, sections: Sequence[str]) -> DigestWire:
        return self.get(sections, None, "")
