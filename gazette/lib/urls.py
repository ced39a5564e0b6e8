"""URLs: normalisation for telling whether two links name the same article, and the one
validator for every URL that comes from outside (feeds, pages, sitemaps, OPML)."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.core.exceptions import ValidationError

TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid"}
)


def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMETERS
    ]
    query.sort()
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


# --- Validating URLs that come from outside ---------------------------------------------------
# Feeds, pages, sitemaps and OPML files are written by others. A URL from them is kept only if
# it is an absolute http(s) address a reader's browser can safely follow; anything else
# (javascript:, data:, vbscript:, relative paths without a base, credentials, control
# characters, absurd lengths) is dropped at the boundary, before it reaches a model.

MAX_URL_LENGTH = 2000
WEB_SCHEMES = frozenset({"http", "https"})
# C0 controls, DEL and C1 controls: never part of a URL a page may link to. Browsers strip
# some of them silently ("java\tscript:"), which is how filters are slipped past.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HOST = re.compile(r"^(?:[\w-]+\.)*[\w-]+\.?$")  # labels of letters (any script), digits, -, _


class UnsafeURL(ValueError):
    """The value is not an absolute http(s) URL Gazette accepts; `str()` says why."""


def web_url(value: object, *, base: str = "") -> str:
    """`value` as an absolute http(s) URL, resolved against `base` (the document it came from),
    or raise UnsafeURL with the reason.

    Accepted: http and https only, a host name or IP literal, no user name or password, no
    control characters or backslashes, at most MAX_URL_LENGTH characters. Spaces inside are
    percent-encoded; surrounding whitespace is dropped. A relative or protocol-relative link
    needs an http(s) `base`.
    """
    if not isinstance(value, str):
        raise UnsafeURL("not a string")
    text = value.strip(" \t\n\r\f")
    if not text:
        raise UnsafeURL("empty")
    if len(text) > MAX_URL_LENGTH:
        raise UnsafeURL(f"longer than {MAX_URL_LENGTH:,} characters")
    if _CONTROL.search(text):
        raise UnsafeURL("contains control characters")
    if "\\" in text:
        raise UnsafeURL("contains a backslash")
    text = text.replace(" ", "%20")
    try:
        scheme = urlsplit(text).scheme.lower()
        if not scheme:
            if not base:
                raise UnsafeURL("relative, with no page to resolve it against")
            text = urljoin(web_url(base), text)
        elif scheme not in WEB_SCHEMES:
            raise UnsafeURL(f"the scheme {scheme!r} is not http or https")
        _check_parts(urlsplit(text))
    except UnsafeURL:
        raise
    except ValueError as exc:  # urllib's own refusals: "Invalid IPv6 URL", bad ports
        raise UnsafeURL(str(exc)) from None
    if len(text) > MAX_URL_LENGTH:
        raise UnsafeURL(f"longer than {MAX_URL_LENGTH:,} characters once resolved")
    return text


def _check_parts(parts: SplitResult) -> None:
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise UnsafeURL(f"the scheme {parts.scheme!r} is not http or https")
    if not parts.netloc:
        raise UnsafeURL("no host")
    if "@" in parts.netloc:
        raise UnsafeURL("carries a user name or password")
    parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    host = parts.hostname or ""
    if parts.netloc.startswith("["):
        ipaddress.IPv6Address(host.split("%", 1)[0])  # ValueError if it is not one
    elif not _HOST.match(host):
        raise UnsafeURL(f"bad host name {host[:80]!r}")


def clean_web_url(value: object, *, base: str = "") -> str:
    """`web_url(value, base=base)`, or "" when the value is not acceptable."""
    try:
        return web_url(value, base=base)
    except UnsafeURL:
        return ""


def validate_web_url(value: str) -> None:
    """Model and form validator: `value` must be an acceptable absolute http(s) URL as is."""
    try:
        cleaned = web_url(value)
    except UnsafeURL as exc:
        raise ValidationError(f"Not an acceptable web address: {exc}.", code="unsafe_url") from None
    if cleaned != value:
        raise ValidationError(
            "Not an acceptable web address: surrounding spaces or unencoded spaces.",
            code="unsafe_url",
        )
