"""What every response must say about content and browser features: shared by the header
tests, the every-URL walk and the browser tests."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Features every page turns off (Permissions-Policy), at least these.
FEATURES_OFF = ("camera", "microphone", "geolocation", "interest-cohort", "payment", "usb")


def directives(header: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            parsed[name] = values
    return parsed


def assert_policies(headers: Mapping[str, str] | object, where: str) -> None:
    """Both headers are there; the CSP allows no inline script or style and no plugin, base
    or frame tricks; the listed browser features are off."""
    get = getattr(headers, "get")  # noqa: B009  (a response, a dict or an HttpHeaders)
    csp = get("Content-Security-Policy")
    assert csp, f"{where}: no Content-Security-Policy"
    policy = directives(csp)
    for name in ("script-src", "style-src"):
        assert "'self'" in policy.get(name, []), f"{where}: {name} {policy.get(name)}"
        assert "'unsafe-inline'" not in policy[name], f"{where}: {name} allows inline"
        assert "'unsafe-eval'" not in policy[name], f"{where}: {name} allows eval"
    assert policy.get("object-src") == ["'none'"], where
    assert policy.get("base-uri") == ["'none'"], where
    assert policy.get("frame-ancestors") == ["'none'"], where
    permissions = get("Permissions-Policy")
    assert permissions, f"{where}: no Permissions-Policy"
    features = dict(item.strip().split("=", 1) for item in permissions.split(","))
    for feature in FEATURES_OFF:
        assert features.get(feature) == "()", f"{where}: {feature} is not off"


def page_nonces(body: str) -> set[str]:
    return set(re.findall(r'\snonce="([^"]+)"', body))


def assert_nonces_match(body: str, csp: str, where: str) -> None:
    """Every nonce in the page is one its own header allows."""
    allowed = set(re.findall(r"'nonce-([^']+)'", csp))
    assert page_nonces(body) <= allowed, f"{where}: the page's nonces are not in its header"
