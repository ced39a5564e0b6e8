"""The site's own pages (About, Imprint/Contact, Privacy), written by editors in the desk."""

from __future__ import annotations

from django.db import models


class SitePage(models.Model):
    """A page of the site itself at a fixed address (`/about/`, `/imprint/`, `/privacy/`).

    `body_html` is sanitised by `site.services.site_page_save` before it is stored: the
    templates show it as it is."""

    ABOUT = "about"
    IMPRINT = "imprint"
    PRIVACY = "privacy"
    SLUGS = (ABOUT, IMPRINT, PRIVACY)

    slug = models.SlugField(
        unique=True,
        choices=[(ABOUT, "About"), (IMPRINT, "Imprint and contact"), (PRIVACY, "Privacy")],
        help_text="Which of the site's pages this is; its address is /<slug>/.",
    )
    title = models.CharField(max_length=200)
    body_html = models.TextField(
        "body",
        help_text="HTML: paragraphs, headings (h2–h4), lists, links, emphasis, quotes, tables. "
        "Anything else (scripts, styles, classes) is removed on save.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "site page"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.slug}/"
