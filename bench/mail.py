"""Mail benchmark: one digest to 10,000 subscribers into a local SMTP sink, the sending worker
killed with SIGKILL at 30%, 60% and 90% and started again at once.

Each reader's copy is real: the stories of their sections made public since their last
digest (half had yesterday's), with images, in English or German: 12 kinds of copy, each
rendered once.

It prints messages per second from the enqueueing of the digest to the last message, the
sending workers' peak memory, and what the sink received: duplicates (addresses that got more
than one copy) and misses (subscribers who got none). Beside it, the baseline measured in the
same run: the same message sent 10,000 times over one smtplib connection to the same sink,
with no database and no bookkeeping, which is the speed of the SMTP path itself.

Goals (issue 17): 0 duplicates and 0 misses, under 60 s.

Usage: python bench/mail.py [--subscribers 10000] [--kills 0.3,0.6,0.9]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402

TIME_LIMIT = 600.0

SEED = """
import django, sys
from datetime import timedelta
django.setup()
from django.utils import timezone
from gazette.states import DeliveryState, DigestState, SubscriberState
from gazette.subscriptions.mail import copy_items, render_copy
from gazette.subscriptions.models import Delivery, Digest, Subscriber
count = int(sys.argv[1])
now = timezone.now()
# The edition's entries as the desk composes them (no articles: the pipeline would start
# working on them): yesterday's edition went to half the readers; six stories came before it
# (within today's window), twelve since: those readers get the twelve, first copies all
# eighteen (in their sections), each story with its image.
sections = ("Economy", "Harbour", "Sport")
def item(n, made_public):
    return {
        "id": n, "title": f"Story {n} of the day", "standfirst": "A paragraph of the teaser. " * 8,
        "source": "The Harbour Courier", "others": ["Wire Review"] if n % 4 == 0 else [],
        "section": sections[n % 3].lower(), "section_name": sections[n % 3],
        "original_language": "", "original": None,
        "url": f"https://news.example.org/2026/12/05/story-{n}/",
        "image": {"src": f"https://news.example.org/media/i/{n}-640.jpg", "width": 560,
                  "height": 315, "alt": f"Picture {n}"},
        "at": made_public.isoformat(), "views": n,
    }
items = [item(n, now - timedelta(hours=23)) for n in range(6)]
items += [item(n, now - timedelta(hours=1)) for n in range(6, 18)]
items.sort(key=lambda i: (i["section_name"], -i["views"]))
yesterday = Digest.objects.create(subject="Yesterday", body_text="", body_html="",
    state=DigestState.SENT, created_at=now - timedelta(hours=22))
choices = ([], ["harbour"], ["economy", "sport"])
Subscriber.objects.bulk_create(
    (Subscriber(email=f"reader{n}@example.org", state=SubscriberState.CONFIRMED,
                sections=choices[n % 3], language="de" if n % 4 == 0 else "en")
     for n in range(count)), batch_size=2000)
Delivery.objects.bulk_create(
    (Delivery(digest=yesterday, subscriber_id=pk, state=DeliveryState.SENT)
     for pk in Subscriber.objects.order_by("pk").values_list("pk", flat=True)[: count // 2]),
    batch_size=2000)
digest = Digest(subject="", items=items, created_at=now)
from gazette.subscriptions.mail import edition_title
digest.subject = edition_title(digest.frequency, now)
digest.body_text, digest.body_html = render_copy(
    digest, copy_items(digest, sections=(), since=None), language="en", token="")[1:]
digest.save()
from gazette.newsroom.newsletter import send_digest
send_digest.enqueue(digest.pk)
print(digest.pk)
"""

STATE = """
import django, sys
django.setup()
from gazette.subscriptions.models import Digest
print(Digest.objects.get(pk=int(sys.argv[1])).state)
"""


class Sink:
    """Counts messages by recipient; parses only the `To:` header."""

    def __init__(self) -> None:
        self.copies: Counter[str] = Counter()
        self.total = 0
        self.first: float | None = None
        self.last = 0.0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        now = time.monotonic()
        with self.lock:
            for address in envelope.rcpt_tos:
                self.copies[address] += 1
            self.total += 1
            self.first = self.first or now
            self.last = now
        return "250 OK"

    def reset(self) -> None:
        with self.lock:
            self.copies.clear()
            self.total, self.first, self.last = 0, None, 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def peak_kib(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def start(command: list[str], env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def alive(process: subprocess.Popen[bytes], workdir: Path) -> None:
    if process.poll() is not None:
        raise SystemExit(
            f"a process exited with code {process.returncode}: see {workdir}/processes.log"
        )


def baseline(port: int, count: int) -> float:
    """Messages per second of a bare smtplib loop over one connection."""
    body = ("Story of the day\r\n" * 60).encode()
    started = time.monotonic()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for n in range(count):
            message = (
                f"From: news@localhost\r\nTo: base{n}@example.org\r\n"
                f"Subject: The news of the day\r\n\r\n"
            ).encode() + body
            client.sendmail("news@localhost", [f"base{n}@example.org"], message)
    return count / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--kills", default="0.3,0.6,0.9")
    args = parser.parse_args()
    shares = [float(share) for share in args.kills.split(",") if share]
    total = args.subscribers

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    workdir = Path(tempfile.mkdtemp(prefix="gazette-bench-mail-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gazette.settings",
        "DATA_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'mail.sqlite3'}",
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "ERROR",
        "TASK_HEARTBEAT_SECONDS": "1",
        "TASK_LEASE_SECONDS": "3",
        "REAP_AFTER_SECONDS": "10",
        "SCHEDULER_INTERVAL": "1",
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
        "PYTHONUNBUFFERED": "1",
        "NEWSLETTER_LANGUAGES": "en,de",
        "SITE_URL": "https://news.example.org",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    log = (workdir / "processes.log").open("wb")
    print(f"bench-mail: {total} subscribers, SIGKILL at {args.kills}; logs in {workdir}")
    subprocess.run([*manage, "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)

    print("baseline: smtplib over one connection …", flush=True)
    base_rate = baseline(port, total)
    sink.reset()

    worker_cmd = [*manage, "run_worker", "--no-reload", "--no-startup-delay", "--interval",
                  "0.1", "--verbosity", "0"]  # fmt: skip
    scheduler = start([*manage, "run_scheduler", "--interval", "1"], env, log)
    started = time.monotonic()
    seeded = subprocess.run(
        [sys.executable, "-c", SEED, str(total)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    digest_id = seeded.stdout.strip().splitlines()[-1]
    worker = start([*worker_cmd, "--worker-id", "mail-0"], env, log)
    peak = 0
    kills = 0
    state = ""
    try:
        for share in shares:
            while sink.total < share * total and time.monotonic() - started < TIME_LIMIT:
                alive(worker, workdir)
                peak = max(peak, peak_kib(worker.pid))
                time.sleep(0.005)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            kills += 1
            print(f"\rSIGKILL {kills}/{len(shares)} at {sink.total}/{total} received", flush=True)
            worker = start([*worker_cmd, "--worker-id", f"mail-{kills}"], env, log)
        while time.monotonic() - started < TIME_LIMIT:
            alive(worker, workdir)
            alive(scheduler, workdir)
            peak = max(peak, peak_kib(worker.pid))
            state = subprocess.run(
                [sys.executable, "-c", STATE, digest_id],
                cwd=ROOT, env=env, capture_output=True, text=True,
            ).stdout.strip()  # fmt: skip
            print(f"\rreceived {sink.total}/{total}, digest {state}   ", end="", flush=True)
            if state == "sent":
                break
            time.sleep(1)
        print()
    finally:
        for process in (worker, scheduler):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        controller.stop()

    elapsed = sink.last - started if sink.total else float("nan")
    duplicates = sum(1 for n in sink.copies.values() if n > 1)
    misses = total - len(sink.copies)
    rate = total / elapsed if sink.total else 0.0
    print(
        f"gazette (run_worker, {kills} SIGKILLs): {rate:.0f} messages/s, last message after "
        f"{elapsed:.1f} s, peak worker memory {peak / 1024:.0f} MiB, "
        f"duplicates {duplicates}, misses {misses}, digest {state or 'unknown'}"
    )
    print(f"baseline (bare smtplib loop, no database): {base_rate:.0f} messages/s")
    print(f"ratio gazette/baseline: {rate / base_rate:.2f}")
    goal = duplicates == 0 and misses == 0 and elapsed < 60
    print(f"goal (0 duplicates, 0 misses, under 60 s): {'met' if goal else 'NOT met'}")


if __name__ == "__main__":
    main()
