"""Serve the three fictional demo outlets on loopback until interrupted."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gazette.demo.outlets import start_outlets


class Command(BaseCommand):
    help = (
        "Serve the fictional outlets Donauländer Tagblatt, The Harbour Courier and Continental "
        "Wire Review over HTTP on ports PORT, PORT+1 and PORT+2 until SIGINT or SIGTERM."
    )
    # The outlets need nothing from Gazette's database or settings.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to bind to.")
        parser.add_argument(
            "--port",
            type=int,
            default=8101,
            help="Port of the first outlet; the others take the next two (0: any free ports).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port: int = options["port"]
        stopping = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stopping.set()

        signals = (signal.SIGINT, signal.SIGTERM)
        previous = {signum: signal.signal(signum, request_stop) for signum in signals}
        try:
            try:
                servers = start_outlets(host, port)
            except OSError as error:
                raise CommandError(f"Cannot serve the outlets on {host}:{port}: {error}") from error
            try:
                for server in servers:
                    self.stdout.write(server.outlet.name)
                    self.stdout.write(f"  home: {server.base_url}/")
                    self.stdout.write(f"  feed: {server.feed_url}")
                self.stdout.write("Serving the demo outlets; press Ctrl+C to stop.")
                while not stopping.wait(0.5):
                    pass
            finally:
                for server in servers:
                    server.stop()
            self.stdout.write("Stopped the demo outlets.")
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
