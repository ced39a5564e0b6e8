"""Shared fixtures: the fictional outlets on loopback, a file database workers can share.

PostgreSQL and Redis runs: `make test-postgres` / `make test-redis` point DATABASE_URL,
TASKS_BACKEND and REDIS_URL at the real servers. When they are unreachable the run is skipped
with the reason, except under CI=true, where it fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from tests.newsroom import Newsroom

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# The suite runs the demo (tests/integration/test_demo.py starts `manage.py rundemo`, which
# starts `manage.py serve_outlets`): every manage.py it starts installs the demo app. This
# process's settings were read before this file (pytest-django sets Django up first), so here
# the app stays out, as in production: the tests use the demo's modules, not its app.
os.environ.setdefault("DEMO", "true")
# The suite pins the lexical embedding backend (no model): fast, and the same on every machine;
# tests of the local model ask for it. Worker processes inherit this.
os.environ.setdefault("DISCOVERY_EMBEDDINGS", "lexical")


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def _require(what: str, url: str, default_port: int) -> None:
    if _reachable(url, default_port):
        return
    if IN_CI:
        pytest.exit(f"{what} at {url} is unreachable, and CI=true requires it", returncode=1)
    pytest.exit(
        f"skipped: {what} at {url} is unreachable (start it, or set CI=true to make this fail)",
        returncode=0,
    )


def pytest_configure(config: pytest.Config) -> None:
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        _require("PostgreSQL", database_url, 5432)
    if os.environ.get("TASKS_BACKEND") == "rq":
        _require("Redis", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"), 6379)


# The pytest-django fixtures through which a test reaches the database.
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "live_server"}
)


def uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rq = os.environ.get("TASKS_BACKEND") == "rq"
    for item in items:
        if "redis" in item.keywords and not rq:
            item.add_marker(pytest.mark.skip(reason="runs on RQ over Redis in `make test-redis`"))
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        # The PostgreSQL pass repeats what can differ between the databases; a test that
        # never opens one has already run in the SQLite pass and would only repeat itself.
        kept = [item for item in items if uses_database(item)]
        if len(kept) < len(items):
            config.hook.pytest_deselected(items=[i for i in items if not uses_database(i)])
            items[:] = kept


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Keep the SQLite test database in a file, so worker processes can open it too."""
    from django.db import connections

    db = connections["default"].settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        db.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's data folder: its change stamp and backups are not another run's (a bench or
    a second test run on the same checkout would otherwise move this run's ETags)."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, data_dir: Path) -> Iterator[None]:
    """Production settings, except: outlets live on loopback, the test client speaks plain
    HTTP, and static files are not collected (no manifest)."""
    from django.core.cache import cache

    from gazette.lib.fetch import robots_cache

    cache.clear()  # each test's database starts empty; what the cache remembers must too
    settings.DATA_DIR = data_dir
    # Django's PBKDF2 costs about half a CPU-second per hash, and the newsroom fixture signs
    # four people up: the suite would spend minutes hashing. Production keeps the default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FETCH_ALLOW_PRIVATE = True
    settings.FETCH_HOST_DELAY = 0
    settings.DISCOVERY_EMBEDDINGS = os.environ["DISCOVERY_EMBEDDINGS"]
    settings.READY_CHECKS_SCHEDULER = False  # no scheduler runs beside a unit test
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    robots_cache.clear()
    yield
    robots_cache.clear()


@pytest.fixture
def newsroom(db: None) -> Newsroom:
    """The three demo outlets as sources (nothing served) and the desk's people."""
    from tests.newsroom import build_newsroom

    return build_newsroom()


@pytest.fixture
def served_newsroom(db: None, outlets: list[Any]) -> Newsroom:
    """The newsroom with its outlets served on loopback."""
    from tests.newsroom import build_newsroom

    return build_newsroom(base_urls={server.outlet.slug: server.base_url for server in outlets})


@pytest.fixture(scope="session")
def outlets() -> Iterator[list[Any]]:
    from gazette.demo.outlets import start_outlets

    servers = start_outlets()
    yield servers
    for server in servers:
        server.stop()


def subprocess_env(**extra: str) -> dict[str, str]:
    """Environment for a worker process that talks to this test run's database."""
    from django.conf import settings
    from django.db import connection

    db = connection.settings_dict
    env = {
        **os.environ,
        "DATA_DIR": str(settings.DATA_DIR),
        "FETCH_ALLOW_PRIVATE": "true",
        "FETCH_HOST_DELAY": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if db["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    else:
        host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
        user = db.get("USER") or "postgres"
        env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{db['NAME']}"
    env.update(extra)
    return env


def start_manage(
    *args: str, env: dict[str, str], start_new_session: bool = False
) -> subprocess.Popen[bytes]:
    """`manage.py ARGS` in a process of its own (`start_new_session`: and its own process
    group, so a test can SIGKILL it together with what it forked)."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=start_new_session,
    )


def stop_process(process: subprocess.Popen[bytes]) -> str:
    """Stop a process and return what it printed (for a failing test's message)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    out = process.stdout.read() if process.stdout else b""
    return out.decode("utf-8", "replace")[-4000:]


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.3) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
