"""Lead images, ours to serve: fetched once over real HTTP on loopback through the one client,
verified and re-encoded with Pillow in a few widths (WebP and JPEG), stored, and served by the
site with a year's cache; a failure leaves the article published without a picture and says
why."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from gazette.ingest.images import article_image_fetch
from gazette.ingest.models import ImageFile
from gazette.states import LicencePolicy
from tests.factories import make_article, make_source
from tests.fault_server import Route, fault_server

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo(width: int = 1600, height: int = 900, image_format: str = "PNG") -> bytes:
    image = Image.new("RGB", (width, height), (20, 90, 140))
    for x in range(0, width, 40):
        image.paste((240, 200, 80), (x, 0, x + 10, height))
    out = io.BytesIO()
    image.save(out, image_format)
    return out.getvalue()


def article_with_image(url: str, licence: str = LicencePolicy.FULL):
    return make_article(
        source=make_source(licence=licence), image_url=url, image_alt="Stripes on blue"
    )


def test_an_image_is_fetched_once_reencoded_in_widths_and_served_with_a_long_cache():
    routes = {"/photo.png": Route(body=photo(), headers={"Content-Type": "image/png"})}
    with fault_server(routes) as server:
        article = article_with_image(server.base_url + "/photo.png")
        record = article_image_fetch(article_id=article.pk)
        again = article_image_fetch(article_id=article.pk)
        hits = server.hits.count("/photo.png")

    assert record is not None and record.state == ImageFile.State.STORED, record and record.error
    assert again is not None and again.pk == record.pk
    assert hits == 1, "fetched once"
    assert (record.width, record.height) == (1600, 900)
    widths = {(r["format"], r["width"]) for r in record.renditions}
    assert widths == {(f, w) for f in ("webp", "jpeg") for w in (320, 640, 960, 1280)}

    client = Client()
    for rendition in record.renditions:
        response = client.get(f"/media/{rendition['name']}")
        assert response.status_code == 200
        assert "immutable" in response["Cache-Control"]
        assert "max-age=31536000" in response["Cache-Control"]
        # the newsletter and web feed readers show it from other origins
        assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
        served = Image.open(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
        assert served.format == {"webp": "WEBP", "jpeg": "JPEG"}[str(rendition["format"])]
        assert served.width == rendition["width"]

    page = client.get(article.get_absolute_url()).content.decode()
    assert server.base_url not in page, "the outlet's address is never in the page"
    assert 'type="image/webp"' in page and 'alt="Stripes on blue"' in page


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(body=b"<html>not an image</html>"), "not a readable image"),
        (Route(body=photo()[:2000], headers={"Content-Type": "image/png"}), "not a readable image"),
        (Route(body=photo(64, 64)), "too small"),
        (Route(status=404), "HTTP 404"),
    ],
)  # fmt: skip
def test_a_failed_image_is_recorded_and_the_article_stays_published(route: Route, reason: str):
    with fault_server({"/photo.png": route}) as server:
        article = article_with_image(server.base_url + "/photo.png")
        record = article_image_fetch(article_id=article.pk)

    assert record is not None and record.state == ImageFile.State.FAILED
    assert reason in record.error
    article.refresh_from_db()
    assert article.is_published
    page = Client().get(article.get_absolute_url())
    assert page.status_code == 200 and b"<picture" not in page.content


def test_an_oversized_image_is_refused_by_the_size_limit(settings: Any):
    settings.IMAGE_MAX_BYTES = 10_000
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    with fault_server({"/photo.png": Route(body=out.getvalue())}) as server:
        article = article_with_image(server.base_url + "/photo.png")
        record = article_image_fetch(article_id=article.pk)
    assert record is not None and record.state == ImageFile.State.FAILED
    assert "10,000-byte limit (IMAGE_MAX_BYTES)" in record.error, record.error


def test_only_a_full_text_licence_brings_the_picture():
    article = article_with_image("http://127.0.0.1:9/photo.png", licence=LicencePolicy.EXCERPT)
    assert article_image_fetch(article_id=article.pk) is None
    assert not ImageFile.objects.exists()


def test_media_addresses_outside_the_stored_images_are_not_found():
    client = Client()
    for path in ("/media/../settings.py", "/media/images/ab/x.jpeg", "/media/gazette.sqlite3"):
        assert client.get(path).status_code == 404
