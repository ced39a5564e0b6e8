"""A small in-process cache of public pages in front of Django, at the WSGI level.

A hit is answered without entering Django: no middleware, no URL resolving, no query, so a
cached page costs about what a static file costs. Only responses Django marked
`Cache-Control: public` without cookies are kept. An entry is dropped when the change stamp
(touched by every write to what pages show, see `site.signals`) moves, and in any case after
PAGE_CACHE_SECONDS, which also bounds how late an embargoed story appears in lists.

A hit skips Django's SecurityMiddleware and host validation, so the cache asks their questions
itself, the way Django answers them: the key holds the scheme as the proxy settings define it
(SECURE_PROXY_SSL_HEADER) and the host as `request.get_host()` reads it, so a page cached over
HTTPS (with its HSTS header and https links) is never replayed over plain HTTP; and a request
Django would redirect to HTTPS (SECURE_SSL_REDIRECT) or refuse for its Host (ALLOWED_HOSTS) is
always passed to Django, never answered from the cache.

Compressed pages (GZipMiddleware) vary on `Accept-Encoding`, and so does the key: it holds
whether the request accepts gzip, decided as GZipMiddleware decides it, so a gzip body is
only replayed to a client that asked for one. A response that varies on any other header
(`Cookie`, `Accept-Language` …) is not kept, since the key could not tell its variants apart.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.http.request import split_domain_port, validate_host

from gazette.lib.stamp import stamp_read

StartResponse = Callable[..., Any]
# What GZipMiddleware reads to decide whether to compress (django.utils.text's own pattern).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The request headers a kept response may vary on: those the key holds.
KEYED_HEADERS = frozenset({"accept-encoding"})
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class CachedPage:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    stamp: int
    expires: float


class PageCache:
    def __init__(self, app: WSGIApp, *, seconds: int, max_entries: int = 2000) -> None:
        self.app = app
        self.seconds = seconds
        self.max_entries = max_entries
        self.pages: OrderedDict[str, CachedPage] = OrderedDict()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if self.seconds <= 0 or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        if "HTTP_AUTHORIZATION" in environ or "sessionid=" in environ.get("HTTP_COOKIE", ""):
            return self.app(environ, start_response)  # a signed-in editor sees fresh pages
        rules = security_settings()
        scheme = request_scheme(environ, rules)
        if scheme != "https" and rules.ssl_redirect:
            return self.app(environ, start_response)  # Django redirects it to HTTPS
        host = allowed_host(environ, scheme, rules)
        if host is None:
            return self.app(environ, start_response)  # Django refuses it (400)
        encoding = "gzip" if ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", "")) else ""
        key = "|".join(
            (
                scheme,
                host,
                environ.get("PATH_INFO", ""),
                environ.get("QUERY_STRING", ""),
                encoding,
            )
        )
        page = self.pages.get(key)
        if page is not None and page.expires > time.monotonic() and page.stamp == stamp_read():
            if environ.get("HTTP_IF_NONE_MATCH") == page.etag:
                start_response("304 Not Modified", [h for h in page.headers if _keep_on_304(h)])
                return [b""]
            start_response(page.status, page.headers)
            return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [page.body]
        return self._fill(key, environ, start_response)

    def _fill(
        self, key: str, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        stamp = stamp_read()
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return (
                start_response(status, headers, exc_info)
                if exc_info
                else start_response(status, headers)
            )

        result = self.app(environ, capture)
        if environ["REQUEST_METHOD"] != "GET" or not captured.get("status", "").startswith("200"):
            return result
        headers: list[tuple[str, str]] = captured["headers"]
        lowered = {name.lower(): value for name, value in headers}
        if (
            "public" not in lowered.get("cache-control", "")
            or "set-cookie" in lowered
            or "etag" not in lowered
            or not varies_only_on_keyed_headers(lowered.get("vary", ""))
        ):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        self.pages[key] = CachedPage(
            status=captured["status"],
            headers=headers,
            body=body,
            etag=lowered["etag"],
            stamp=stamp,
            expires=time.monotonic() + self.seconds,
        )
        self.pages.move_to_end(key)
        while len(self.pages) > self.max_entries:
            self.pages.popitem(last=False)
        return [body]


@dataclass(frozen=True)
class SecuritySettings:
    """What Django's security middleware and host validation read from settings, read once:
    a hit costs a few attribute lookups, not a walk through the settings object. Read again
    whenever a setting changes (tests; `setting_changed`)."""

    proxy_ssl_header: tuple[str, str] | None
    ssl_redirect: bool
    forwarded_host: bool
    forwarded_port: bool
    allowed_hosts: tuple[str, ...]

    @classmethod
    def read(cls) -> SecuritySettings:
        allowed = list(settings.ALLOWED_HOSTS)
        if settings.DEBUG and not allowed:  # as request.get_host() does
            allowed = [".localhost", "127.0.0.1", "[::1]"]
        return cls(
            proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
            ssl_redirect=settings.SECURE_SSL_REDIRECT,
            forwarded_host=settings.USE_X_FORWARDED_HOST,
            forwarded_port=settings.USE_X_FORWARDED_PORT,
            allowed_hosts=tuple(allowed),
        )


_security: list[SecuritySettings] = []  # the one current reading, made on first use


def security_settings() -> SecuritySettings:
    if not _security:
        _security.append(SecuritySettings.read())
    return _security[0]


def _settings_changed(**kwargs: Any) -> None:
    _security.clear()
    _host_allowed.cache_clear()


setting_changed.connect(_settings_changed)


def request_scheme(environ: dict[str, Any], rules: SecuritySettings) -> str:
    """The scheme as Django's `request.scheme` gives it: the proxy's header, when the
    settings name one and the request carries it, else the server's."""
    if rules.proxy_ssl_header:
        header, secure_value = rules.proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return str(environ.get("wsgi.url_scheme", "http"))


def allowed_host(environ: dict[str, Any], scheme: str, rules: SecuritySettings) -> str | None:
    """The host as Django's `request.get_host()` reads it (X-Forwarded-Host when
    USE_X_FORWARDED_HOST), or None when Django would refuse it (not in ALLOWED_HOSTS)."""
    if rules.forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        host = str(environ["HTTP_X_FORWARDED_HOST"])
    elif "HTTP_HOST" in environ:
        host = str(environ["HTTP_HOST"])
    else:  # PEP 3333's reconstruction, as Django does it
        host = str(environ.get("SERVER_NAME", ""))
        port = str(
            environ["HTTP_X_FORWARDED_PORT"]
            if rules.forwarded_port and "HTTP_X_FORWARDED_PORT" in environ
            else environ.get("SERVER_PORT", "")
        )
        if port != ("443" if scheme == "https" else "80"):
            host = f"{host}:{port}"
    return host if _host_allowed(host, rules.allowed_hosts) else None


@lru_cache(maxsize=512)
def _host_allowed(host: str, allowed_hosts: tuple[str, ...]) -> bool:
    """Django's own check (`split_domain_port`, `validate_host`), remembered per host."""
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed_hosts)


def varies_only_on_keyed_headers(vary: str) -> bool:
    """True when every header the response varies on is one the cache key holds."""
    names = {name.strip().lower() for name in vary.split(",") if name.strip()}
    return names <= KEYED_HEADERS


def _keep_on_304(header: tuple[str, str]) -> bool:
    return header[0].lower() in ("etag", "last-modified", "cache-control", "vary", "date")
