"""Poll due sources and retry failed entries, forever or once."""

from __future__ import annotations

import os
import signal
import socket
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gazette.newsroom.management.commands.run_worker import Heartbeat
from gazette.newsroom.scheduler import scheduler_tick


class Command(BaseCommand):
    help = (
        "Claim due sources and failed entries and enqueue their tasks, and queue again what "
        "dead workers left behind (safe to run twice)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=settings.SCHEDULER_INTERVAL,
            help="Seconds between ticks (default: SCHEDULER_INTERVAL, %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            self.running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"scheduler: ticking every {options['interval']:g}s (Ctrl-C stops)")
        # The desk's status page and /readyz read this beat ("scheduler-" rows).
        heartbeat = Heartbeat(f"scheduler-{socket.gethostname()}-{os.getpid()}"[:64], 0)
        while self.running:
            close_old_connections()
            report = scheduler_tick()
            heartbeat.beat()
            if report.published:
                self.stdout.write(f"scheduler: published {len(report.published)} article(s)")
            if report.sources or report.retries:
                self.stdout.write(
                    f"scheduler: enqueued {report.sources} poll(s), {report.retries} retry(ies)"
                )
            if report.reaped:
                r = report.reaped
                self.stdout.write(
                    f"scheduler: queued again what dead workers left: {r.tasks} task(s), "
                    f"{r.entries} entr(ies), {r.translations} translation(s), "
                    f"{r.discoveries} discover(ies), {r.digests} newsletter edition(s)"
                )
            if options["once"]:
                break
            deadline = time.monotonic() + options["interval"]
            while self.running and time.monotonic() < deadline:
                time.sleep(0.2)
        self.stdout.write("scheduler: stopped")
