"""Requests straight to the WSGI stack (the page cache in front of Django), as a server sends
them, for the tests of what the page cache answers."""

from __future__ import annotations

import io
from typing import Any

from django.core.handlers.wsgi import WSGIHandler


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()  # after the test's settings: middleware reads them once
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.calls += 1
        return self.handler(environ, start_response)


def wsgi_request(
    app: Any, path: str = "/", *, host: str = "testserver", **extra: str
) -> tuple[str, dict[str, str], bytes]:
    """GET `path` on `app` over plain HTTP (what a proxy speaks to the application server):
    the status line, the headers and the body."""
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        **extra,
    }
    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body
