"""The committed OpenAPI document is the one the code makes, and its docs page needs no CDN
and no inline script."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client

from gazette.api.management.commands.api_schema import openapi_document

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_committed_openapi_document_is_current() -> None:
    assert json.loads(COMMITTED.read_text()) == json.loads(openapi_document()), (
        "docs/openapi.json is stale: regenerate it with "
        "`.venv/bin/python manage.py api_schema > docs/openapi.json`"
    )


def test_the_document_states_the_limits(db: None, client: Client) -> None:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    assert schema["openapi"].startswith("3.1")
    limit = next(
        p for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"] if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == 100
    problem = schema["paths"]["/api/v1/articles/"]["get"]["responses"]["400"]["content"]
    assert list(problem) == ["application/problem+json"]


def test_docs_page_serves_our_own_scripts_under_the_site_policy(db: None, client: Client) -> None:
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources and all(src.startswith("/static/ninja/") for src in sources)
    assert "http" not in " ".join(re.findall(r'(?:src|href)="([^"]+)"', html)), "no CDN"
    # Every <script> either loads a file or holds data (JSON is never executed).
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for src in sources:  # collected by collectstatic from the ninja app, served by whitenoise
        assert finders.find(src.removeprefix("/static/")), src


def test_the_committed_document_is_valid_openapi() -> None:
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation import OpenAPIV31SpecValidator

    document = json.loads(COMMITTED.read_text())
    validate(document, cls=OpenAPIV31SpecValidator)  # raises with the first error found
    writes = {
        path: operations["post"]
        for path, operations in document["paths"].items()
        if "post" in operations
    }
    assert sorted(writes) == ["/api/v1/entries/", "/api/v1/sources/"]
    for operation in writes.values():
        assert operation["security"] == [{"KeyAuth": []}]
        assert {"401", "403"} <= set(operation["responses"])
    assert document["components"]["securitySchemes"]["KeyAuth"]["scheme"] == "bearer"
