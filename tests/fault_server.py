"""A loopback HTTP server whose routes misbehave on purpose: broken feeds, slow, drip-fed and
huge bodies."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    chunks: int = 1  # body sent in this many pieces, without Content-Length when > 1
    # Seconds between single bytes: the body is sent a byte at a time (with its
    # Content-Length), each read arriving well within any read timeout. With `drip_headers`
    # the status line and headers trickle the same way.
    drip: float = 0.0
    drip_headers: bool = False


def drip_route(seconds: float, *, every: float = 0.25, headers: bool = False) -> Route:
    """A page that takes `seconds` to arrive, a byte every `every` seconds."""
    body = b"<html><body>" + b"x" * max(int(seconds / every) - 26, 1) + b"</body></html>"
    return Route(
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8"},
        drip=every,
        drip_headers=headers,
    )


class LoopbackServer(ThreadingHTTPServer):
    """A test server on a free loopback port; `serving()` runs it in a thread."""

    daemon_threads = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class FaultServer(LoopbackServer):
    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.hits: list[str] = []
        # (path, "start" or "end", time.monotonic()) for every request: when it arrived, and
        # when its answer was written out (or the client went away).
        self.events: list[tuple[str, str, float]] = []
        super().__init__(("127.0.0.1", 0), FaultHandler)

    def times(self, path: str, what: str = "start") -> list[float]:
        return [when for hit, kind, when in self.events if hit == path and kind == what]


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        self.server.events.append((self.path, "start", time.monotonic()))
        try:
            self._answer()
        finally:
            self.server.events.append((self.path, "end", time.monotonic()))

    def _drip(self, data: bytes, every: float) -> None:
        for index in range(len(data)):
            self.wfile.write(data[index : index + 1])
            time.sleep(every)

    def _answer(self) -> None:
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.delay:
            time.sleep(route.delay)
        try:
            if route.drip:
                head = [f"HTTP/1.1 {route.status} Dripping", f"Content-Length: {len(route.body)}"]
                head += [f"{name}: {value}" for name, value in route.headers.items()]
                head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
                if route.drip_headers:
                    self._drip(head_bytes, route.drip)
                else:
                    self.wfile.write(head_bytes)
                self._drip(route.body, route.drip)
                self.close_connection = True
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.chunks > 1:
                self.send_header("Connection", "close")
                self.end_headers()
                size = max(len(route.body) // route.chunks, 1)
                for start in range(0, len(route.body), size):
                    self.wfile.write(route.body[start : start + size])
            else:
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should with an oversize body


Server = TypeVar("Server", bound=LoopbackServer)


@contextmanager
def serving(server: Server) -> Iterator[Server]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def fault_server(routes: dict[str, Route]) -> AbstractContextManager[FaultServer]:
    return serving(FaultServer(routes))
