"""The one outgoing-HTTP client: every request Gazette makes to the outside goes through here.

Timeouts, a size limit enforced while streaming, redirects re-checked hop by hop, refusal of
private addresses after DNS resolution, robots.txt, conditional GET, charset detection.
"""

from __future__ import annotations

import codecs
import functools
import ipaddress
import json
import re
import socket
import ssl
import threading
import time
import urllib.robotparser
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import certifi
import httpx
from charset_normalizer import from_bytes


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    obey_robots: bool = True
    host_delay: float = 0.0  # seconds between the starts of two requests to one host
    host_concurrency: int = 2  # requests in flight to one host, per process


@dataclass
class FetchResult:
    url: str
    status_code: int
    headers: dict[str, str]
    body: bytes = b""
    encoding: str = ""
    not_modified: bool = False
    redirects: list[str] = field(default_factory=list)

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        return self.body.decode(self.encoding or "utf-8", errors="replace")


class FetchError(Exception):
    """A fetch that did not produce a usable response; `str()` is a reason for an editor."""


class FetchRefused(FetchError):
    pass


class FetchTooLarge(FetchError):
    pass


class FetchTimeout(FetchError):
    pass


class FetchHTTPError(FetchError):
    def __init__(self, status_code: int, url: str) -> None:
        self.status_code = status_code
        super().__init__(f"HTTP {status_code} from {url}")


def check_address_allowed(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"refused {url!r}: only http and https URLs can be fetched")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"refused {url!r}: no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise FetchRefused(
                f"refused {url}: {host} resolves to the non-public address {address} "
                "(set FETCH_ALLOW_PRIVATE=true only for local demos and tests)"
            )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _known(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def detect_charset(body: bytes, content_type: str = "") -> str:
    """Charset from the Content-Type header, then a BOM, then <meta>/<?xml?>, then detection."""
    match = re.search(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-]+)", content_type, re.I)
    if match and (name := _known(match.group(1))):
        return name
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    head = body[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        found = pattern.search(head)
        if found and (name := _known(found.group(1).decode("ascii"))):
            return name
    best = from_bytes(body[:65536]).best()
    return _known(best.encoding) if best else "utf-8"


class RobotsCache:
    """robots.txt per origin, kept for an hour."""

    ttl = 3600.0

    def __init__(self) -> None:
        self._parsers: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}

    def allowed(self, client: Fetcher, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._parsers.get(origin)
        if cached is None or cached[0] < time.monotonic():
            parser = urllib.robotparser.RobotFileParser()
            try:
                result = client.get(origin + "/robots.txt", check_robots=False)
                parser.parse(result.text().splitlines())
            except FetchError:
                # No robots.txt (4xx) or none readable: no rules, as RFC 9309 section 2.3.1.3 says
                # for 4xx; an unreachable one is retried after the TTL.
                parser.parse([])
            cached = (time.monotonic() + self.ttl, parser)
            self._parsers[origin] = cached
        return cached[1].can_fetch(client.policy.user_agent, url)

    def crawl_delay(self, url: str, user_agent: str) -> float:
        parts = urlsplit(url)
        cached = self._parsers.get(f"{parts.scheme}://{parts.netloc}")
        delay = cached[1].crawl_delay(user_agent) if cached else None
        return float(delay or 0.0)

    def clear(self) -> None:
        self._parsers.clear()


robots_cache = RobotsCache()


class HostPoliteness:
    """Per-host pacing within this process: a delay between request starts and a cap on
    requests in flight. Worker processes pace themselves independently."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next_start: dict[str, float] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def turn(self, host: str, *, delay: float, concurrency: int) -> Iterator[None]:
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(max(concurrency, 1)))
        with slot:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + delay
            if start > now:
                time.sleep(start - now)
            yield


politeness = HostPoliteness()


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~25 ms; every client of the process shares one context.
    return ssl.create_default_context(cafile=certifi.where())


class Fetcher:
    """A configured client. Use one per job; it holds a connection pool."""

    def __init__(self, policy: FetchPolicy, transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy
        self._client = httpx.Client(
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(policy.timeout, connect=min(policy.timeout, 5.0)),
            follow_redirects=False,
            transport=transport,
            verify=_tls_context(),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        etag: str = "",
        last_modified: str = "",
        accept: str = "*/*",
        check_robots: bool = True,
    ) -> FetchResult:
        """GET `url`; raise FetchError with a readable reason for anything but a usable answer."""
        headers: dict[str, str] = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        redirects: list[str] = []
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            check_address_allowed(current, allow_private=self.policy.allow_private)
            if check_robots and self.policy.obey_robots and not robots_cache.allowed(self, current):
                raise FetchRefused(f"robots.txt of {urlsplit(current).netloc} disallows {current}")
            host = urlsplit(current).netloc
            delay = max(
                self.policy.host_delay, robots_cache.crawl_delay(current, self.policy.user_agent)
            )
            with politeness.turn(host, delay=delay, concurrency=self.policy.host_concurrency):
                result = self._get_once(current, headers)
            if 300 <= result.status_code < 400 and result.status_code != 304:
                location = result.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {result.status_code} without Location from {current}")
                redirects.append(current)
                current = urljoin(current, location)
                continue
            result.redirects = redirects
            return result
        raise FetchError(f"more than {self.policy.max_redirects} redirects starting at {url}")

    def post_json(
        self, url: str, payload: object, *, headers: Mapping[str, str] | None = None
    ) -> FetchResult:
        """POST `payload` as JSON to an API; the answer comes back whatever its status.

        For APIs (translation engines): no robots.txt, no redirects, the same address check,
        timeouts and size limit as GET. The caller reads error statuses and their bodies.
        """
        check_address_allowed(url, allow_private=self.policy.allow_private)
        sent = {"Content-Type": "application/json", "Accept": "application/json", **(headers or {})}
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            with self._client.stream("POST", url, content=content, headers=sent) as response:
                lowered = {k.lower(): v for k, v in response.headers.items()}
                body = self._read_body(response, url)
                return FetchResult(url, response.status_code, lowered, body=body, encoding="utf-8")
        except httpx.TimeoutException as exc:
            raise FetchTimeout(
                f"timed out after {self.policy.timeout:g}s posting to {url} ({type(exc).__name__})"
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot post to {url}: {exc or type(exc).__name__}") from exc

    def _read_body(self, response: httpx.Response, url: str) -> bytes:
        """The body, read in chunks and abandoned as soon as it passes the size limit."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise FetchTooLarge(
                    f"{url} sent more than {self.policy.max_bytes:,} bytes "
                    "(FETCH_MAX_BYTES); the rest was not read"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _get_once(self, url: str, headers: Mapping[str, str]) -> FetchResult:
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                lowered = {k.lower(): v for k, v in response.headers.items()}
                status = response.status_code
                if status == 304:
                    return FetchResult(url, status, lowered, not_modified=True)
                if 300 <= status < 400:
                    return FetchResult(url, status, lowered)
                if status >= 400:
                    raise FetchHTTPError(status, url)
                declared = lowered.get("content-length", "")
                if declared.isdigit() and int(declared) > self.policy.max_bytes:
                    raise FetchTooLarge(
                        f"{url} declares {int(declared):,} bytes, over the "
                        f"{self.policy.max_bytes:,}-byte limit (FETCH_MAX_BYTES)"
                    )
                body = self._read_body(response, url)
                return FetchResult(
                    url,
                    status,
                    lowered,
                    body=body,
                    encoding=detect_charset(body, lowered.get("content-type", "")),
                )
        except httpx.TimeoutException as exc:
            raise FetchTimeout(
                f"timed out after {self.policy.timeout:g}s fetching {url} ({type(exc).__name__})"
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {exc or type(exc).__name__}") from exc
