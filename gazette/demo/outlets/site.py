"""What each URL of an outlet answers: pages, feeds, sitemaps, robots.txt, images and 404s."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from hashlib import sha256
from typing import Protocol
from urllib.parse import unquote, urlsplit

from .feeds import render_feed
from .images import drawn_image_file, image_paths, placeholder_png, with_drawn_image
from .model import Outlet, OutletArticle
from .sitemaps import sitemaps_of
from .template_courier import CourierTemplate
from .template_tagblatt import TagblattTemplate
from .template_wirereview import WireReviewTemplate

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
FEED_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}


class OutletTemplate(Protocol):
    not_found: tuple[str, str]
    static_pages: dict[str, tuple[str, str]]

    def listings(self) -> dict[str, tuple[str, list[OutletArticle]]]: ...

    def article_page(self, article: OutletArticle, base: str) -> str: ...

    def listing_page(self, base: str, heading: str, articles: Sequence[OutletArticle]) -> str: ...

    def notice_page(self, base: str, heading: str, text: str) -> str: ...


TEMPLATES: dict[str, Callable[[Outlet], OutletTemplate]] = {
    "tagblatt": TagblattTemplate,
    "courier": CourierTemplate,
    "wirereview": WireReviewTemplate,
}


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)


def _is_not_modified(
    request_headers: Mapping[str, str], etag: str, changed: datetime | None
) -> bool:
    if_none_match = request_headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = request_headers.get("if-modified-since")
    if if_modified_since and changed is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return changed <= since
    return False


class OutletSite:
    def __init__(self, outlet: Outlet) -> None:
        self.outlet = outlet
        self.template = TEMPLATES[outlet.slug](outlet)
        self.listings = self.template.listings()
        self.sitemaps = sitemaps_of(outlet)
        self.images = {path for a in outlet.articles for path in image_paths(a.body_html)}

    def respond(self, target: str, request_headers: Mapping[str, str], base: str) -> Response:
        """Answer a GET for `target`; request_headers has lower-case names."""
        path = unquote(urlsplit(target).path)
        outlet, template = self.outlet, self.template
        article = outlet.article_at(path)
        if article is not None:
            return self._html(
                200,
                with_drawn_image(
                    template.article_page(article, base), article, base, outlet.language
                ),
            )
        if path == outlet.feed_path:
            feed = render_feed(outlet, base)
            return self._cacheable(feed, FEED_TYPES[outlet.feed_format], request_headers)
        if path in self.sitemaps:
            sitemap = self.sitemaps[path](outlet, base)
            return self._cacheable(sitemap, XML, request_headers)
        if path == "/robots.txt":
            lines = ["User-agent: *", "Allow: /", ""]
            lines += [f"Sitemap: {base}{sitemap_path}" for sitemap_path in self.sitemaps]
            return Response(200, "text/plain; charset=utf-8", "\n".join(lines).encode() + b"\n")
        if path in self.listings:
            heading, articles = self.listings[path]
            return self._html(200, template.listing_page(base, heading, articles))
        if path in template.static_pages:
            heading, text = template.static_pages[path]
            return self._html(200, template.notice_page(base, heading, text))
        if path in self.images:
            return Response(200, "image/png", placeholder_png(path))
        drawn = drawn_image_file(outlet, path)
        if drawn is not None:
            return Response(200, "image/jpeg", drawn)
        return self._html(404, template.notice_page(base, *template.not_found))

    def _html(self, status: int, page: str) -> Response:
        return Response(status, HTML, page.encode("utf-8"))

    def _cacheable(
        self, document: str, content_type: str, request_headers: Mapping[str, str]
    ) -> Response:
        body = document.encode("utf-8")
        etag = '"' + sha256(body).hexdigest()[:24] + '"'
        changed = self.outlet.last_changed
        headers = [("ETag", etag), ("Cache-Control", "public, max-age=60")]
        if changed is not None:
            headers.append(("Last-Modified", format_datetime(changed.astimezone(UTC), usegmt=True)))
        if _is_not_modified(request_headers, etag, changed):
            return Response(304, content_type, b"", headers)
        return Response(200, content_type, body, headers)
