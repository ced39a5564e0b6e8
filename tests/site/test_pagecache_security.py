"""The page cache and Django's security middleware agree: a hit is keyed by the scheme and host
as Django sees them (proxy header, forwarded host), and a request Django would redirect to
HTTPS or refuse for its Host is never answered from the cache."""

from __future__ import annotations

from typing import Any

import pytest
from defusedxml.ElementTree import fromstring

from gazette.site.pagecache import PageCache
from tests.factories import make_article
from tests.site.wsgi import CountingDjango, wsgi_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wsgi_keeps_connection")]

HOST = "news.example.org"


def request(app: Any, path: str = "/", **extra: str) -> tuple[str, dict[str, str], bytes]:
    return wsgi_request(app, path, host=HOST, **extra)


@pytest.fixture
def behind_proxy(settings: Any, tmp_path: Any) -> None:
    """BEHIND_PROXY=true and HTTPS=true, as in production behind nginx."""
    settings.DATA_DIR = tmp_path
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000


@pytest.mark.usefixtures("behind_proxy")
def test_a_page_cached_over_https_is_never_served_over_plain_http_behind_a_proxy():
    make_article()
    django = CountingDjango()
    app = PageCache(django, seconds=60)

    status, headers, _ = request(app, HTTP_X_FORWARDED_PROTO="https")
    assert status.startswith("200") and "Strict-Transport-Security" in headers
    assert request(app, HTTP_X_FORWARDED_PROTO="https")[0].startswith("200")
    assert django.calls == 1, "the second HTTPS request is a hit"

    for plain in ({}, {"HTTP_X_FORWARDED_PROTO": "http"}):
        status, headers, _ = request(app, **plain)
        assert status.startswith("301"), f"plain HTTP {plain} is redirected, not served"
        assert headers["Location"] == f"https://{HOST}/"
        assert "Strict-Transport-Security" not in headers
    assert django.calls == 3


@pytest.mark.usefixtures("behind_proxy")
def test_without_the_https_redirect_plain_http_gets_its_own_cached_page(settings):
    """HTTPS=false behind a proxy (a demo): both schemes are served, each from its own entry,
    so an HTTPS page (HSTS header, https links) never reaches a plain-HTTP reader."""
    settings.SECURE_SSL_REDIRECT = False
    make_article()
    django = CountingDjango()
    app = PageCache(django, seconds=60)
    _, secure_headers, secure_feed = request(app, "/feeds/rss.xml", HTTP_X_FORWARDED_PROTO="https")
    _, plain_headers, plain_feed = request(app, "/feeds/rss.xml")
    assert "Strict-Transport-Security" in secure_headers
    assert "Strict-Transport-Security" not in plain_headers
    assert fromstring(secure_feed).findtext("channel/link", "").startswith("https://")
    assert fromstring(plain_feed).findtext("channel/link", "").startswith("http://")
    request(app, "/feeds/rss.xml", HTTP_X_FORWARDED_PROTO="https")
    request(app, "/feeds/rss.xml")
    assert django.calls == 2


@pytest.mark.usefixtures("behind_proxy")
def test_a_host_django_refuses_is_never_answered_from_the_cache(settings):
    make_article()
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = [HOST, "old.example.org"]
    django = CountingDjango()
    app = PageCache(django, seconds=60)
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    assert request(app, **https)[0].startswith("200")
    assert request(app, HTTP_HOST="old.example.org", **https)[0].startswith("200")
    calls = django.calls

    # The proxy passes on a Host the reader chose: Django would refuse it, so must the cache.
    status, _, _ = request(app, HTTP_X_FORWARDED_HOST="evil.example", **https)
    assert status.startswith("400")
    # A host taken off ALLOWED_HOSTS is refused at once, even for a page cached before.
    settings.ALLOWED_HOSTS = [HOST]
    assert request(app, HTTP_HOST="old.example.org", **https)[0].startswith("400")
    assert django.calls == calls + 2
    assert request(app, **https)[0].startswith("200")
    assert django.calls == calls + 2, "the allowed host is still a hit"


@pytest.mark.usefixtures("behind_proxy")
def test_the_cache_keys_pages_by_the_host_django_answers_for(settings):
    """With USE_X_FORWARDED_HOST, the forwarded host names the site in feed links: each host
    gets its own entry, not the first one's page."""
    make_article()
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = ["a.example.org", "b.example.org", HOST]
    app = PageCache(CountingDjango(), seconds=60)
    links = {}
    for host in ("a.example.org", "b.example.org"):
        _, _, feed = request(
            app, "/feeds/rss.xml", HTTP_X_FORWARDED_HOST=host, HTTP_X_FORWARDED_PROTO="https"
        )
        links[host] = fromstring(feed).findtext("channel/link", "")
    assert links == {
        "a.example.org": "https://a.example.org/",
        "b.example.org": "https://b.example.org/",
    }
