"""Who a visitor is for "most read": an address, hashed with a daily salt, whatever the user
agent; never the address itself. The beacon view over it is tested in tests/site/."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from gazette.discovery.popular import client_address, view_record, visitor_hash
from tests.factories import make_article

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
MONDAY = datetime(2026, 3, 2, 9, tzinfo=UTC)
TUESDAY = datetime(2026, 3, 3, 9, tzinfo=UTC)


def test_a_visitor_is_the_address_of_the_day_whatever_it_says_about_itself():
    firefox = RequestFactory().get("/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    chrome = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)
    assert visitor_hash(client_address(firefox)) == visitor_hash(client_address(chrome))
    assert visitor_hash("203.0.113.9", day=MONDAY) == visitor_hash("203.0.113.9", day=MONDAY)
    assert visitor_hash("203.0.113.9", day=MONDAY) != visitor_hash("203.0.113.9", day=TUESDAY)
    assert visitor_hash("203.0.113.9", day=MONDAY) != visitor_hash("203.0.113.10", day=MONDAY)
    assert visitor_hash("2001:db8:1:2::1") == visitor_hash("2001:db8:1:2:ffff::9"), "one /64"
    assert visitor_hash("2001:db8:1:2::1") != visitor_hash("2001:db8:1:3::1")
    assert visitor_hash("::ffff:203.0.113.9") == visitor_hash("203.0.113.9")


@pytest.mark.django_db
def test_the_address_is_never_kept():
    article = make_article()
    request = RequestFactory().post("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.77")
    assert view_record(request=request, article_id=article.pk)
    kept = " ".join(str(key) for key in cache._cache)  # type: ignore[attr-defined]
    assert "discovery:seen:" in kept and "203.0.113.77" not in kept
