"""The desk's template filters: times with their zone, failure reasons in words."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from gazette.sources.reasons import readable_text

register = template.Library()


@register.filter
def desk_time(value: datetime | None) -> str:
    """'5 Dec 2026, 14:03 CET': the newsroom's time, with its zone."""
    if not value:
        return "—"
    local = timezone.localtime(value)
    return f"{date_format(local, 'j M Y, H:i')} {local.strftime('%Z')}"


@register.filter
def readable_reason(value: str) -> str:
    return readable_text(value or "")
