"""The data model of the fictional demo outlets: an outlet and the articles it carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class OutletArticle:
    """One story as its outlet publishes it.

    body_html is exactly what a perfect extractor returns: the body without headline,
    standfirst, byline or any clutter. `event` is shared by reports of the same news across
    outlets; `wire_id` is shared by the near-identical agency copies on two outlets.
    """

    slug: str
    title: str
    standfirst: str
    author: str | None
    section: str
    published: datetime | None
    modified: datetime | None
    body_html: str
    path: str
    event: str | None
    wire_id: str | None

    @property
    def last_changed(self) -> datetime | None:
        return self.modified or self.published


@dataclass(frozen=True)
class Outlet:
    """A fictional news site: its feed ("rss" or "atom"), its sitemap and its articles."""

    slug: str
    name: str
    language: str
    feed_path: str
    feed_format: str
    sitemap_path: str
    articles: tuple[OutletArticle, ...]

    def article_at(self, path: str) -> OutletArticle | None:
        for article in self.articles:
            if article.path == path:
                return article
        return None

    def newest_first(self) -> list[OutletArticle]:
        """Dated articles newest first, then the undated ones in catalogue order."""
        dated = sorted(
            (article for article in self.articles if article.published is not None),
            key=lambda article: article.published.timestamp() if article.published else 0.0,
            reverse=True,
        )
        return dated + [article for article in self.articles if article.published is None]

    @property
    def last_changed(self) -> datetime | None:
        """When the newest dated article was published or last modified."""
        stamps = [a.last_changed for a in self.articles if a.last_changed is not None]
        return max(stamps) if stamps else None
