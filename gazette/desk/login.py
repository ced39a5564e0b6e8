"""Desk login throttling (django-axes, configured in settings, section "Desk logins"): the
client address it locks by, and the page a locked-out login gets."""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off, get_failure_limit
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from gazette.discovery.popular import client_address


def client_ip(request: HttpRequest) -> str:
    """`AXES_CLIENT_IP_CALLABLE`: the reader's address, behind `PROXY_COUNT` proxies too,
    resolved as the view beacon resolves it."""
    return client_address(request)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: 429 with the time to wait, never the form again."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    response = TemplateResponse(
        request,
        "desk/lockout.html",
        {
            "title": "Too many failed logins",
            "minutes": max(math.ceil(seconds / 60), 1),
            "failure_limit": get_failure_limit(request, credentials),
        },
        status=429,
    )
    if seconds:
        response["Retry-After"] = str(seconds)
    return response.render()
