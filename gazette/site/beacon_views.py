"""The view beacon that feeds "most read": POSTed by `navigator.sendBeacon`, or fetched as an
`<img>` without JavaScript. Never cached, no cookies; what counts is `discovery.popular`'s.

Only our own pages' beacons count. A browser says where a request comes from in three
headers, and any of them naming another origin refuses the beacon:

- `Origin` (sent with every POST, so with every `sendBeacon`): anything but this site's own
  origin (the request's scheme and host, `SITE_URL`'s, or one of `CSRF_TRUSTED_ORIGINS`),
  including `null` (a sandboxed frame, a redirect from elsewhere);
- `Sec-Fetch-Site`: anything but `same-origin` (so `cross-site`, `same-site` for another
  subdomain, and `none` for an address typed or opened from a bookmark);
- `Referer`, read only when neither of the others came (browsers too old to send
  `Sec-Fetch-Site`): a page of another origin.

A request with none of them, as an `<img>` from a browser or extension that strips them,
still counts: it cannot be told from a reader, and the per-address limits of
`discovery.popular` bound what it can add. A refused beacon is answered like any other (204,
or the pixel), so a reader never sees an error.
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gazette.discovery.popular import view_record

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def our_origins(request: HttpRequest) -> set[str]:
    own = {_origin(f"{request.scheme}://{request.get_host()}"), _origin(settings.SITE_URL)}
    own |= {_origin(origin) for origin in settings.CSRF_TRUSTED_ORIGINS}
    return own - {""}


def is_from_our_pages(request: HttpRequest) -> bool:
    """False when the browser says the request comes from another origin (module docstring)."""
    origin = request.META.get("HTTP_ORIGIN")
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if origin is not None and origin.lower().rstrip("/") not in our_origins(request):
        return False
    if fetch_site is not None and fetch_site.lower() != "same-origin":
        return False
    referer = request.META.get("HTTP_REFERER")
    if origin is None and fetch_site is None and referer:
        return _origin(referer) in our_origins(request)
    return True


@csrf_exempt  # no cookies and no state but a counter: nothing to forge
@never_cache
@require_http_methods(["GET", "POST"])
def beacon(request: HttpRequest, article_id: int) -> HttpResponse:
    if is_from_our_pages(request):
        view_record(request=request, article_id=article_id)
    if request.method == "POST":
        return HttpResponse(status=204)
    return HttpResponse(PIXEL, content_type="image/gif")
