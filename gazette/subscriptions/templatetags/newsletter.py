"""What the sign-up form needs to know on any page: whether it asks for a proof of work."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def newsletter_pow_bits() -> int:
    """NEWSLETTER_POW_BITS: 0 when the form asks for no proof of work."""
    return max(0, int(settings.NEWSLETTER_POW_BITS))
