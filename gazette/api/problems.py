"""Errors as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.http import HttpResponse

PROBLEM_JSON = "application/problem+json"


class ApiProblem(Exception):
    """Raised by the API's code: answered as a problem of this status with this detail."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra


def problem_response(status: int, detail: str, **extra: Any) -> HttpResponse:
    """`type` is `about:blank`: the status says what kind of problem it is (RFC 9457, 4.2.1),
    `title` is its phrase, `detail` what went wrong with this request."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_JSON)
