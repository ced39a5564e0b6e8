"""sitemap.xml (an index of the sitemaps below) and a Google News sitemap, with Django's
sitemaps framework. Stories whose source says `noindex` are left out of every sitemap."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from gazette.articles import selectors
from gazette.articles.models import Article, Section, Tag
from gazette.sources.models import Source
from gazette.states import LicencePolicy


class SiteSitemap(Sitemap):
    """URLs are built from the request's host (checked against ALLOWED_HOSTS) and scheme."""


class ArticleSitemap(SiteSitemap):
    changefreq = "daily"
    limit = 5000

    def items(self) -> QuerySet[Article]:
        return (
            selectors.articles_published()
            .filter(source__licence=LicencePolicy.FULL)
            .defer("body_html", "standfirst", "minhash")
        )

    def get_latest_lastmod(self) -> datetime | None:
        return selectors.site_last_changed()  # one query, not one per article

    def lastmod(self, item: Article) -> datetime:
        if item.modified_at:
            return item.modified_at
        # An undated article's page changed when it was made public here, not at a time
        # the outlet gave.
        if item.published_at_estimated:
            return item.made_public_at or item.updated_at
        return item.published_at


class NewsSitemap(ArticleSitemap):
    """The last 48 hours, with the <news:news> block Google News reads."""

    limit = 1000

    def items(self) -> QuerySet[Article]:
        return (
            selectors.articles_recent_for_news(hours=48)
            # A story whose outlet gave no date is not declared news of a given day.
            .filter(source__licence=LicencePolicy.FULL, published_at_estimated=False)
            .defer("body_html", "minhash")
        )


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self) -> QuerySet[Section]:
        return selectors.sections_with_articles()


class TagSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self) -> QuerySet[Tag]:
        return selectors.tags_with_articles()


class SourceSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self) -> QuerySet[Source]:
        return selectors.sources_with_articles()

    def location(self, item: Source) -> str:
        return reverse("site:source", args=[item.slug])


class PageSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self) -> list[str]:
        return ["site:home", "site:archive", "site:about", "site:imprint", "site:privacy"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "sources": SourceSitemap,
}
