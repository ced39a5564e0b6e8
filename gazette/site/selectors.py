"""Reads of the site's own data, and of what the site's forms offer."""

from __future__ import annotations

from datetime import datetime

from django.conf.locale import LANG_INFO

from gazette.articles.selectors import articles_published
from gazette.lib.stamp import per_change
from gazette.site.models import SitePage


def site_pages_last_changed() -> datetime | None:
    return SitePage.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()


def site_page_by_slug(slug: str) -> SitePage | None:
    return SitePage.objects.filter(slug=slug).first()


def language_name(code: str) -> str:
    """'de' -> 'German' (Django's own table of language names); an unknown code as it is."""
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0])
    return str(info["name"]) if info and "name" in info else code


def _original_languages() -> list[tuple[str, str]]:
    codes = (
        articles_published()
        .exclude(original_language="")
        .order_by()
        .values_list("original_language", flat=True)
        .distinct()
    )
    return sorted(((code, language_name(code)) for code in codes), key=lambda item: item[1])


def original_languages() -> list[tuple[str, str]]:
    """(code, name) of every language published articles were written in, by name: what the
    search's language filter offers. Read once per change."""
    return per_change("original-languages", _original_languages)
