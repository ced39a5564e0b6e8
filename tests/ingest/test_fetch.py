"""The one outgoing-HTTP client: limits, refusals and charsets, against a real loopback server."""

from __future__ import annotations

import pytest

from gazette.lib.fetch import (
    Fetcher,
    FetchHTTPError,
    FetchPolicy,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
    check_address_allowed,
    detect_charset,
    robots_cache,
)
from tests.fault_server import Route, fault_server

LOOPBACK = FetchPolicy(user_agent="GazetteTest/1", timeout=2, max_bytes=100_000, allow_private=True)


@pytest.fixture(autouse=True)
def _fresh_robots():
    robots_cache.clear()
    yield
    robots_cache.clear()


def test_it_refuses_loopback_and_private_addresses_by_default():
    for url in ("http://127.0.0.1/", "http://10.1.2.3/feed", "http://169.254.169.254/latest"):
        with pytest.raises(FetchRefused, match="non-public address"):
            check_address_allowed(url, allow_private=False)


def test_it_refuses_other_schemes():
    with pytest.raises(FetchRefused, match="only http and https"):
        check_address_allowed("file:///etc/passwd", allow_private=True)


def test_it_rechecks_every_redirect_hop(monkeypatch):
    """A public page that redirects inward must be refused at the inward hop."""
    import gazette.lib.fetch as fetch_module

    real_check = fetch_module.check_address_allowed
    checked: list[str] = []

    def check_treating_first_server_as_public(url: str, *, allow_private: bool) -> tuple[str, ...]:
        checked.append(url)
        # Our loopback server stands in for a public site (its address is the one checked and
        # pinned); anything else is judged for real.
        if url.startswith(server.base_url):
            return ("127.0.0.1",)
        return real_check(url, allow_private=allow_private)

    routes = {"/hop": Route(status=302, headers={"Location": "http://127.0.0.1:9/secret"})}
    monkeypatch.setattr(
        fetch_module, "check_address_allowed", check_treating_first_server_as_public
    )
    policy = FetchPolicy(user_agent="t", timeout=2, allow_private=False, obey_robots=False)
    with fault_server(routes) as server, Fetcher(policy) as fetcher:
        with pytest.raises(FetchRefused, match="non-public address 127.0.0.1"):
            fetcher.get(server.base_url + "/hop")
    assert checked == [server.base_url + "/hop", "http://127.0.0.1:9/secret"]


def test_it_follows_redirects_up_to_the_limit():
    routes = {
        "/a": Route(status=301, headers={"Location": "/b"}),
        "/b": Route(status=302, headers={"Location": "/c"}),
        "/c": Route(body=b"hello", headers={"Content-Type": "text/plain; charset=utf-8"}),
        "/loop": Route(status=302, headers={"Location": "/loop"}),
    }
    with fault_server(routes) as server, Fetcher(LOOPBACK) as fetcher:
        result = fetcher.get(server.base_url + "/a")
        assert result.body == b"hello"
        assert result.url.endswith("/c")
        assert [u.rsplit("/", 1)[1] for u in result.redirects] == ["a", "b"]
        with pytest.raises(Exception, match="more than 5 redirects"):
            fetcher.get(server.base_url + "/loop")


def test_it_stops_reading_an_oversize_body():
    big = b"x" * 300_000
    routes = {
        "/declared": Route(body=big),
        "/streamed": Route(body=big, chunks=30),
    }
    with fault_server(routes) as server, Fetcher(LOOPBACK) as fetcher:
        with pytest.raises(FetchTooLarge, match="declares 300,000 bytes"):
            fetcher.get(server.base_url + "/declared")
        with pytest.raises(FetchTooLarge, match="more than 100,000 bytes"):
            fetcher.get(server.base_url + "/streamed")


def test_it_times_out_with_a_reason():
    routes = {"/slow": Route(body=b"late", delay=3)}
    policy = FetchPolicy(user_agent="t", timeout=0.5, allow_private=True)
    with fault_server(routes) as server, Fetcher(policy) as fetcher:
        with pytest.raises(FetchTimeout, match="timed out after 0.5s"):
            fetcher.get(server.base_url + "/slow")


def test_it_reports_http_errors():
    with fault_server({"/gone": Route(status=500, body=b"oops")}) as server:
        with Fetcher(LOOPBACK) as fetcher, pytest.raises(FetchHTTPError, match="HTTP 500"):
            fetcher.get(server.base_url + "/gone")


def test_it_sends_conditional_headers_and_reads_304():
    with fault_server({"/feed": Route(status=304)}) as server, Fetcher(LOOPBACK) as fetcher:
        result = fetcher.get(server.base_url + "/feed", etag='"v1"')
    assert result.not_modified
    assert result.body == b""


def test_it_obeys_robots_txt():
    routes = {
        "/robots.txt": Route(body=b"User-agent: *\nDisallow: /private/\n"),
        "/private/page": Route(body=b"secret"),
        "/public/page": Route(body=b"hello"),
    }
    with fault_server(routes) as server, Fetcher(LOOPBACK) as fetcher:
        assert fetcher.get(server.base_url + "/public/page").body == b"hello"
        with pytest.raises(FetchRefused, match="robots.txt"):
            fetcher.get(server.base_url + "/private/page")
        fetcher.get(server.base_url + "/public/page")
    assert server.hits.count("/robots.txt") == 1  # cached
    assert "/private/page" not in server.hits


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Grüße".encode("latin-1"), "text/html; charset=ISO-8859-1", "iso8859-1"),
        (b"\xef\xbb\xbf<p>Gr\xc3\xbc\xc3\x9fe</p>", "text/html", "utf-8"),
        (b'<meta charset="windows-1252"><p>Gr\xfc\xdfe</p>', "text/html", "cp1252"),
        (b'<?xml version="1.0" encoding="ISO-8859-15"?><rss/>', "", "iso8859-15"),
    ],
)
def test_it_detects_charsets_in_order(body, content_type, expected):
    assert detect_charset(body, content_type) == expected


def test_it_paces_requests_to_one_host(monkeypatch):
    import gazette.lib.fetch as fetch_module

    starts: list[float] = []
    clock = [1000.0]
    monkeypatch.setattr(fetch_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(
        fetch_module.time, "sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds)
    )
    gate = fetch_module.HostPoliteness()
    for _ in range(3):
        with gate.turn("news.example", delay=2.0, concurrency=1):
            starts.append(clock[0])
    with gate.turn("other.example", delay=2.0, concurrency=1):
        starts.append(clock[0])
    assert starts == [1000.0, 1002.0, 1004.0, 1004.0]


def test_it_honours_robots_crawl_delay():
    routes = {"/robots.txt": Route(body=b"User-agent: *\nCrawl-delay: 7\n"), "/a": Route(body=b"a")}
    with fault_server(routes) as server, Fetcher(LOOPBACK) as fetcher:
        fetcher.get(server.base_url + "/a")
        assert robots_cache.crawl_delay(server.base_url + "/a", LOOPBACK.user_agent) == 7.0
