"""The demo app, and with it its management commands, is installed only when DEMO=true."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def manage_help(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "help", command],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_suite_runs_manage_py_with_the_demo():
    for command in ("rundemo", "serve_outlets"):
        result = manage_help(command)
        assert result.returncode == 0, result.stderr
        assert command in result.stdout


def test_without_demo_the_commands_are_not_there():
    for value in ("", "false"):
        result = manage_help("rundemo", DEMO=value)
        assert result.returncode != 0
        assert "Unknown command: 'rundemo'" in result.stderr
