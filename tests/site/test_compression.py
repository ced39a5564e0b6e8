"""Compressed pages: GZipMiddleware compresses for clients that accept gzip, every public
response says `Vary: Accept-Encoding` (its 304 too), and the page cache keys on what the
`Vary` names, so a gzip body never reaches a client that did not ask for one."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from django.test import Client

from gazette.site.pagecache import PageCache, varies_only_on_keyed_headers
from tests.factories import make_article
from tests.site.wsgi import CountingDjango, wsgi_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wsgi_keeps_connection")]


def request(app: Any, path: str = "/", **extra: str) -> tuple[str, dict[str, str], bytes]:
    return wsgi_request(app, path, **extra)


@pytest.fixture
def plain_http(settings: Any, tmp_path: Any) -> None:
    settings.DATA_DIR = tmp_path
    settings.SECURE_SSL_REDIRECT = False


@pytest.mark.parametrize("path", ["/", "/feeds/rss.xml", "/about/", "/search/?q=story"])
def test_a_public_page_is_compressed_for_gzip_clients_and_varies_on_accept_encoding(path: str):
    make_article(title="A story")
    client = Client()
    plain = client.get(path)
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content).decode().count(
        "A story"
    ) == plain.content.decode().count("A story")
    for response in (plain, packed):
        assert "Accept-Encoding" in response["Vary"]
    # One weak validator for both encodings: a 304 answers either, and carries the Vary.
    assert plain["ETag"] == packed["ETag"] and plain["ETag"].startswith('W/"')
    again = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304 and "Accept-Encoding" in again["Vary"]


@pytest.mark.usefixtures("plain_http")
def test_the_page_cache_keeps_one_entry_per_encoding():
    make_article(title="A story")
    django = CountingDjango()
    app = PageCache(django, seconds=60)
    _, packed_headers, packed = request(app, "/", HTTP_ACCEPT_ENCODING="gzip, br")
    _, plain_headers, plain = request(app, "/")
    _, identity_headers, identity = request(app, "/", HTTP_ACCEPT_ENCODING="identity")
    assert packed_headers["Content-Encoding"] == "gzip" and b"A story" in gzip.decompress(packed)
    assert "Content-Encoding" not in plain_headers and b"A story" in plain
    assert "Content-Encoding" not in identity_headers and b"A story" in identity
    assert django.calls == 2, "the identity request is the plain one's hit"
    _, again_headers, again = request(app, "/", HTTP_ACCEPT_ENCODING="deflate, gzip")
    assert again_headers["Content-Encoding"] == "gzip" and again == packed
    assert django.calls == 2, "a gzip client gets the gzip entry"
    status, _, _ = request(
        app, "/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed_headers["ETag"]
    )
    assert status.startswith("304") and django.calls == 2


@pytest.mark.usefixtures("plain_http")
def test_a_response_that_varies_on_a_header_the_key_lacks_is_not_kept():
    assert varies_only_on_keyed_headers("")
    assert varies_only_on_keyed_headers("Accept-Encoding")
    assert not varies_only_on_keyed_headers("Accept-Encoding, Cookie")
    assert not varies_only_on_keyed_headers("accept-language")

    calls: list[str] = []

    def by_language(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        calls.append(environ.get("HTTP_ACCEPT_LANGUAGE", ""))
        vary = "Accept-Encoding" if environ["PATH_INFO"] == "/kept/" else "Accept-Language"
        start_response(
            "200 OK", [("Cache-Control", "public, max-age=60"), ("ETag", '"x"'), ("Vary", vary)]
        )
        return [environ.get("HTTP_ACCEPT_LANGUAGE", "").encode()]

    app = PageCache(by_language, seconds=60)
    assert request(app, "/", HTTP_ACCEPT_LANGUAGE="de")[2] == b"de"
    assert request(app, "/", HTTP_ACCEPT_LANGUAGE="fr")[2] == b"fr"
    assert calls == ["de", "fr"]
    assert request(app, "/kept/", HTTP_ACCEPT_LANGUAGE="de")[2] == b"de"
    assert request(app, "/kept/", HTTP_ACCEPT_LANGUAGE="fr")[2] == b"de", "kept: a hit"
    assert calls == ["de", "fr", "de"]
