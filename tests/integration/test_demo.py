"""`make demo`'s supervisor: starts outlets, web, worker and scheduler, ingests, stops them all."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request

import pytest

from gazette.demo.outlets import OUTLETS
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres")
    or os.environ.get("TASKS_BACKEND") == "rq",
    reason="the demo runs on SQLite; this test runs once, in the SQLite run",
)


def free_port_run(length: int) -> int:
    """A first port of `length` consecutive free loopback ports."""
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            start = probe.getsockname()[1]
        if start + length >= 65535:
            continue
        sockets = []
        try:
            for port in range(start, start + length):
                sock = socket.socket()
                sock.bind(("127.0.0.1", port))
                sockets.append(sock)
            return start
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no run of free ports found")


def test_it_runs_the_whole_demo_and_stops_everything(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DEBUG": "false",
        "HTTPS": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run([*manage, *step], env=env, cwd=ROOT, check=True, capture_output=True)
    first = free_port_run(4)
    web_port, outlet_port = first, first + 1

    result = subprocess.run(
        [*manage, "rundemo", "--port", str(web_port), "--outlet-port", str(outlet_port),
         "--exit-when-ingested"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=180,
    )  # fmt: skip

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"Gazette is running at http://127.0.0.1:{web_port}/" in output
    assert "login: admin / gazette-demo" in output
    for role in ("editor", "translator", "moderator", "administrator"):
        assert f"\n{role} / gazette-demo-{role}\n" in output, f"one line with the {role}'s login"
    total = sum(len(outlet.articles) for outlet in OUTLETS)
    copies = len({a.wire_id for outlet in OUTLETS for a in outlet.articles if a.wire_id})
    # The German stories too: translated from the editors' memory the demo loads.
    assert "translation memory: " in output
    assert (
        f"ingested {total}/{total}: {total - copies} published, "
        f"0 awaiting translation, {copies} duplicates of wire copies"
    ) in output
    assert "demo stopped" in output
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{web_port}/healthz", timeout=2)
