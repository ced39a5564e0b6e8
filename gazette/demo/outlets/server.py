"""Serve an outlet over HTTP on loopback from a background thread (standard library only)."""

from __future__ import annotations

import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from .catalogue import OUTLETS
from .model import Outlet
from .site import OutletSite

VALID_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class _OutletHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: OutletSite) -> None:
        self.site = site
        super().__init__(address, _OutletRequestHandler)

    def bound_base_url(self) -> str:
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _OutletRequestHandler(BaseHTTPRequestHandler):
    server: _OutletHTTPServer
    server_version = "OutletDemo/1.0"

    def do_GET(self) -> None:
        self._answer(include_body=True)

    def do_HEAD(self) -> None:
        self._answer(include_body=False)

    def do_POST(self) -> None:
        body = b"Method Not Allowed\n"
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _base_url(self) -> str:
        # Links must carry the port the client actually reached, which differs between runs.
        host = self.headers.get("Host", "")
        if VALID_HOST.fullmatch(host):
            return f"http://{host}"
        return self.server.bound_base_url()

    def _answer(self, *, include_body: bool) -> None:
        request_headers = {name.lower(): value for name, value in self.headers.items()}
        response = self.server.site.respond(self.path, request_headers, self._base_url())
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if include_body and response.status != 304:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("GAZETTE_OUTLET_LOG") == "1":
            super().log_message(format, *args)


class OutletServer:
    """Serves one outlet over HTTP on a loopback port in a background thread."""

    def __init__(self, outlet: Outlet, host: str = "127.0.0.1", port: int = 0) -> None:
        self.outlet = outlet
        self.host = host
        self.port = port
        self._httpd: _OutletHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is not None:
            return self._httpd.bound_base_url()
        if self.port == 0:
            raise RuntimeError("The port is chosen when the server starts; call start() first.")
        return f"http://{self.host}:{self.port}"

    @property
    def feed_url(self) -> str:
        return self.base_url + self.outlet.feed_path

    @property
    def sitemap_url(self) -> str:
        return self.base_url + self.outlet.sitemap_path

    def start(self) -> OutletServer:
        if self._httpd is not None:
            return self
        self._httpd = _OutletHTTPServer((self.host, self.port), OutletSite(self.outlet))
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.2},
            name=f"outlet-{self.outlet.slug}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> OutletServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_outlets(host: str = "127.0.0.1", base_port: int = 0) -> list[OutletServer]:
    """Start all three; with base_port=0 each gets a free port, else base_port, +1, +2."""
    servers: list[OutletServer] = []
    try:
        for offset, outlet in enumerate(OUTLETS):
            port = base_port + offset if base_port else 0
            servers.append(OutletServer(outlet, host, port).start())
    except BaseException:
        for server in servers:
            server.stop()
        raise
    return servers
