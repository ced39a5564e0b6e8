"""Opaque cursors: the position after the last item of a page, in URL-safe base64.

A cursor names its kind, so one list's cursor is refused by another. Whatever a client sends
is checked here; a cursor that does not decode is a 400, never a 500.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from gazette.api.problems import ApiProblem

MAX_ID = 2**63 - 1  # what a database's bigint holds
MAX_OFFSET = 10_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def _encode(*parts: str) -> str:
    return base64.urlsafe_b64encode("|".join(parts).encode()).decode().rstrip("=")


def _decode(cursor: str, kind: str, count: int) -> list[str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiProblem(400, "The cursor is not one this API gave out.") from None
    parts = raw.split("|")
    if len(parts) != count + 1 or parts[0] != kind:
        raise ApiProblem(400, "The cursor is not one this API gave out for this list.")
    return parts[1:]


def _number(text: str, *, top: int, bottom: int = 0) -> int:
    digits = text.removeprefix("-")
    if not (digits.isdigit() and len(digits) < 20) or not bottom <= int(text) <= top:
        raise ApiProblem(400, "The cursor is not one this API gave out.")
    return int(text)


def time_and_id(kind: str, when: datetime, pk: int) -> str:
    """A cursor after the item at (time, id), in a list ordered by both, newest first."""
    micros = (when - EPOCH) // MICROSECOND  # exact: a float would round the last digit
    return _encode(kind, str(micros), str(pk))


def read_time_and_id(kind: str, cursor: str) -> tuple[datetime, int]:
    micros, pk = _decode(cursor, kind, 2)
    # Between 0001-01-01 and 9999-12-31 (UTC), the datetimes Python has.
    when = _number(micros, bottom=-62_135_596_800_000_000, top=253_402_300_799_000_000)
    return EPOCH + when * MICROSECOND, _number(pk, top=MAX_ID)


def after_id(kind: str, pk: int) -> str:
    return _encode(kind, str(pk))


def read_after_id(kind: str, cursor: str) -> int:
    [pk] = _decode(cursor, kind, 1)
    return _number(pk, top=MAX_ID)


def offset(kind: str, value: int) -> str:
    return _encode(kind, str(value))


def read_offset(kind: str, cursor: str) -> int:
    [value] = _decode(cursor, kind, 1)
    return _number(value, top=MAX_OFFSET)
