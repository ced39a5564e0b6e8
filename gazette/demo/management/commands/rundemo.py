"""Start the whole demo under one supervisor: outlets, web server, worker, scheduler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from gazette.articles.models import Article
from gazette.demo.outlets import OUTLETS
from gazette.demo.services import (
    demo_admin_ensure,
    demo_admin_password,
    demo_sources_register,
    demo_translations_load,
)
from gazette.states import ArticleState

# The desk's role groups (created by the desk's migration; named here, as the demo sits
# below the desk and may not import it).
DEMO_ROLES = ("editor", "translator", "moderator", "administrator")


def demo_role_logins() -> list[tuple[str, str]]:
    """One staff login per role, in its group (the administrator is a superuser too)."""
    logins = []
    for role in DEMO_ROLES:
        user, _created = get_user_model().objects.get_or_create(
            username=role, defaults={"email": f"{role}@example.org"}
        )
        password = f"{demo_admin_password()}-{role}"
        user.set_password(password)
        user.is_staff = user.is_active = True
        user.is_superuser = role == "administrator"
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        logins.append((role, password))
    return logins


class Command(BaseCommand):
    help = "Run the demo: fictional outlets, web server, task worker and scheduler together."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000, help="Web server port.")
        parser.add_argument("--outlet-port", type=int, default=8101, help="First outlet port.")
        parser.add_argument(
            "--exit-when-ingested",
            action="store_true",
            help="Stop everything once the outlets are ingested (for scripted checks).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port, outlet_port = options["host"], options["port"], options["outlet_port"]
        username, password = demo_admin_ensure()
        logins = demo_role_logins()
        base_urls = [f"http://{host}:{outlet_port + i}" for i in range(len(OUTLETS))]
        demo_sources_register(base_urls=base_urls)
        segments = demo_translations_load()
        self.stdout.write(
            f"translation memory: {segments} sentences of the German outlet, as our editors "
            "translated them (no translation engine is needed for the demo)"
        )
        # The outlets are ours, on loopback: allow them, and pace requests only lightly.
        env = {
            **os.environ,
            "FETCH_ALLOW_PRIVATE": "true",
            "FETCH_HOST_DELAY": os.environ.get("FETCH_HOST_DELAY", "0.1"),
            "PYTHONUNBUFFERED": "1",
            # Canonical links, feeds and share links name the address the demo serves.
            "SITE_URL": os.environ.get("SITE_URL", f"http://{host}:{port}"),
        }
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        commands = {
            "outlets": [*manage, "serve_outlets", "--host", host, "--port", str(outlet_port)],
            "web": [
                sys.executable, "-m", "granian", "--interface", "wsgi", "--host", host,
                "--port", str(port), "--workers", "2", "--blocking-threads", "1",
                "gazette.wsgi:application",
            ],
            # Verbosity 0: no line per task; failures are recorded on each item, in the admin.
            "worker": [*manage, "run_worker", "--no-reload", "--interval", "0.5",
                       "--verbosity", "0"],
            "scheduler": [*manage, "run_scheduler", "--interval", "2"],
        }  # fmt: skip
        if settings.TASKS_BACKEND != "database":
            raise CommandError("the demo runs the database task backend: unset TASKS_BACKEND")
        processes: dict[str, subprocess.Popen[bytes]] = {}
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            for name, command in commands.items():
                processes[name] = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)
            url = f"http://{host}:{port}/"
            self._wait_for(url, processes, lambda: stopping)
            self.stdout.write(
                self.style.SUCCESS(
                    f"\nGazette is running at {url}\n"
                    f"Admin: {url}admin/  login: {username} / {password}\n"
                    "Desk logins, one per role:\n"
                    + "".join(f"{role} / {secret}\n" for role, secret in logins)
                    + f"Outlets: {', '.join(base_urls)}\nPress Ctrl-C to stop everything.\n"
                )
            )
            self._watch(processes, lambda: stopping, options["exit_when_ingested"])
        finally:
            self._stop_all(processes)

    def _wait_for(
        self, url: str, processes: dict[str, subprocess.Popen[bytes]], stopping: Any
    ) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not stopping():
            self._check_alive(processes)
            try:
                with urllib.request.urlopen(url + "healthz", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.3)
        if not stopping():
            raise CommandError(f"the web server did not answer at {url} within 60 s")

    def _watch(
        self, processes: dict[str, subprocess.Popen[bytes]], stopping: Any, exit_when_done: bool
    ) -> None:
        expected = sum(len(outlet.articles) for outlet in OUTLETS)
        last: dict[str, int] = {}
        changed = time.monotonic()
        while not stopping():
            self._check_alive(processes)
            counts = dict(Article.objects.values_list("state").annotate(n=Count("pk")).order_by())
            ingested = sum(counts.values())
            waiting = counts.get(ArticleState.AWAITING_TRANSLATION, 0)
            if counts != last:
                last, changed = counts, time.monotonic()
                self.stdout.write(
                    f"ingested {ingested}/{expected}: "
                    f"{counts.get(ArticleState.PUBLISHED, 0)} published, "
                    f"{waiting} awaiting translation, "
                    f"{counts.get(ArticleState.DUPLICATE, 0)} duplicates of wire copies"
                )
            # Done when every story is in and translated; a story whose translation cannot be
            # made (its sentences not in the memory, no engine) waits, and the wait ends.
            settled = not waiting or time.monotonic() - changed > 30
            if exit_when_done and ingested >= expected and settled:
                return
            time.sleep(1)

    def _check_alive(self, processes: dict[str, subprocess.Popen[bytes]]) -> None:
        for name, process in processes.items():
            if process.poll() is not None:
                raise CommandError(
                    f"the {name} process exited with code {process.returncode}; "
                    "see its output above, fix it and run make demo again"
                )

    def _stop_all(self, processes: dict[str, subprocess.Popen[bytes]]) -> None:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in processes.items():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name} did not stop in 10 s; killing it")
                process.kill()
        self.stdout.write("demo stopped")
