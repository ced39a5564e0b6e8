"""Headers every response carries: Content-Security-Policy (django-csp, settings
`CONTENT_SECURITY_POLICY`) and Permissions-Policy (settings `PERMISSIONS_POLICY`).

Both are outermost in MIDDLEWARE, so redirects, refusals (400) and error pages carry them too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, except that a 304 carries no policy.

    A 304 has no body: the browser keeps the page it holds and updates that page's stored
    headers from the 304's. A policy on a 304 would replace the one the page came with, and
    with it the nonce the page's elements carry (a page that uses one), so it is left off:
    the page and the policy it was served with always stay together, as they do in the page
    cache (`site.pagecache`), which replays both.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.status_code == 304:
            return response
        return super().process_response(request, response)


def permissions_policy(features: Mapping[str, Sequence[str]]) -> str:
    """`camera=(), fullscreen=(self)`: each feature with the origins allowed to use it."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


class PermissionsPolicyMiddleware:
    """Turns off the browser features the site never uses (camera, microphone, location,
    interest cohorts and topics …), for its pages and anything they might embed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
