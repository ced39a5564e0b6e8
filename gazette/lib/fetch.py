"""The one outgoing-HTTP client: every request Gazette makes to the outside goes through here.

Timeouts per read and a total deadline per fetch, a size limit enforced while streaming,
redirects re-checked hop by hop, refusal of private addresses after DNS resolution (IPv6 forms
that embed an IPv4 address judged by that address) with the connection pinned to the address
that was checked, per-host politeness through a gate the caller may share between processes,
robots.txt, conditional GET, charset detection.
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
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Protocol
from urllib.parse import urljoin, urlsplit

import certifi
import httpcore
import httpx
from charset_normalizer import from_bytes

# A fetch's total time when the policy names none: connect, every redirect hop and the body.
DEFAULT_DEADLINE = 30.0


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
    # Seconds one fetch may take in all (connect, redirects, body); None: DEFAULT_DEADLINE, or
    # `timeout` when that is longer. A host that sends a byte now and then never reaches the
    # per-read `timeout`; this bounds it.
    deadline: float | None = None

    @property
    def total_deadline(self) -> float:
        if self.deadline is not None:
            return max(self.deadline, 0.001)
        return max(DEFAULT_DEADLINE, self.timeout)


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
    """No answer in time: a read timed out, or the fetch passed its total deadline."""


class FetchHTTPError(FetchError):
    def __init__(self, status_code: int, url: str) -> None:
        self.status_code = status_code
        super().__init__(f"HTTP {status_code} from {url}")


Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 forms that carry an IPv4 address: a connection to them reaches that IPv4 address
# (through the kernel, a NAT64 gateway or a tunnel), so they are judged by it.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215 local-use prefix
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated, RFC 4291 section 2.5.5.1


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address embeds (mapped, NAT64, compatible, 6to4, Teredo)."""
    value = int(address)
    if address.ipv4_mapped is not None:  # ::ffff:0:0/96
        return [address.ipv4_mapped]
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return [ipaddress.IPv4Address(value & 0xFFFFFFFF)]
    if address in _NAT64_LOCAL:
        # RFC 6052 puts the address in bits 48-63 and 72-87 for a /48 prefix; some write it in
        # the last 32 bits. Both are judged.
        rfc = ((value >> 64) & 0xFFFF) << 16 | ((value >> 40) & 0xFFFF)
        candidates = [rfc, value & 0xFFFFFFFF]
        return [ipaddress.IPv4Address(c) for c in [c for c in candidates if c] or candidates]
    if address.sixtofour is not None:  # 2002::/16
        return [address.sixtofour]
    if address.teredo is not None:  # 2001::/32: the server and the (de-obfuscated) client
        return list(address.teredo)
    return []


def non_public_reason(address: Address) -> str:
    """Why a connection to `address` is refused, or "" when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        for inner in embedded_ipv4(address):
            if not inner.is_global or inner.is_multicast:
                return f"{address}, which embeds the non-public IPv4 address {inner}"
        if address in _NAT64_LOCAL:
            return f"{address}, in the local-use NAT64 prefix 64:ff9b:1::/48"
    if not address.is_global or address.is_multicast:
        return f"the non-public address {address}"
    return ""


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a literal IP resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _host_and_port(url: str) -> tuple[str, int]:
    """The host and port as the HTTP client will connect to them (IDNA-encoded name)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchRefused(f"refused {url!r}: {exc}") from exc
    host = parsed.raw_host.decode("ascii")
    if not host:
        raise FetchRefused(f"refused {url!r}: no host name")
    return host, parsed.port or (443 if parsed.scheme == "https" else 80)


def _checked_addresses(host: str, port: int, url: str) -> tuple[str, ...]:
    try:
        found = resolve_host(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise FetchError(f"cannot resolve {host}: {reason}") from exc
    if not found:
        raise FetchError(f"cannot resolve {host}: no address")
    for text in found:
        reason = non_public_reason(ipaddress.ip_address(text))
        if reason:
            raise FetchRefused(
                f"refused {url}: {host} resolves to {reason} "
                "(set FETCH_ALLOW_PRIVATE=true only for local demos and tests)"
            )
    return tuple(found)


def check_address_allowed(url: str, *, allow_private: bool) -> tuple[str, ...]:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address.

    Returns the addresses that were checked, for the connection to be pinned to them (empty
    when `allow_private`: then anything goes and the client resolves the name itself).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"refused {url!r}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchRefused(f"refused {url!r}: no host name")
    if allow_private:
        return ()
    host, port = _host_and_port(url)
    return _checked_addresses(host, port, url)


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


class StartGate(Protocol):
    """When a request to a host may start. The fetcher asks before every request; a gate kept
    in a shared store (the ingest app's, in the cache or the database) paces a host across
    processes and machines."""

    def reserve(self, host: str, *, delay: float) -> float:
        """Claim the next start for `host`, at least `delay` seconds after the previous claim
        of any user of this gate, and return the seconds to wait until it (0 for now)."""
        ...


class LocalStartGate:
    """A StartGate for this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next_start: dict[str, float] = {}

    def reserve(self, host: str, *, delay: float) -> float:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + delay
        return start - now


class HostPoliteness:
    """Per-host pacing: a cap on requests in flight from this process, and a delay between
    request starts kept by a StartGate (this process's own unless the fetcher brings one)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self.local_gate = LocalStartGate()

    @contextmanager
    def turn(
        self, host: str, *, delay: float, concurrency: int, gate: StartGate | None = None
    ) -> Iterator[float]:
        """Wait for `host`'s turn; yields the seconds waited."""
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(max(concurrency, 1)))
        with slot:
            wait = (gate or self.local_gate).reserve(host, delay=delay)
            if wait > 0:
                time.sleep(wait)
            yield max(wait, 0.0)


politeness = HostPoliteness()


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~25 ms; every client of the process shares one context.
    return ssl.create_default_context(cafile=certifi.where())


class _CallState(threading.local):
    """What the connections of one thread's current fetch obey: its deadline (a monotonic
    time) and, per (host, port), the addresses that were checked for it."""

    def __init__(self) -> None:
        self.deadline_at: float | None = None
        self.pins: dict[tuple[str, int], tuple[str, ...]] = {}


def _time_left(state: _CallState, timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` cut to what is left of the fetch's deadline; `error` once nothing is left."""
    deadline = state.deadline_at
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake ends by the fetch's deadline:
    each one's timeout is cut to the time left, so bytes trickling in cannot stretch a fetch."""

    def __init__(self, inner: httpcore.NetworkStream, state: _CallState) -> None:
        self._inner = inner
        self._state = state

    def _cap(self, timeout: float | None, error: type[Exception]) -> float | None:
        return _time_left(self._state, timeout, error)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # The certificate is checked against, and SNI names, the host name, not the address.
        inner = self._inner.start_tls(
            ssl_context, server_hostname, self._cap(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner, self._state)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Opens connections only to addresses that passed the address check.

    The fetcher pins the addresses it checked for a host; a connection goes to those, so a
    name that answers differently the second time (DNS rebinding) cannot lead elsewhere. A
    host without a pin is resolved and checked here. Every stream obeys the deadline.
    """

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.state = _CallState()
        self._plain = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = self.state.pins.get((host, port))
        if not addresses:
            if self.allow_private:
                addresses = (host,)
            else:
                addresses = _checked_addresses(host, port, f"{host}:{port}")
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self._plain.connect_tcp(
                    address,
                    port,
                    timeout=_time_left(self.state, timeout, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                last = exc  # the next checked address, as a resolver's list is tried in order
                continue
            return _DeadlineStream(stream, self.state)
        raise last or httpcore.ConnectError(f"no address to connect to for {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Unix sockets are not fetched")


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that connects through `_GuardedBackend`."""

    def __init__(self, backend: _GuardedBackend) -> None:
        super().__init__(verify=_tls_context(), trust_env=False)
        # httpx builds its pool without a way to name the network backend; this is the same
        # pool (HTTP/1.1, httpx's default limits) with ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=_tls_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=backend,
        )


class Fetcher:
    """A configured client. Use one per job; it holds a connection pool.

    `gate` decides when a request to a host may start (`StartGate`); without one, the pace is
    kept per process. Threads may share a fetcher: the deadline and pins are per thread.
    """

    def __init__(
        self,
        policy: FetchPolicy,
        transport: httpx.BaseTransport | None = None,
        *,
        gate: StartGate | None = None,
    ) -> None:
        self.policy = policy
        self.gate = gate
        self._backend = _GuardedBackend(allow_private=policy.allow_private)
        self._client = httpx.Client(
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(policy.timeout, connect=min(policy.timeout, 5.0)),
            follow_redirects=False,
            transport=transport or _GuardedTransport(self._backend),
            trust_env=False,  # a proxy from the environment would bypass the pinned addresses
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @contextmanager
    def _deadline(self) -> Iterator[None]:
        """The deadline of this thread's fetch; a fetch inside another (robots.txt) shares it."""
        state = self._backend.state
        if state.deadline_at is not None:
            yield
            return
        state.deadline_at = time.monotonic() + self.policy.total_deadline
        try:
            yield
        finally:
            state.deadline_at = None

    def _deadline_passed(self) -> bool:
        deadline = self._backend.state.deadline_at
        return deadline is not None and time.monotonic() >= deadline - 0.05

    def _deadline_error(self, url: str) -> FetchTimeout:
        return FetchTimeout(
            f"gave up on {url}: no complete answer within the {self.policy.total_deadline:g}s "
            "deadline (FETCH_DEADLINE)"
        )

    def _pin(self, url: str) -> None:
        """Check `url`'s host and pin its connections to the addresses checked."""
        addresses = check_address_allowed(url, allow_private=self.policy.allow_private)
        if addresses:
            self._backend.state.pins[_host_and_port(url)] = tuple(addresses)

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
        with self._deadline():
            for _hop in range(self.policy.max_redirects + 1):
                if self._deadline_passed():
                    raise self._deadline_error(url)
                self._pin(current)
                if (
                    check_robots
                    and self.policy.obey_robots
                    and not robots_cache.allowed(self, current)
                ):
                    raise FetchRefused(
                        f"robots.txt of {urlsplit(current).netloc} disallows {current}"
                    )
                host = urlsplit(current).netloc
                delay = max(
                    self.policy.host_delay,
                    robots_cache.crawl_delay(current, self.policy.user_agent),
                )
                with politeness.turn(
                    host, delay=delay, concurrency=self.policy.host_concurrency, gate=self.gate
                ) as waited:
                    # Waiting for our own turn is not the host's slowness: the clock stops.
                    if self._backend.state.deadline_at is not None:
                        self._backend.state.deadline_at += waited
                    result = self._get_once(current, headers)
                if 300 <= result.status_code < 400 and result.status_code != 304:
                    location = result.headers.get("location")
                    if not location:
                        raise FetchError(
                            f"HTTP {result.status_code} without Location from {current}"
                        )
                    redirects.append(current)
                    current = urljoin(current, location)
                    continue
                result.redirects = redirects
                return result
        raise FetchError(f"more than {self.policy.max_redirects} redirects starting at {url}")

    def download(
        self,
        url: str,
        destination: BinaryIO,
        *,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> FetchResult:
        """GET a large file (a model package) into `destination`, chunk by chunk.

        The checks of `get` (addresses, redirects hop by hop, timeouts, total deadline, size
        limit while streaming) without robots.txt: the operator named the file. `progress`
        gets (bytes so far, declared size or None) as chunks arrive; the result's body is
        empty, the bytes are in `destination`.
        """
        redirects: list[str] = []
        current = url
        with self._deadline():
            for _hop in range(self.policy.max_redirects + 1):
                if self._deadline_passed():
                    raise self._deadline_error(url)
                self._pin(current)
                try:
                    with self._client.stream("GET", current) as response:
                        lowered = {k.lower(): v for k, v in response.headers.items()}
                        status = response.status_code
                        if 300 <= status < 400 and lowered.get("location"):
                            redirects.append(current)
                            current = urljoin(current, lowered["location"])
                            continue
                        if status >= 300:
                            raise FetchHTTPError(status, current)
                        declared = lowered.get("content-length", "")
                        total = int(declared) if declared.isdigit() else None
                        if total is not None and total > self.policy.max_bytes:
                            raise FetchTooLarge(
                                f"{current} declares {total:,} bytes, over the "
                                f"{self.policy.max_bytes:,}-byte limit"
                            )
                        size = 0
                        for chunk in response.iter_bytes(1 << 16):
                            size += len(chunk)
                            if size > self.policy.max_bytes:
                                raise FetchTooLarge(
                                    f"{current} sent more than {self.policy.max_bytes:,} bytes; "
                                    "the rest was not read"
                                )
                            if self._deadline_passed():
                                raise self._deadline_error(url)
                            destination.write(chunk)
                            if progress is not None:
                                progress(size, total)
                        return FetchResult(current, status, lowered, redirects=redirects)
                except httpx.TimeoutException as exc:
                    if self._deadline_passed():
                        raise self._deadline_error(url) from exc
                    raise FetchTimeout(
                        f"timed out after {self.policy.timeout:g}s downloading {current}"
                    ) from exc
                except httpx.HTTPError as exc:
                    raise FetchError(
                        f"cannot download {current}: {exc or type(exc).__name__}"
                    ) from exc
        raise FetchError(f"more than {self.policy.max_redirects} redirects starting at {url}")

    def post_json(
        self, url: str, payload: object, *, headers: Mapping[str, str] | None = None
    ) -> FetchResult:
        """POST `payload` as JSON to an API; the answer comes back whatever its status.

        For APIs (translation engines): no robots.txt, no redirects, the same address check,
        timeouts, deadline and size limit as GET. The caller reads error statuses and bodies.
        """
        sent = {"Content-Type": "application/json", "Accept": "application/json", **(headers or {})}
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        with self._deadline():
            self._pin(url)
            try:
                with self._client.stream("POST", url, content=content, headers=sent) as response:
                    lowered = {k.lower(): v for k, v in response.headers.items()}
                    body = self._read_body(response, url)
                    return FetchResult(
                        url, response.status_code, lowered, body=body, encoding="utf-8"
                    )
            except httpx.TimeoutException as exc:
                if self._deadline_passed():
                    raise self._deadline_error(url) from exc
                raise FetchTimeout(
                    f"timed out after {self.policy.timeout:g}s posting to {url} "
                    f"({type(exc).__name__})"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot post to {url}: {exc or type(exc).__name__}") from exc

    def _read_body(self, response: httpx.Response, url: str) -> bytes:
        """The body, read in chunks and abandoned as soon as it passes the size limit or the
        deadline."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise FetchTooLarge(
                    f"{url} sent more than {self.policy.max_bytes:,} bytes "
                    "(FETCH_MAX_BYTES); the rest was not read"
                )
            if self._deadline_passed():
                raise self._deadline_error(url)
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
            if self._deadline_passed():
                raise self._deadline_error(url) from exc
            raise FetchTimeout(
                f"timed out after {self.policy.timeout:g}s fetching {url} ({type(exc).__name__})"
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {exc or type(exc).__name__}") from exc
