"""RSS 2.0 and Atom for the site, each section, tag and source, and the search (Django's
syndication framework), all through one base class, `StoryFeed`.

What an item carries follows the source's licence: the full text (`content:encoded` in RSS,
`<content>` in Atom) only for `full`; a summary cut at a sentence boundary and a "Read at"
line for `excerpt`; the headline and link alone for `link`. A translation says so.

Every feed carries its text as text: the HTML parts (description, full text) are built by
`item_description_html` and `item_full_text`, in which every piece of text is escaped and the
body is sanitised again; then `feed_text` makes every string of the feed and its items one
XML 1.0 can carry (a control character would otherwise stop the document with an error).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import format_html

from gazette.articles import selectors
from gazette.articles.models import Article, Section, Tag
from gazette.lib.html_clean import sanitize_article_html
from gazette.site.presentation import article_summary, is_translation, shows_full_text
from gazette.sources.models import Source
from gazette.states import LicencePolicy
from gazette.translation.selectors import language_name

FEED_SIZE = 30
# Characters XML 1.0 does not allow (Django's feed writer refuses the first kind with an
# error; a parser refuses the non-characters U+FFFE and U+FFFF).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def feed_text(value: str) -> str:
    """The text as XML 1.0 can carry it: characters it forbids dropped, lone surrogates (from a
    query string) replaced."""
    return NOT_XML.sub("", value).encode("utf-8", "replace").decode("utf-8")


def _web_address(url: str) -> str:
    """The address if it is an http(s) one: a feed never links `javascript:` or `data:`."""
    return url if urlsplit(url).scheme in ("http", "https") else ""


def item_description_html(article: Article) -> str:
    """The item's summary as HTML, every piece of text in it escaped: the summary, the "Read
    at" line of an excerpt, and the line that says an article is a translation."""
    licence = article.source.licence
    if licence == LicencePolicy.LINK:
        return ""
    parts = [format_html("<p>{}</p>", article_summary(article))]
    if licence == LicencePolicy.EXCERPT:
        address = _web_address(article.original_url)
        read_at = f"Read at {article.source.name}"
        parts.append(
            format_html('<p><a href="{}">{}</a></p>', address, read_at)
            if address
            else format_html("<p>{}</p>", read_at)
        )
    if is_translation(article):
        original = language_name(article.original_language or article.source.language)
        parts.append(format_html("<p>Translated from {}.</p>", original))
    return "".join(parts)


def item_full_text(article: Article) -> str:
    """The body as HTML for `full` sources (sanitised again: the feed never trusts what is
    stored), else nothing."""
    return sanitize_article_html(article.body_html) if shows_full_text(article) else ""


def _feed_values(values: dict[str, Any]) -> None:
    """Every string of a feed's or an item's values through `feed_text`, in place."""
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = feed_text(value)
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            values[key] = type(value)(feed_text(v) for v in value)


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


class StoryFeed(Feed):
    """What every feed of articles shares: how an item is told, and text safe for XML.
    Subclasses give the feed's title, link and items."""

    feed_type: type[SyndicationFeed] = FullTextRss
    language = settings.LANGUAGE_CODE

    def get_feed(self, obj: Any, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        _feed_values(feed.feed)
        for item in feed.items:
            _feed_values(item)
        return feed

    def item_title(self, item: Article) -> str:
        return item.title

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        return settings.SITE_URL + item.get_absolute_url()

    def item_description(self, item: Article) -> str:
        return item_description_html(item)

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        return {"content_html": item_full_text(item)}

    def item_pubdate(self, item: Article) -> datetime | None:
        # No pubDate (Atom: no <published>) for an undated article: its time is when Gazette
        # first saw it, which the outlet never said (docs/site.md, "Times").
        return None if item.published_at_estimated else item.published_at

    def item_updateddate(self, item: Article) -> datetime:
        # Atom's <updated> is when our entry last changed: for an undated article, when it
        # was made public here.
        if item.modified_at:
            return item.modified_at
        if item.published_at_estimated:
            return item.made_public_at or item.updated_at
        return item.published_at

    def item_author_name(self, item: Article) -> str:
        return item.author or item.source.name

    def item_categories(self, item: Article) -> list[str]:
        names = [item.section.name] if item.section is not None else []
        return names + [tag.name for tag in item.tags.all()]


class ArticleFeed(StoryFeed):
    """The newest stories of the site; subclasses narrow the list."""

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
        return reverse("site:source", args=[obj.slug])

    def articles(self, obj: Any) -> QuerySet[Article]:
        return selectors.articles_from_source(obj)


class SourceAtomFeed(SourceFeed):
    feed_type = FullTextAtom
    subtitle = ArticleFeed.description
