"""An Akismet-compatible comment check (optional: AKISMET_URL, AKISMET_API_KEY).

The service is configured by an administrator, not given by a reader, so it is asked with a
plain httpx POST (short timeout) rather than through the fetcher that guards reader-given
URLs. A service that cannot be reached holds nothing back: the local checks still run.
"""

from __future__ import annotations

import logging

import httpx
from django.conf import settings

logger = logging.getLogger(__name__)
TIMEOUT = 5.0


def akismet_check(fields: dict[str, str]) -> str:
    """A hold reason when the service calls the comment spam, else ""."""
    data = {"blog": settings.SITE_URL, "comment_type": "comment", **fields}
    if settings.AKISMET_API_KEY:
        data["api_key"] = settings.AKISMET_API_KEY
    try:
        response = httpx.post(settings.AKISMET_URL, data=data, timeout=TIMEOUT)
    except httpx.HTTPError as error:
        logger.warning("Akismet-compatible service at %s: %s", settings.AKISMET_URL, error)
        return ""
    answer = response.text.strip().lower()
    if response.status_code == 200 and answer == "true":
        return "the spam service (AKISMET_URL) calls it spam"
    if response.status_code != 200 or answer != "false":
        logger.warning(
            "Akismet-compatible service answered %s %r", response.status_code, answer[:80]
        )
    return ""
