"""Bounces and complaints that arrive later, as mail: DSN (RFC 3464) and ARF (RFC 5965).

A delivery-status report names each failed recipient (`Final-Recipient`) with an `Action`
and a `Status`: `failed` with a 5.x.x status is permanent (the address is suppressed), 4.x.x
is temporary (counted). A feedback report (a reader pressed "spam") names the original
recipient in `Original-Rcpt-To`, or in the returned message's `To`; we stop mailing them.
`manage.py process_bounces PATH` reads an mbox file or a Maildir folder of such reports.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses
from pathlib import Path

from gazette.subscriptions import services


@dataclass(frozen=True)
class Report:
    kind: str  # "hard", "soft" or "complaint"
    address: str
    detail: str


def _fields(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    text = payload if isinstance(payload, str) else ""
    return [email.message_from_string(block) for block in text.strip().split("\n\n") if block]


def _address(value: str | None) -> str:
    if not value:
        return ""
    kind, _, address = value.partition(";")
    address = (address or kind).strip().strip("<>")
    return address if "@" in address else ""


def reports_in(message: Message) -> Iterator[Report]:
    if message.get_content_type() != "multipart/report":
        # A reader's List-Unsubscribe mailto: (subject "unsubscribe", from their address).
        if str(message.get("Subject", "")).strip().lower().startswith("unsubscribe"):
            found = getaddresses(message.get_all("From", []))
            if found and "@" in found[0][1]:
                yield Report("unsubscribe", found[0][1], "asked by mail")
        return
    report_type = (message.get_param("report-type") or "").__str__().lower()
    for part in message.walk():
        kind = part.get_content_type()
        if report_type == "delivery-status" and kind == "message/delivery-status":
            for block in _fields(part)[1:] or _fields(part):
                address = _address(block.get("Final-Recipient") or block.get("Original-Recipient"))
                status = (block.get("Status") or "").strip()
                action = (block.get("Action") or "").strip().lower()
                if not address or action not in ("failed", "delayed"):
                    continue
                detail = f"{status} {block.get('Diagnostic-Code', '')}".strip()
                hard = action == "failed" and status.startswith("5")
                yield Report("hard" if hard else "soft", address, detail)
        elif report_type == "feedback-report" and kind == "message/feedback-report":
            blocks = _fields(part)
            block = blocks[0] if blocks else Message()
            address = _address(block.get("Original-Rcpt-To"))
            if not address:
                address = _returned_recipient(message)
            if address:
                yield Report("complaint", address, str(block.get("Feedback-Type", "abuse")))


def _returned_recipient(report: Message) -> str:
    for part in report.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if inner is None and isinstance(payload, str):
                inner = email.message_from_string(payload)
            if isinstance(inner, Message):
                found = getaddresses(inner.get_all("To", []))
                if found and found[0][1]:
                    return found[0][1]
    return ""


def apply(reports: Iterable[Report]) -> dict[str, int]:
    counts = {"hard": 0, "soft": 0, "complaint": 0, "unsubscribe": 0}
    for report in reports:
        if report.kind == "hard":
            services.suppress(report.address, f"hard bounce: {report.detail}")
        elif report.kind == "unsubscribe":
            services.unsubscribe_address(report.address)
        elif report.kind == "complaint":
            services.suppress(report.address, f"complaint: {report.detail}")
        else:
            services.soft_bounce(report.address)
        counts[report.kind] += 1
    return counts


def messages_at(path: Path) -> Iterator[Message]:
    """The messages of a Maildir folder or an mbox file."""
    factory = mailbox.Maildir(path, create=False) if path.is_dir() else mailbox.mbox(path)
    for key in factory.iterkeys():
        yield email.message_from_bytes(factory.get_bytes(key), policy=email.policy.compat32)
