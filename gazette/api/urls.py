"""The API's addresses: django-ninja's, each wrapped by `http.api_view` (rate limit, CORS,
validators), and a problem+json 404 for any other address below /api/v1/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, re_path

from gazette.api.api import api
from gazette.api.http import api_view
from gazette.api.problems import problem_response

app_name = "api"


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(404, "The API has no such address; see /api/v1/docs/.")


def _wrapped(pattern: object) -> URLPattern:
    assert isinstance(pattern, URLPattern)
    return URLPattern(
        pattern.pattern, api_view(pattern.callback), pattern.default_args, pattern.name
    )


urlpatterns = [
    *(_wrapped(pattern) for pattern in api.urls[0]),
    re_path(r"^(?P<rest>.*)$", api_view(not_found)),
]
