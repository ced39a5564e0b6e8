"""The desk: every app's models in the admin, registered from here (the top layer), so the
admin may drive the flow (publish, withdraw, retry) without a stage importing the flow."""

from gazette.desk.admin import (
    api_keys,
    articles,
    comments,
    discovery,
    ingest,
    site_pages,
    sources,
    subscriptions,
    translation,
)

__all__ = [
    "api_keys",
    "articles",
    "comments",
    "discovery",
    "ingest",
    "site_pages",
    "sources",
    "subscriptions",
    "translation",
]
