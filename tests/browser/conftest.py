"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core injected.

Without /usr/bin/chromium (or axe-core in node_modules) they skip with the reason, except
under CI=true, where they fail: `make test` installs both where it can.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed: make venv"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing: apt-get install chromium (make test does it as root)"
    if not AXE.is_file():
        return f"{AXE} is missing: npm ci (make test does it)"
    return None


@pytest.fixture(scope="session")
def browser_ready() -> None:
    reason = _missing()
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"browser tests must run under CI=true, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def _plain_http() -> None:
    """The live server's middleware reads settings once, at start: no HTTPS redirect there."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0


@pytest.fixture
def site_url(_plain_http: None, live_server: Any) -> str:
    return str(live_server.url)


@pytest.fixture
def browser_context(
    browser_ready: None,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Any]:
    """A fresh Chromium profile per test; `context.new_page()` gives a page."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous, so Django's async-safety guard would refuse them wrongly.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    java_script = not request.node.get_closest_marker("no_javascript")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=LAUNCH_ARGS,
            headless=True,
            java_script_enabled=java_script,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        try:
            yield context
        finally:
            context.close()
            # While Playwright's loop runs in this thread, Django keeps the test's database
            # connection per context (asgiref's Local), apart from the thread's usual one:
            # close it here, or it outlives the session and blocks dropping the test database.
            connections.close_all()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    # Evaluated, not added as an inline <script>: the page's Content-Security-Policy refuses
    # inline script, as it should.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
