"""The site's own pages as the migration creates them, for tests that run after a
transactional test has emptied every table."""

from __future__ import annotations

import importlib

from gazette.site.models import SitePage


def ensure_site_pages() -> None:
    migration = importlib.import_module("gazette.site.migrations.0002_default_site_pages")
    for slug, title, body in migration.PAGES:
        SitePage.objects.get_or_create(slug=slug, defaults={"title": title, "body_html": body})
