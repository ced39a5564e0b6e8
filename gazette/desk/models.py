"""The desk's own rows: two-step sign-in (TOTP) for staff who choose it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TwoStepSignIn(models.Model):
    """A staff member's authenticator app: its shared secret, confirmed by a first code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_step_sign_in"
    )
    secret = models.CharField(max_length=64, help_text="Base32 TOTP secret.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last 30-second step a code was accepted for: a code is never accepted twice.
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "two-step sign-in"

    def __str__(self) -> str:
        return f"two-step sign-in of {self.user}"


class RecoveryCode(models.Model):
    """A one-time code for a lost phone; only its keyed hash is kept."""

    sign_in = models.ForeignKey(
        TwoStepSignIn, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code of {self.sign_in.user}"
