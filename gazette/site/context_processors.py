from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gazette.articles.selectors import sections_in_navigation
from gazette.site.stamp import per_change


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        # Lazy: pages that do not show the navigation (500, admin) cost no query.
        "nav_sections": SimpleLazyObject(lambda: per_change("nav", sections_in_navigation)),
    }
