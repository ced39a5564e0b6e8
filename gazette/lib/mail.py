"""Outgoing mail, built one safe way: every message Gazette sends is made here.

- No header injection: a name, address or subject with a line break (or other control
  character) is refused (`UnsafeHeader`), never folded into a new header; display names are
  encoded by `formataddr`, so a quote or comma in a name cannot add a recipient.
- Two parts: a plain-text part and an HTML alternative.
- `List-Unsubscribe` (https and, when given, mailto) and `List-Unsubscribe-Post:
  List-Unsubscribe=One-Click` (RFC 8058) when the message has an unsubscribe URL.
- A `Message-ID` on the sender's domain, and a `Date`.
- DKIM (dkimpy), when a domain, selector and key are given: signed over the bytes the SMTP
  backend sends, with relaxed canonicalisation.

Pure: the caller passes a `MailSettings` (`mail_settings()` reads Django's), so the
subscriptions app and the comments app build messages alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
# Signed when present: what a reader sees and what says where the message goes.
DKIM_HEADERS = (
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
    b"mime-version",
    b"content-type",
)


class UnsafeHeader(ValueError):
    """A value for a header holds a line break or control character, or is no address."""


@dataclass(frozen=True)
class MailSettings:
    from_email: str
    dkim_domain: str = ""
    dkim_selector: str = ""
    dkim_private_key: bytes = b""


def mail_settings() -> MailSettings:
    key_file = getattr(settings, "DKIM_PRIVATE_KEY_FILE", "")
    return MailSettings(
        from_email=settings.DEFAULT_FROM_EMAIL,
        dkim_domain=getattr(settings, "DKIM_DOMAIN", ""),
        dkim_selector=getattr(settings, "DKIM_SELECTOR", ""),
        dkim_private_key=Path(key_file).read_bytes() if key_file else b"",
    )


def safe_text(value: str, what: str) -> str:
    if _CONTROL.search(value):
        raise UnsafeHeader(f"the {what} holds a line break or control character")
    return value


def safe_address(address: str, name: str = "") -> str:
    """`"Name" <address>`, refusing anything that could add a header or a recipient."""
    safe_text(address, "address")
    safe_text(name, "name")
    parsed_name, parsed = parseaddr(address)
    if not parsed or parsed != address.strip() or parsed_name:
        raise UnsafeHeader(f"{address!r} is not one plain e-mail address")
    try:
        Address(addr_spec=parsed)
    except (ValueError, IndexError) as error:
        raise UnsafeHeader(f"{address!r} is not an e-mail address") from error
    if "@" not in parsed or parsed.count("@") != 1:
        raise UnsafeHeader(f"{address!r} is not an e-mail address")
    return formataddr((name, parsed)) if name else parsed


class GazetteMessage(EmailMultiAlternatives):
    """An EmailMultiAlternatives that signs itself with DKIM when `mail` says so."""

    def __init__(self, *args: Any, mail: MailSettings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mail = mail

    def message(self, **kwargs: Any) -> Any:
        msg = super().message(**kwargs)
        if self.mail.dkim_domain and self.mail.dkim_selector and self.mail.dkim_private_key:
            sign(msg, self.mail)
        return msg


def sign(msg: Any, mail: MailSettings) -> None:
    import dkim

    raw = msg.as_bytes(linesep="\r\n")  # Django's SafeMIME takes linesep
    present = {name.lower().encode() for name in msg}
    signature = dkim.sign(
        raw,
        mail.dkim_selector.encode(),
        mail.dkim_domain.encode(),
        mail.dkim_private_key,
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[name for name in DKIM_HEADERS if name in present],
    )
    name, _, value = signature.decode("ascii").partition(":")
    # Unfolded: the email package folds it again, which relaxed canonicalisation ignores.
    msg[name] = " ".join(value.split())


def build_message(
    *,
    to: str,
    subject: str,
    text: str,
    html: str,
    mail: MailSettings,
    to_name: str = "",
    unsubscribe_url: str = "",
    unsubscribe_mailto: str = "",
    headers: dict[str, str] | None = None,
) -> GazetteMessage:
    """One message to one recipient, with both parts and the headers above."""
    recipient = safe_address(to, to_name)
    safe_text(subject, "subject")
    domain = mail.dkim_domain or parseaddr(mail.from_email)[1].rpartition("@")[2] or "localhost"
    extra = {"Message-ID": make_msgid(domain=domain)}
    if unsubscribe_url:
        safe_text(unsubscribe_url, "unsubscribe URL")
        targets = [f"<{unsubscribe_url}>"]
        if unsubscribe_mailto:
            targets.insert(0, f"<{safe_text(unsubscribe_mailto, 'unsubscribe address')}>")
        extra["List-Unsubscribe"] = ", ".join(targets)
        extra["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    for name, value in (headers or {}).items():
        extra[safe_text(name, "header name")] = safe_text(value, f"{name} header")
    message = GazetteMessage(
        subject=subject,
        body=text,
        from_email=mail.from_email,
        to=[recipient],
        headers=extra,
        mail=mail,
    )
    message.attach_alternative(html, "text/html")
    return message


def sign_bytes(data: bytes, mail: MailSettings) -> bytes:
    """`data` (a whole message, CRLF line ends) with a DKIM-Signature header in front, when
    `mail` says to sign; for senders that build a message's bytes themselves."""
    if not (mail.dkim_domain and mail.dkim_selector and mail.dkim_private_key):
        return data
    import dkim

    header_end = data.find(b"\r\n\r\n")
    present = {
        line.split(b":", 1)[0].strip().lower()
        for line in data[:header_end].split(b"\r\n")
        if line and not line[:1].isspace()
    }
    signature: bytes = dkim.sign(
        data,
        mail.dkim_selector.encode(),
        mail.dkim_domain.encode(),
        mail.dkim_private_key,
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[name for name in DKIM_HEADERS if name in present],
    )
    return signature + data
