"""The API's Swagger UI page (/api/v1/docs/) works under the site's Content-Security-Policy in
Chromium: it renders every operation from our own static files, and the browser reports no
violation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_content_security_policy_in_browser import Watched

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_docs_page_renders_under_the_policy(site_url: str, browser_context: Any) -> None:
    watched = Watched(browser_context)
    requested: list[str] = []
    watched.page.on("request", lambda request: requested.append(request.url))
    watched.visit(site_url + "/api/v1/docs/")
    watched.page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = watched.page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/articles/" in [path.strip() for path in paths]
    assert watched.violations() == []
    assert all(url.startswith(site_url) for url in requested), "nothing from a CDN"
