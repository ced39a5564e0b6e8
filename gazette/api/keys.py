"""API keys: made, checked and revoked here (the desk's admin calls these).

A token is `gz_` + an 8-character prefix + `_` + 32 random bytes (URL-safe base64): 256 bits
of entropy, so a plain SHA-256 of it is as good as a slow password hash and costs microseconds
per request. Only that hash is stored; the prefix (kept in the clear, unique) finds the row,
and the hashes are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from gazette.api.models import ApiKey

TOKEN_START = "gz_"  # noqa: S105 (the start every token shares, not a secret)
PREFIX_CHARS = 8
# `last_used_at` is written at most this often per key, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _prefix_of(token: str) -> str | None:
    if not token.startswith(TOKEN_START):
        return None
    prefix = token[len(TOKEN_START) : len(TOKEN_START) + PREFIX_CHARS]
    if len(prefix) != PREFIX_CHARS or token[len(TOKEN_START) + PREFIX_CHARS :][:1] != "_":
        return None
    return TOKEN_START + prefix


def api_key_create(
    *, owner: User, name: str, requests_per_minute: int | None = None
) -> tuple[ApiKey, str]:
    """Make a key for `owner`; returns it and its token, which is never seen again."""
    while True:
        prefix = TOKEN_START + secrets.token_hex(PREFIX_CHARS // 2)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    token = f"{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        name=name,
        owner=owner,
        prefix=prefix,
        key_hash=_digest(token),
        requests_per_minute=requests_per_minute,
    )
    return key, token


def api_key_for_token(token: str) -> ApiKey | None:
    """The live key of this token (not revoked, its owner an active staff member), or None."""
    prefix = _prefix_of(token)
    if prefix is None or len(token) > 200:
        return None
    key = ApiKey.objects.select_related("owner").filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.key_hash, _digest(token)):
        return None
    owner = key.owner
    if key.is_revoked or not owner.is_active or not getattr(owner, "is_staff", False):
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


def api_key_revoke(*, key: ApiKey) -> None:
    """Refuse the key from now on (kept, so the desk still shows who used what, when)."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=key.revoked_at)
