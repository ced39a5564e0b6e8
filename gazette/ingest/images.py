"""Lead images, ours to serve: fetched once through the one HTTP client (the same address,
robots and size rules as pages), decoded and verified with Pillow, re-encoded in a few widths
as WebP and JPEG, and kept in the site's storage (`STORAGES["default"]`: local disk under
MEDIA_ROOT by default, any django-storages backend at scale).

An image that fails to fetch or decode leaves the article as it is, without a picture, and
records why on its `ImageFile` (state "failed" and the reason).
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from gazette.articles.models import Article
from gazette.ingest.models import ImageFile
from gazette.lib.fetch import Fetcher, FetchError, FetchPolicy, FetchTooLarge
from gazette.lib.urls import clean_web_url
from gazette.states import LicencePolicy

logger = logging.getLogger(__name__)

IMAGE_ACCEPT = "image/avif;q=0.5, image/webp, image/jpeg, image/png, image/gif;q=0.8, */*;q=0.1"
WIDTHS = (320, 640, 960, 1280)
FORMATS: dict[str, tuple[str, dict[str, object]]] = {
    "webp": ("WEBP", {"quality": 72, "method": 4}),
    "jpeg": ("JPEG", {"quality": 78, "optimize": True, "progressive": True}),
}
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
MIN_SIDE = 200  # icons and tracking pixels are no lead image


def image_policy() -> FetchPolicy:
    from gazette.ingest.services import fetch_policy

    policy = fetch_policy()
    return FetchPolicy(
        user_agent=policy.user_agent,
        timeout=policy.timeout,
        max_bytes=min(policy.max_bytes, settings.IMAGE_MAX_BYTES),
        max_redirects=policy.max_redirects,
        allow_private=policy.allow_private,
        obey_robots=policy.obey_robots,
        host_delay=policy.host_delay,
        host_concurrency=policy.host_concurrency,
        deadline=policy.deadline,
    )


def image_wanted(article: Article) -> bool:
    """An outlet whose licence lets the site show its full text lets it show its pictures."""
    return bool(article.image_url) and article.source.licence == LicencePolicy.FULL


class ImageRefused(Exception):
    """Bytes that are no usable image; `str()` is the reason for an editor."""


def decode(body: bytes) -> Image.Image:
    """The image in `body`, verified, EXIF-rotated and in RGB; ImageRefused otherwise."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(body))
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRefused(f"{probe.width}×{probe.height} pixels is too large")
            probe.verify()  # a truncated or corrupt file fails here
            image: Image.Image = Image.open(io.BytesIO(body))
            image.load()
    except ImageRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRefused(f"not a readable image ({exc})") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRefused(f"refused as a decompression bomb ({exc})") from None
    if min(image.size) < MIN_SIDE:
        raise ImageRefused(f"{image.width}×{image.height} pixels is too small for a lead image")
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    return image.convert("RGB")


def renditions(image: Image.Image, digest: str) -> list[tuple[dict[str, object], bytes]]:
    """The stored copies: each width up to the original's (the original's own when smaller
    than the smallest), in each format."""
    widths = [width for width in WIDTHS if width <= image.width] or [image.width]
    made: list[tuple[dict[str, object], bytes]] = []
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS)
        )
        for extension, (pil_format, options) in FORMATS.items():
            out = io.BytesIO()
            resized.save(out, pil_format, **options)
            name = f"images/{digest[:2]}/{digest[:24]}-{width}.{extension}"
            info = {"width": width, "height": height, "format": extension, "name": name}
            made.append((info, out.getvalue()))
    return made


def article_image_fetch(*, article_id: int, fetcher: Fetcher | None = None) -> ImageFile | None:
    """Fetch, verify, re-encode and store the article's lead image; None when it has none the
    site may show. A failure is recorded on the ImageFile and the article stays as it is."""
    article = Article.objects.select_related("source").filter(pk=article_id).first()
    if article is None or not image_wanted(article):
        return None
    url = clean_web_url(article.image_url)
    record, _created = ImageFile.objects.get_or_create(
        article=article, defaults={"source_url": url or article.image_url}
    )
    if record.state == ImageFile.State.STORED and record.source_url == url:
        return record  # fetched once: the same address is not fetched again
    record.source_url = url or article.image_url
    try:
        if not url:
            raise ImageRefused(f"not a web address: {article.image_url!r}")
        own = fetcher is None
        client = fetcher or Fetcher(image_policy())
        try:
            result = client.get(url, accept=IMAGE_ACCEPT)
        finally:
            if own:
                client.close()
        if result.status_code != 200:
            raise ImageRefused(f"HTTP {result.status_code} from {url}")
        image = decode(result.body)
        digest = hashlib.sha256(result.body).hexdigest()
        stored = []
        for info, data in renditions(image, digest):
            name = str(info["name"])
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(data))
            stored.append({**info, "name": name})
    except FetchTooLarge as exc:  # the image's own limit, not the pages' one
        return _failed(record, str(exc).replace("FETCH_MAX_BYTES", "IMAGE_MAX_BYTES"))
    except (FetchError, ImageRefused) as exc:
        return _failed(record, str(exc))
    except Exception as exc:  # an unexpected failure must not lose the article either
        logger.exception("lead image of article %s", article_id)
        return _failed(record, f"internal error: {exc!r}")
    with transaction.atomic():
        record.state = ImageFile.State.STORED
        record.error = ""
        record.width, record.height = image.size
        record.content_hash = digest
        record.renditions = stored
        record.fetched_at = timezone.now()
        record.save()
    return record


def _failed(record: ImageFile, reason: str) -> ImageFile:
    record.state = ImageFile.State.FAILED
    record.error = reason[:2000]
    record.fetched_at = timezone.now()
    record.save()
    return record
