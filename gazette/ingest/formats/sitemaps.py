"""XML sitemaps and Google News sitemaps (`<news:publication_date>`, `<lastmod>`)."""

from __future__ import annotations

from datetime import UTC, datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from gazette.ingest.formats.base import (
    ListedItem,
    Listing,
    ListingError,
    ListingFormat,
    item_link,
    register,
)

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def sniff(body: bytes, content_type: str) -> bool:
    head = body[:2048]
    return b"<urlset" in head or b"<sitemapindex" in head


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse(body: bytes, base_url: str) -> Listing:
    try:
        root = fromstring(body, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ListingError(f"refused sitemap: {type(exc).__name__}") from exc
    except Exception as exc:
        raise ListingError(f"broken sitemap: {exc}") from exc
    skipped: list[str] = []
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        children = [
            (_date(node.findtext(f"{SITEMAP_NS}lastmod")), loc)
            for node in root.iter(f"{SITEMAP_NS}sitemap")
            if (
                loc := item_link(
                    node.findtext(f"{SITEMAP_NS}loc") or "", base_url, skipped, what="sitemap"
                )
            )
            and loc != base_url
        ]
        # Newest first: news lives in the recently modified sitemaps.
        children.sort(key=lambda pair: pair[0] or datetime.min.replace(tzinfo=UTC), reverse=True)
        return Listing("sitemap-index", [], [loc for _when, loc in children], skipped=skipped)
    items: list[ListedItem] = []
    for url in root.iter(f"{SITEMAP_NS}url"):
        loc = item_link(url.findtext(f"{SITEMAP_NS}loc") or "", base_url, skipped)
        if not loc or loc == base_url:
            continue
        items.append(
            ListedItem(
                url=loc,
                title=(url.findtext(f"{NEWS_NS}news/{NEWS_NS}title") or "").strip(),
                published_at=_date(url.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")),
                updated_at=_date(url.findtext(f"{SITEMAP_NS}lastmod")),
            )
        )
    return Listing(
        "news-sitemap" if "sitemap-news" in body[:2048].decode("latin-1") else "sitemap",
        items,
        skipped=skipped,
    )


register(ListingFormat("sitemap", sniff, parse))
