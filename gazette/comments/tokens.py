"""Signed tokens in forms and links: each kind has its own salt and lifetime, so one cannot
stand in for another; a link's GET only shows a page, its POST does the work."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction

from gazette.comments.models import UsedToken

FORM, CONFIRM, MANAGE, UNSUBSCRIBE, DATA = (
    "comments.form",
    "comments.confirm",
    "comments.manage",
    "comments.unsubscribe",
    "comments.data",
)
FORM_MAX_AGE = 24 * 3600
CONFIRM_MAX_AGE = 7 * 24 * 3600
MANAGE_MAX_AGE = 30 * 24 * 3600
DATA_MAX_AGE = 2 * 24 * 3600


class BadToken(Exception):
    """Why a token is refused, said for the reader."""


@dataclass(frozen=True)
class FormStamp:
    article_id: int
    age: float


def make(kind: str, value: dict[str, object]) -> str:
    return signing.dumps(value, salt=kind, compress=True)


def read(kind: str, token: str, *, max_age: int | None) -> dict[str, object]:
    try:
        value = signing.loads(token, salt=kind, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken("This link or form has expired.") from None
    except signing.BadSignature:
        raise BadToken("This link or form is not one we made (it may be cut short).") from None
    if not isinstance(value, dict):
        raise BadToken("This link or form is not one we made.")
    return value


def form_stamp(article_id: int) -> str:
    return make(FORM, {"a": article_id, "t": time.time()})


def form_read(token: str, *, article_id: int) -> FormStamp:
    value = read(FORM, token, max_age=FORM_MAX_AGE)
    if value.get("a") != article_id:
        raise BadToken("This form belongs to another article.")
    return FormStamp(article_id, time.time() - float(value.get("t", 0)))  # type: ignore[arg-type]


def min_seconds() -> int:
    return int(settings.COMMENTS_MIN_SECONDS)


def spend(token: str) -> None:
    """Mark a single-use token used; a second use raises BadToken."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    try:
        with transaction.atomic():
            UsedToken.objects.create(digest=digest)
    except IntegrityError:
        raise BadToken("This link has already been used.") from None
