"""Sending one message and recording it as sent at the moment it becomes irrevocable.

An SMTP server accepts a message when it reads the final `.` line of DATA; the sender records
the message as sent in its own database. No protocol joins the two, so a process killed
between them either loses a message (recorded, never accepted) or sends it again on restart
(accepted, not recorded). Here the message goes out in full with its final line, and
`after_send` (the caller marks its row sent) runs at once, before the server's reply is even
read: the window is the few microseconds from the write of the final line until the caller's
UPDATE reaches the database, and what it can cause is a second copy, never a miss (the
project's rule: every stage at least once). A server that then refuses the message makes the
send raise, and the caller marks the row again. `make bench-mail` and the SIGKILL test count
what the window costs.

With a backend that is not Django's SMTP backend (the console in the demo, the memory backend
in tests), the message goes through the backend as usual, `after_send` after it.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from types import TracebackType

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

CRLF = b"\r\n"


@dataclass(frozen=True)
class Reply:
    code: int
    text: str

    @property
    def accepted(self) -> bool:
        return 200 <= self.code < 300


class SendError(Exception):
    """The server refused the message, or the connection failed (`code` None). `stage` says
    where: "rcpt" is the recipient's address refused (a 5xx there is a hard bounce); "mail"
    and "data" are about the sender or the message; "connection" is the line."""

    def __init__(self, code: int | None, text: str, stage: str) -> None:
        super().__init__(f"{code} {text}" if code else text)
        self.code = code
        self.text = text
        self.stage = stage

    @property
    def recipient_refused(self) -> bool:
        return self.stage == "rcpt" and self.code is not None and 500 <= self.code < 600


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _dot_stuffed(data: bytes) -> bytes:
    """The message body as SMTP DATA carries it: CRLF line ends, leading dots doubled."""
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    stuffed = CRLF.join(b"." + line if line.startswith(b".") else line for line in lines)
    return stuffed if stuffed.endswith(CRLF) else stuffed + CRLF


class Sender:
    """One connection for many messages: `with Sender() as sender: sender.send(...)`."""

    def __init__(self) -> None:
        self.backend = get_connection()
        self.smtp_backend = isinstance(self.backend, SmtpBackend)

    def __enter__(self) -> Sender:
        self.backend.open()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.backend.close()  # a dead connection has nothing left to close

    def reconnect(self) -> None:
        self.__exit__(None, None, None)
        self.backend.open()

    def send(
        self,
        *,
        from_email: str,
        recipients: list[str],
        data: bytes,
        after_send: Callable[[], bool],
        message: Callable[[], EmailMessage],
    ) -> Reply:
        """Send `data` (the whole message as bytes, signed if it is to be) to `recipients`.
        Other backends than SMTP are given `message()` instead. `after_send` runs as soon as
        the message is out. Raises SendError when the server refuses it or the connection
        fails."""
        if not self.smtp_backend:
            self.backend.send_messages([message()])
            after_send()
            return Reply(250, "handed to the mail backend")
        client = self.backend.connection
        if client is None:
            self.backend.open()
            client = self.backend.connection
        assert client is not None
        try:
            return self._transaction(client, from_email, recipients, data, after_send)
        except smtplib.SMTPServerDisconnected as error:
            raise SendError(
                None, f"the mail server closed the connection ({error})", "connection"
            ) from error
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(
                None, f"could not talk to the mail server ({error})", "connection"
            ) from error

    def _transaction(
        self,
        client: smtplib.SMTP,
        from_email: str,
        recipients: list[str],
        data: bytes,
        after_send: Callable[[], bool],
    ) -> Reply:
        sender = parseaddr(from_email)[1] or from_email
        if client.sock is not None:
            # Without this, Nagle's algorithm holds a message's last segment until the server
            # acknowledges the one before (a delayed ACK: some 40 ms a message, which
            # bench-mail measured as 25 messages a second).
            client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        client.ehlo_or_helo_if_needed()
        code, reply = client.mail(sender)
        if code != 250:
            client.rset()
            raise SendError(code, _text(reply), "mail")
        for recipient in recipients:
            code, reply = client.rcpt(recipient)
            if code not in (250, 251):
                client.rset()
                raise SendError(code, _text(reply), "rcpt")
        client.putcmd("data")
        code, reply = client.getreply()
        if code != 354:
            client.rset()
            raise SendError(code, _text(reply), "data")
        client.send(_dot_stuffed(data) + b"." + CRLF)
        after_send()
        code, reply = client.getreply()
        if code != 250:
            raise SendError(code, _text(reply), "data")
        return Reply(code, _text(reply))
