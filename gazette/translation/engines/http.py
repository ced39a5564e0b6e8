"""What the HTTP engines share: one JSON POST through gazette.lib.fetch, with retries."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from html import escape, unescape
from typing import Any

from django.conf import settings

from gazette.lib.fetch import Fetcher, FetchError, FetchPolicy, FetchTimeout
from gazette.lib.retry import backoff_delay
from gazette.translation.engines.base import (
    EngineOutputError,
    EngineRequestError,
    EngineUnavailable,
    TranslationEngine,
)
from gazette.translation.segments import PLACEHOLDER

RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504, 529})


def api_policy() -> FetchPolicy:
    # Engine endpoints are chosen by the operator (often a server on the same network).
    return FetchPolicy(
        user_agent=settings.FETCH_USER_AGENT,
        timeout=settings.TRANSLATION_TIMEOUT,
        max_bytes=settings.FETCH_MAX_BYTES,
        allow_private=True,
        obey_robots=False,
    )


def to_markup(text: str) -> str:
    """Escape text for an engine that handles tags, keeping the placeholders as tags."""
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape(text[position : match.start()], quote=False))
        parts.append(match.group(0))
        position = match.end()
    parts.append(escape(text[position:], quote=False))
    return "".join(parts)


def from_markup(text: str) -> str:
    return unescape(text)


class HTTPEngine(TranslationEngine):
    remote = True

    def post(self, url: str, payload: object, headers: Mapping[str, str] | None = None) -> Any:
        """POST JSON and return the decoded answer; retry 429/5xx and timeouts with backoff."""
        attempts = max(settings.TRANSLATION_RETRIES, 1)
        last = ""
        with Fetcher(api_policy()) as fetcher:
            for attempt in range(1, attempts + 1):
                try:
                    result = fetcher.post_json(url, payload, headers=headers)
                except FetchTimeout as exc:
                    last = str(exc)
                except FetchError as exc:
                    last = str(exc)
                else:
                    if result.status_code < 300:
                        try:
                            return json.loads(result.body)
                        except ValueError:
                            raise EngineOutputError(
                                f"{self.label} answered HTTP {result.status_code} with a body "
                                f"that is not JSON: {result.body[:200]!r}"
                            ) from None
                    message = self.error_message(result.body)
                    last = f"HTTP {result.status_code} from {url}: {message}"
                    if result.status_code not in RETRYABLE:
                        raise EngineRequestError(f"{self.label} refused the request: {last}")
                    retry_after = result.headers.get("retry-after", "")
                    if attempt < attempts and retry_after.isdigit():
                        time.sleep(min(float(retry_after), 30.0))
                        continue
                if attempt < attempts:
                    delay = backoff_delay(
                        attempt,
                        base_seconds=settings.TRANSLATION_RETRY_SECONDS,
                        max_seconds=60,
                    )
                    time.sleep(delay.total_seconds())
        raise EngineUnavailable(f"{self.label} unavailable after {attempts} attempts: {last}")

    def error_message(self, body: bytes) -> str:
        try:
            data = json.loads(body)
        except ValueError:
            return body[:200].decode("utf-8", "replace") or "(no body)"
        if isinstance(data, dict):
            error = data.get("error") or data.get("message") or data.get("detail") or data
            if isinstance(error, dict):
                error = error.get("message") or error
            return str(error)[:300]
        return str(data)[:300]
