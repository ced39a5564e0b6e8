from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gazette.articles.selectors import sections_in_navigation
from gazette.lib.reversing import reverse_cached
from gazette.lib.stamp import per_change
from gazette.subscriptions.services import form_token

# Addresses every page's masthead and footer link to (reversed once per process).
SITE_LINKS = (
    "home", "archive", "rss", "atom", "search", "about", "imprint", "privacy", "manifest",
    "newsletter",
)  # fmt: skip


class SiteLinks:
    """`{{ links.archive }}`: the address of a site page, looked up only when used."""

    def __getitem__(self, name: str) -> str:
        if name not in SITE_LINKS:
            raise KeyError(name)
        return reverse_cached(f"site:{name}")


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        # Lazy: pages that do not show the navigation (500, admin) cost no query.
        "nav_sections": SimpleLazyObject(lambda: per_change("nav", sections_in_navigation)),
        "links": SiteLinks(),
        # The newsletter box's signed start time (gazette.subscriptions.services.form_token).
        "form_started": SimpleLazyObject(form_token),
    }
