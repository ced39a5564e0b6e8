"""Our stored copies of lead images (`ingest.images`), served with a year's cache: their
names carry the content's hash, so a name never shows other bytes."""

from __future__ import annotations

import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

IMAGE_NAME = re.compile(r"images/[0-9a-f]{2}/[0-9a-f]{24}-[0-9]{2,5}\.(webp|jpeg)")
CONTENT_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg"}
YEAR = 365 * 86400


@require_safe
def media_image(request: HttpRequest, shard: str, file: str) -> HttpResponseBase:
    name = f"images/{shard}/{file}"
    found = IMAGE_NAME.fullmatch(name)
    if found is None or not default_storage.exists(name):
        raise Http404("No such image.")
    response = FileResponse(
        default_storage.open(name, "rb"), content_type=CONTENT_TYPES[found.group(1)]
    )
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # The newsletter, the feeds and link previews show these pictures from other origins
    # (webmail, web feed readers): a same-origin policy would leave them broken there.
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
