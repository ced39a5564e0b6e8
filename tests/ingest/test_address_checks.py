"""Server-side request forgery: IPv6 forms that embed an IPv4 address are judged by that
address, and a connection goes to the address that was checked (no DNS rebinding).

The suite runs with FETCH_ALLOW_PRIVATE=True (tests/conftest.py); these tests use policies
with `allow_private=False`, as production does.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

import gazette.lib.fetch as fetch_module
from gazette.lib.fetch import (
    Fetcher,
    FetchError,
    FetchPolicy,
    FetchRefused,
    check_address_allowed,
)
from tests.fault_server import FaultHandler, FaultServer, Route, fault_server, serving

PRODUCTION = FetchPolicy(user_agent="t", timeout=1, deadline=2, allow_private=False)
PUBLIC_ANSWER = "93.184.215.14"  # a public address, not ours: nothing must reach it either


@pytest.mark.parametrize(
    ("url", "embedded"),
    [
        ("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "169.254.169.254"),  # NAT64
        ("http://[64:ff9b::7f00:1]/", "127.0.0.1"),
        ("http://[64:ff9b:1:a9fe:a9:fe00::]/", "169.254.169.254"),  # local-use NAT64, RFC 6052
        ("http://[64:ff9b:1::a9fe:a9fe]/", "169.254.169.254"),  # …written in the last 32 bits
        ("http://[::127.0.0.1]/", "127.0.0.1"),  # IPv4-compatible
        ("http://[::a9fe:a9fe]/", "169.254.169.254"),
        ("http://[::ffff:127.0.0.1]/", "127.0.0.1"),  # IPv4-mapped
        ("http://[::ffff:a00:1]:8080/", "10.0.0.1"),
        ("http://[2002:7f00:1::1]/", "127.0.0.1"),  # 6to4
        ("http://[2002:a9fe:a9fe::]/", "169.254.169.254"),
        ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "127.0.0.1"),  # Teredo client
    ],
)
def test_it_refuses_ipv6_forms_that_embed_a_non_public_ipv4_address(url, embedded):
    with pytest.raises(FetchRefused, match=f"embeds the non-public IPv4 address {embedded}"):
        check_address_allowed(url, allow_private=False)


@pytest.mark.parametrize(
    "url", ["http://[64:ff9b::a9fe:a9fe]/", "http://[::127.0.0.1]/", "http://[::ffff:7f00:1]/"]
)
def test_no_connection_is_attempted_to_an_embedded_private_address(url, monkeypatch):
    attempted: list[object] = []
    real_create = socket.create_connection

    def recording_create(address, *args, **kwargs):
        attempted.append(address)
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording_create)
    with Fetcher(PRODUCTION) as fetcher, pytest.raises(FetchRefused, match="non-public"):
        fetcher.get(url)
    assert attempted == []


@pytest.mark.parametrize(
    "url",
    ["http://[::ffff:8.8.8.8]/", "http://[64:ff9b::808:808]/", "http://[2606:4700::1111]/"],
)
def test_it_lets_forms_embedding_a_public_address_through(url):
    assert check_address_allowed(url, allow_private=False)


def _rebinding_resolver(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """`name` resolves to a public address the first time and to loopback afterwards, for
    everyone who asks (the address check, httpx, the socket module)."""
    answers: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host != name:
            return real(host, port, *args, **kwargs)
        address = PUBLIC_ANSWER if not answers else "127.0.0.1"
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 80)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def test_a_name_that_rebinds_to_loopback_after_the_check_is_not_connected_to(monkeypatch):
    answers = _rebinding_resolver(monkeypatch, "rebind.example")
    routes = {"/secret": Route(body=b"internal only")}
    policy = FetchPolicy(
        user_agent="t", timeout=1, deadline=2, allow_private=False, obey_robots=False
    )
    with fault_server(routes) as server, Fetcher(policy) as fetcher:
        port = server.server_address[1]
        with pytest.raises(FetchError):
            fetcher.get(f"http://rebind.example:{port}/secret")
    assert server.hits == [], "the loopback server was reached through a rebound name"
    assert answers[0] == PUBLIC_ANSWER  # the check saw the public answer and pinned it


def test_a_rebinding_name_is_checked_again_when_no_pin_is_known(monkeypatch):
    """A connection the fetcher did not check itself is resolved and checked at connect time."""
    _rebinding_resolver(monkeypatch, "rebind.example")
    backend = fetch_module._GuardedBackend(allow_private=False)
    backend.state.deadline_at = None
    socket.getaddrinfo("rebind.example", 80)  # the first, public, answer goes to someone else
    with pytest.raises(FetchRefused, match="non-public address 127.0.0.1"):
        backend.connect_tcp("rebind.example", 80, timeout=1)


def _certificate(directory: Path, name: str) -> tuple[Path, Path]:
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return key, cert


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_a_pinned_connection_keeps_the_name_for_tls_and_the_host_header(tmp_path, monkeypatch):
    """Connected to the checked address, the request still names the host: SNI and the
    certificate check use the name, and so does the Host header."""
    key, cert = _certificate(tmp_path, "news.example")
    routes = {"/page": Route(body=b"over TLS")}
    server = FaultServer(routes)
    seen_hosts: list[str] = []
    seen_sni: list[str | None] = []
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    server_context.sni_callback = lambda _sock, name, _ctx: seen_sni.append(name)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    client_context = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch_module, "_tls_context", lambda: client_context)
    port = server.server_address[1]

    def pin_news(url: str, *, allow_private: bool) -> tuple[str, ...]:
        # news.example stands for a public site whose checked address is our server's.
        return ("127.0.0.1",) if "news.example" in url else ()

    monkeypatch.setattr(fetch_module, "check_address_allowed", pin_news)
    policy = FetchPolicy(
        user_agent="t", timeout=2, deadline=4, allow_private=False, obey_robots=False
    )
    handled = threading.Event()
    original_get = FaultHandler.do_GET

    def recording_get(handler):
        seen_hosts.append(handler.headers.get("Host", ""))
        handled.set()
        return original_get(handler)

    monkeypatch.setattr(FaultHandler, "do_GET", recording_get)
    with serving(server), Fetcher(policy) as fetcher:
        result = fetcher.get(f"https://news.example:{port}/page")
        assert result.body == b"over TLS"
        with pytest.raises(FetchError, match="certificate|hostname|SSL"):
            # The same server under another name: its certificate does not match, refused.
            monkeypatch.setattr(
                fetch_module, "check_address_allowed", lambda url, *, allow_private: ("127.0.0.1",)
            )
            fetcher.get(f"https://other.example:{port}/page")
    assert handled.is_set()
    assert seen_hosts[0] == f"news.example:{port}"
    assert seen_sni[0] == "news.example"
