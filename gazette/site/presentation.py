"""What the public pages say about an article beyond its fields: licence, summary, share
links, structured data (JSON-LD, Open Graph) and language alternates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings

from gazette.articles.models import Article
from gazette.lib.html_clean import html_to_text
from gazette.site.excerpts import excerpt, first_sentences
from gazette.site.pictures import picture_of
from gazette.states import LicencePolicy
from gazette.translation.selectors import translation_for_display
from gazette.translation.services import EDITORS_LABEL

SUMMARY_CHARS = 320
TEASER_CHARS = 200


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def article_summary(article: Article, limit: int = SUMMARY_CHARS) -> str:
    """Standfirst, else the opening of the body, cut at a sentence boundary."""
    text = article.standfirst or html_to_text(article.body_html)
    return first_sentences(text, limit)


def article_teaser(article: Article, limit: int = TEASER_CHARS) -> str:
    return excerpt(article.standfirst or html_to_text(article.body_html), limit)


def shows_full_text(article: Article) -> bool:
    return article.source.licence == LicencePolicy.FULL


def is_indexable(article: Article) -> bool:
    """Search engines may index our copy of full-text stories; excerpts and links say noindex."""
    return article.source.licence == LicencePolicy.FULL and article.source.allow_search_engines


def is_translation(article: Article) -> bool:
    return bool(article.source.language) and article.language != article.source.language


def canonical_url(article: Article) -> str:
    """A translation is a work of its own (canonical here); a copy points at its original."""
    return absolute(article.get_absolute_url()) if is_translation(article) else article.original_url


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    href: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Plain links to each network's own share page: no third-party script on our page."""
    text = f"{title} {url}"
    return [
        ShareLink(
            "email",
            "E-mail",
            "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        ),
        ShareLink(
            "mastodon",
            "Mastodon",
            "https://mastodonshare.com/?" + urlencode({"text": title, "url": url}),
        ),
        ShareLink(
            "bluesky", "Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ShareLink(
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
    ]


def article_jsonld(article: Article) -> dict[str, Any]:
    """schema.org NewsArticle; a translation names the work it translates."""
    url = absolute(article.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "inLanguage": article.language,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")},
        "isBasedOn": article.original_url,
        "sourceOrganization": {"@type": "NewsMediaOrganization", "name": article.source.name}
        | ({"url": article.source.homepage} if article.source.homepage else {}),
    }
    # Only times the outlet gave: an undated article (first seen by Gazette) has neither.
    if not article.published_at_estimated:
        data["datePublished"] = article.published_at.isoformat()
    if article.modified_at or not article.published_at_estimated:
        data["dateModified"] = (article.modified_at or article.published_at).isoformat()
    if article.standfirst:
        data["description"] = article_summary(article)
    if article.author:
        data["author"] = [{"@type": "Person", "name": article.author}]
    else:
        data["author"] = [{"@type": "Organization", "name": article.source.name}]
    image = _stored_image_url(article)
    if image:
        data["image"] = [image]
    if article.section_id and article.section is not None:
        data["articleSection"] = article.section.name
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    if is_translation(article):
        data["translationOfWork"] = {
            "@type": "NewsArticle",
            "url": article.original_url,
            "inLanguage": article.source.language,
        }
        display = translation_for_display(article)
        if display is not None:
            # Machine translation is credited to the engine, the editors' to the newsroom; a
            # review adds the newsroom.
            newsroom = {"@type": "Organization", "name": f"{settings.SITE_NAME} editors"}
            by_editors = display.engine_label == EDITORS_LABEL
            data["translator"] = [
                newsroom if by_editors else {"@type": "Organization", "name": display.engine_label}
            ]
            if display.reviewed and not by_editors:
                data["translator"].append(
                    {"@type": "Organization", "name": f"{settings.SITE_NAME} editors"}
                )
    return data


def _stored_image_url(article: Article) -> str:
    """Our largest stored JPEG of the lead image (absolute), or ''; never the outlet's copy."""
    picture = picture_of(article)
    return absolute(picture.jpeg[-1][0]) if picture is not None else ""


def open_graph(article: Article) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples for Open Graph and Twitter card <meta> tags."""
    summary = article_summary(article, 200)
    image = _stored_image_url(article)
    tags: list[tuple[str, str, str]] = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", settings.SITE_NAME),
        ("property", "og:title", article.title),
        ("property", "og:url", absolute(article.get_absolute_url())),
        ("property", "og:locale", article.language),
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", article.title),
    ]
    if not article.published_at_estimated:  # never the time Gazette first saw it
        tags.append(("property", "article:published_time", article.published_at.isoformat()))
    if summary:
        tags += [("property", "og:description", summary), ("name", "twitter:description", summary)]
    if article.modified_at:
        tags.append(("property", "article:modified_time", article.modified_at.isoformat()))
    if article.section_id and article.section is not None:
        tags.append(("property", "article:section", article.section.name))
    if image:
        tags.append(("property", "og:image", image))
        tags.append(("name", "twitter:image", image))
        if article.image_alt:
            tags.append(("property", "og:image:alt", article.image_alt))
            tags.append(("name", "twitter:image:alt", article.image_alt))
    tags += [("property", "article:tag", tag.name) for tag in article.tags.all()]
    return tags
