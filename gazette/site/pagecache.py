"""A small in-process cache of public pages in front of Django, at the WSGI level.

A hit is answered without entering Django: no middleware, no URL resolving, no query, so a
cached page costs about what a static file costs. Only responses Django marked
`Cache-Control: public` without cookies are kept. An entry is dropped when the change stamp
(touched by every write to what pages show, see `site.signals`) moves, and in any case after
PAGE_CACHE_SECONDS, which also bounds how late an embargoed story appears in lists.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from gazette.lib.stamp import stamp_read

StartResponse = Callable[..., Any]
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
        key = "|".join(
            (
                environ.get("wsgi.url_scheme", "http"),
                environ.get("HTTP_HOST", ""),
                environ.get("PATH_INFO", ""),
                environ.get("QUERY_STRING", ""),
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
            or "cookie" in lowered.get("vary", "").lower()
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


def _keep_on_304(header: tuple[str, str]) -> bool:
    return header[0].lower() in ("etag", "last-modified", "cache-control", "vary", "date")
