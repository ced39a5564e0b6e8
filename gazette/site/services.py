"""Writes of the site's own data: its pages (About, Imprint/Contact, Privacy)."""

from __future__ import annotations

from gazette.lib.html_clean import sanitize_article_html
from gazette.site.models import SitePage


def site_page_save(*, page: SitePage) -> SitePage:
    """Store an edited site page with its body sanitised (the page shows it as stored).

    Saving moves the public pages' change stamp (`site.signals`), so every cached page, whose
    footer links here, is built again."""
    page.body_html = sanitize_article_html(page.body_html)
    page.title = page.title.strip()
    page.save()
    return page
