"""Why a fetch or a poll failed, in words an editor can act on.

The fetch client and the listing readers raise with technical messages (`[Errno 111]
Connection refused`, `starts with b'<!DOCTYPE html>'`); what is stored on a source or an
entry, and shown in the desk, goes through `readable_reason` first.
"""

from __future__ import annotations

import errno
import re
import ssl
from urllib.parse import urlsplit

_URL = re.compile(r"https?://[^\s'\"):,]+(?::\d+)?[^\s'\"),]*")
_ERRNO = re.compile(r"\[Errno -?(\d+)\][^:;)\n]*")
_BYTES = re.compile(r"""starts with b(['"])(.*?)\1""", re.DOTALL)

_BY_ERRNO: dict[int, str] = {
    errno.ECONNREFUSED: "{host} refused the connection: nothing answers at that address "
    "(is the site down, or the address or port mistyped?)",
    errno.ECONNRESET: "{host} dropped the connection before answering; it may be overloaded",
    errno.ETIMEDOUT: "{host} did not answer in time",
    errno.EHOSTUNREACH: "{host} cannot be reached from this server (no route to the host)",
    errno.ENETUNREACH: "the network of {host} cannot be reached from this server",
}


def _host(text: str, url: str) -> str:
    match = _URL.search(url or text)
    host = urlsplit(match.group(0)).netloc if match else ""
    return host or "the server"


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _looks_like_html(start: str) -> bool:
    lowered = start.lstrip().lower()
    return lowered.startswith(("<!doctype html", "<html", "<head", "<body", "<!--", "<meta"))


def readable_reason(exc: BaseException, *, url: str = "") -> str:
    """One sentence for `exc`: what went wrong and, where we know it, what to do."""
    text = str(exc) or type(exc).__name__
    host = _host(text, url)
    for link in _chain(exc):
        if isinstance(link, ssl.SSLError):
            return f"the secure connection to {host} failed: its certificate is not valid"
        if isinstance(link, OSError) and link.errno in _BY_ERRNO:
            return _BY_ERRNO[link.errno].format(host=host)
    return readable_text(text, url=url)


def readable_text(text: str, *, url: str = "") -> str:
    """`readable_reason` for a message already turned into text (e.g. one stored earlier)."""
    host = _host(text, url)
    found = _ERRNO.search(text)
    if found and int(found.group(1)) in _BY_ERRNO:
        return _BY_ERRNO[int(found.group(1))].format(host=host)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return f"the host name {host} does not exist (check the address for typos)"
    start = _BYTES.search(text)
    if start:
        if _looks_like_html(start.group(2)):
            return (
                "this address gives a web page (HTML), not a feed or sitemap: enter the "
                "feed's address, or paste the homepage so the desk finds its feeds"
            )
        return "this address gives neither a feed nor a sitemap (check the address)"
    # Whatever else carries an errno: keep the words, drop the number.
    return _ERRNO.sub(lambda m: m.group(0).split("]", 1)[1].strip(), text).strip()
