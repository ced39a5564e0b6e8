"""Fixtures of the site tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def wsgi_keeps_connection() -> Iterator[None]:
    """Calling Django's WSGI handler directly (as the page cache does) ends each request by
    closing old database connections, which would close the test's transaction: not here, as
    Django's own test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
