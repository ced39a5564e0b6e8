"""`manage.py api_schema > docs/openapi.json`: the API's OpenAPI document, as committed."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from gazette.api.api import api

PATH_PREFIX = "/api/v1"


def openapi_document() -> str:
    """The document, with a stable text: sorted keys, two-space indent, a final newline."""
    schema = api.get_openapi_schema(path_prefix=PATH_PREFIX)
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Print the OpenAPI document of the public API (docs/openapi.json)."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(openapi_document(), ending="")
