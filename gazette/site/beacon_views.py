"""The view beacon that feeds "most read": POSTed by `navigator.sendBeacon`, or fetched as an
`<img>` without JavaScript. Never cached, no cookies; what counts is `discovery.popular`'s."""

from __future__ import annotations

import base64

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gazette.discovery.popular import view_record

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@csrf_exempt  # no cookies and no state but a counter: nothing to forge
@never_cache
@require_http_methods(["GET", "POST"])
def beacon(request: HttpRequest, article_id: int) -> HttpResponse:
    view_record(request=request, article_id=article_id)
    if request.method == "POST":
        return HttpResponse(status=204)
    return HttpResponse(PIXEL, content_type="image/gif")
