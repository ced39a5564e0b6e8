"""Screenshots of the desk's start page and status page at 1280 px and 375 px.

Runs the demo (`manage.py rundemo`: outlets, web server, worker, scheduler) on a scratch
database, waits until the outlets are ingested, signs in as the demo's editor in Debian's
Chromium and saves docs/screenshots/desk-{start,status}-{1280,375}.png. With `--url`, uses a
server that is already running instead (give `--username` and `--password`).

    .venv/bin/python scripts/desk_screenshots.py [--out docs/screenshots] [--url URL]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PAGES = {"start": "/admin/", "status": "/admin/status/"}
WIDTHS = (1280, 375)


def free_ports(length: int) -> int:
    """The first of `length` consecutive free loopback ports (web server, then the outlets)."""
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            start = int(probe.getsockname()[1])
        sockets = []
        try:
            for port in range(start, start + length):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return start
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise SystemExit("no run of free ports found")


def start_demo(scratch: Path) -> tuple[subprocess.Popen[str], str, str, str]:
    """The demo on a scratch database; returns (process, url, editor, password)."""
    env = {
        **os.environ,
        "DEMO": "true",
        "DEBUG": "false",
        "HTTPS": "false",
        "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}",
        "STATIC_ROOT": str(scratch / "static"),
        "DATA_DIR": str(scratch / "data"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        print("demo:", " ".join(step), flush=True)
        done = subprocess.run([*manage, *step], env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{' '.join(step)} failed:\n{done.stdout}{done.stderr}")
    web = free_ports(4)  # the web server, then one port per demo outlet
    outlets = web + 1
    process = subprocess.Popen(
        [*manage, "rundemo", "--port", str(web), "--outlet-port", str(outlets)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    password = ""
    deadline = time.monotonic() + 240
    assert process.stdout is not None
    settled_at = 0.0
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                raise SystemExit(f"the demo stopped (exit code {process.returncode})")
            continue
        print("demo:", line.rstrip(), flush=True)
        if match := re.match(r"^editor / (\S+)$", line.strip()):
            password = match.group(1)
        counted = re.search(r"ingested (\d+)/(\d+)", line)
        if counted and counted.group(1) == counted.group(2):
            settled_at = time.monotonic()
        if settled_at and password:
            break
    if not password:
        raise SystemExit("the demo printed no editor login in 4 minutes")
    # Keep showing what the demo prints (errors included), so a full pipe never stalls it.
    threading.Thread(
        target=lambda: [print("demo:", line.rstrip(), flush=True) for line in process.stdout or ()],
        daemon=True,
    ).start()
    return process, f"http://127.0.0.1:{web}", "editor", password


def shoot(url: str, username: str, password: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, device_scale_factor=1
            )
            page = context.new_page()
            page.goto(f"{url}/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("input[type=submit]")
            page.wait_for_url(re.compile(r".*/admin/$"))
            for name, path in PAGES.items():
                response = page.goto(f"{url}{path}")
                if response is None or response.status >= 400:
                    status = response.status if response else "no answer"
                    raise SystemExit(f"{path} answered {status}: see the demo's output above")
                page.wait_for_load_state("networkidle")
                target = out / f"desk-{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                note = f" (wider than the screen by {overflow} px!)" if overflow > 0 else ""
                print(f"saved {target}{note}", flush=True)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def report_crashed_tasks(database: Path) -> None:
    """Say which tasks crashed in the demo (the status page counts them): a screenshot of a
    healthy desk needs none."""
    import sqlite3

    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT task_path, exception_class_path, COUNT(*) "
            "FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED' GROUP BY 1, 2"
        ).fetchall()
    for task, exception, count in rows:
        print(f"warning: {count} × {task} crashed with {exception}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--url", help="A running server (default: start the demo).")
    parser.add_argument("--username", default="editor")
    parser.add_argument("--password", default="")
    args = parser.parse_args()
    if args.url:
        shoot(args.url.rstrip("/"), args.username, args.password, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="desk-shots-") as scratch:
        process, url, username, password = start_demo(Path(scratch))
        try:
            time.sleep(3)  # a scheduler tick and a worker beat after the last article
            shoot(url, username, password, args.out)
            report_crashed_tasks(Path(scratch) / "demo.sqlite3")
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
