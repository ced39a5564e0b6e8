"""A loopback HTTP server whose routes misbehave on purpose: broken feeds, slow and huge bodies."""

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
        super().__init__(("127.0.0.1", 0), FaultHandler)


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.delay:
            time.sleep(route.delay)
        try:
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
