"""Two-step sign-in for the desk: a TOTP authenticator app (pyotp), its QR code as inline SVG
(segno), and one-time recovery codes kept as keyed hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from gazette.desk.models import RecoveryCode, TwoStepSignIn

RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def _recovery_hash(code: str) -> str:
    normal = code.replace("-", "").replace(" ", "").lower()
    return hmac.new(settings.SECRET_KEY.encode(), normal.encode(), hashlib.sha256).hexdigest()


def two_step_enabled(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(
        user.pk
        and TwoStepSignIn.objects.filter(user_id=user.pk, confirmed_at__isnull=False).exists()
    )


def two_step_begin(*, user: AbstractBaseUser) -> TwoStepSignIn:
    """A new secret for the user to scan; not in force until a code confirms it."""
    sign_in, _created = TwoStepSignIn.objects.update_or_create(
        user_id=user.pk,
        defaults={"secret": pyotp.random_base32(), "confirmed_at": None, "last_step": 0},
    )
    sign_in.recovery_codes.all().delete()
    return sign_in


def provisioning_uri(sign_in: TwoStepSignIn) -> str:
    return pyotp.TOTP(sign_in.secret).provisioning_uri(
        name=sign_in.user.get_username(), issuer_name=f"{settings.SITE_NAME} desk"
    )


def qr_svg(sign_in: TwoStepSignIn) -> str:
    """The provisioning address as an inline <svg> (no image request, no script)."""
    return str(segno.make(provisioning_uri(sign_in), error="m").svg_inline(scale=4, border=2))


def _accept_totp(sign_in: TwoStepSignIn, code: str, *, at: float | None = None) -> bool:
    """Accept a code of this step or the one before/after (clock drift), once only."""
    digits = "".join(code.split())
    if not (digits.isdigit() and len(digits) == 6):
        return False
    totp = pyotp.TOTP(sign_in.secret)
    now = time.time() if at is None else at
    step = int(now // totp.interval)
    for candidate in (step, step - 1, step + 1):
        if candidate <= sign_in.last_step:
            continue
        if hmac.compare_digest(totp.at(candidate * totp.interval), digits):
            # Conditional, so two requests with the same code cannot both pass.
            return (
                TwoStepSignIn.objects.filter(pk=sign_in.pk, last_step__lt=candidate).update(
                    last_step=candidate
                )
                == 1
            )
    return False


def _new_recovery_codes(sign_in: TwoStepSignIn) -> list[str]:
    sign_in.recovery_codes.all().delete()
    codes = [
        "".join(secrets.choice(_ALPHABET) for _ in range(5))
        + "-"
        + "".join(secrets.choice(_ALPHABET) for _ in range(5))
        for _ in range(RECOVERY_CODES)
    ]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(sign_in=sign_in, code_hash=_recovery_hash(code)) for code in codes
    )
    return codes


def two_step_confirm(*, sign_in: TwoStepSignIn, code: str) -> list[str] | None:
    """Put the sign-in in force if `code` is right; return the recovery codes (shown once)."""
    with transaction.atomic():
        if not _accept_totp(sign_in, code):
            return None
        TwoStepSignIn.objects.filter(pk=sign_in.pk).update(confirmed_at=timezone.now())
        return _new_recovery_codes(sign_in)


def two_step_verify(*, user: AbstractBaseUser, code: str, at: float | None = None) -> bool:
    """True if `code` is the user's current authenticator code or an unused recovery code."""
    sign_in = TwoStepSignIn.objects.filter(user_id=user.pk, confirmed_at__isnull=False).first()
    if sign_in is None or not code.strip():
        return False
    if _accept_totp(sign_in, code, at=at):
        return True
    return (
        RecoveryCode.objects.filter(
            sign_in=sign_in, code_hash=_recovery_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        == 1
    )


def recovery_codes_left(*, user: AbstractBaseUser) -> int:
    return RecoveryCode.objects.filter(sign_in__user_id=user.pk, used_at__isnull=True).count()


def recovery_codes_renew(*, user: AbstractBaseUser) -> list[str]:
    sign_in = TwoStepSignIn.objects.get(user_id=user.pk, confirmed_at__isnull=False)
    return _new_recovery_codes(sign_in)


def two_step_disable(*, user: AbstractBaseUser) -> None:
    TwoStepSignIn.objects.filter(user_id=user.pk).delete()
