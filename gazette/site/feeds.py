"""RSS 2.0 and Atom for the site, each section, tag and source (Django's syndication framework).

What an item carries follows the source's licence: the full text (`content:encoded` in RSS,
`<content>` in Atom) only for `full`; a summary cut at a sentence boundary and a "Read at"
line for `excerpt`; the headline and link alone for `link`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from gazette.articles import selectors
from gazette.articles.models import Article, Section, Tag
from gazette.site.presentation import article_summary, shows_full_text
from gazette.sources.models import Source
from gazette.states import LicencePolicy

FEED_SIZE = 30


class FullTextRss(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class FullTextAtom(Atom1Feed):
    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ArticleFeed(Feed):
    """The newest stories of the site; subclasses narrow the list."""

    feed_type: type[SyndicationFeed] = FullTextRss
    language = settings.LANGUAGE_CODE

    def title(self, obj: Any = None) -> str:
        return f"{settings.SITE_NAME}: latest stories"

    def description(self, obj: Any = None) -> str:
        return f"The newest stories on {settings.SITE_NAME}, each linked to its original."

    def link(self, obj: Any = None) -> str:
        return "/"

    def articles(self, obj: Any) -> QuerySet[Article]:
        return selectors.articles_published()

    def items(self, obj: Any = None) -> list[Article]:
        return list(self.articles(obj).prefetch_related("tags")[:FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        return settings.SITE_URL + item.get_absolute_url()

    def item_description(self, item: Article) -> str:
        if item.source.licence == LicencePolicy.LINK:
            return ""
        summary = escape(article_summary(item))
        if item.source.licence == LicencePolicy.EXCERPT:
            link = escape(item.original_url)
            return f'<p>{summary}</p><p><a href="{link}">Read at {escape(item.source.name)}</a></p>'
        return f"<p>{summary}</p>"

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        return {"content_html": item.body_html if shows_full_text(item) else ""}

    def item_pubdate(self, item: Article) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime:
        return item.modified_at or item.published_at

    def item_author_name(self, item: Article) -> str:
        return item.author or item.source.name

    def item_categories(self, item: Article) -> list[str]:
        names = [item.section.name] if item.section is not None else []
        return names + [tag.name for tag in item.tags.all()]


class SiteAtomFeed(ArticleFeed):
    feed_type = FullTextAtom
    subtitle = ArticleFeed.description


class SectionFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Section:
        section = selectors.section_by_slug(slug)
        if section is None:
            raise Http404("No such section.")
        return section

    def title(self, obj: Any = None) -> str:
        return f"{settings.SITE_NAME}: {obj}"

    def link(self, obj: Any = None) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Any) -> QuerySet[Article]:
        return selectors.articles_in_section(obj)


class SectionAtomFeed(SectionFeed):
    feed_type = FullTextAtom
    subtitle = ArticleFeed.description


class TagFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        tag = selectors.tag_by_slug(slug)
        if tag is None:
            raise Http404("No such tag.")
        return tag

    def title(self, obj: Any = None) -> str:
        return f"{settings.SITE_NAME}: stories about {obj}"

    def link(self, obj: Any = None) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Any) -> QuerySet[Article]:
        return selectors.articles_tagged(obj)


class TagAtomFeed(TagFeed):
    feed_type = FullTextAtom
    subtitle = ArticleFeed.description


class SourceFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Source:
        source = selectors.source_by_slug(slug)
        if source is None:
            raise Http404("No such source.")
        return source

    def title(self, obj: Any = None) -> str:
        return f"{settings.SITE_NAME}: stories from {obj}"

    def link(self, obj: Any = None) -> str:
        from django.urls import reverse

        return reverse("site:source", args=[obj.slug])

    def articles(self, obj: Any) -> QuerySet[Article]:
        return selectors.articles_from_source(obj)


class SourceAtomFeed(SourceFeed):
    feed_type = FullTextAtom
    subtitle = ArticleFeed.description
