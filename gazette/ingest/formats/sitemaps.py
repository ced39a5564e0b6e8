"""XML sitemaps and Google News sitemaps (`<news:publication_date>`, `<lastmod>`)."""

from __future__ import annotations

from datetime import UTC, datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from gazette.ingest.formats import ListedItem, ListingError, ListingFormat, register

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


def parse(body: bytes, base_url: str) -> list[ListedItem]:
    try:
        root = fromstring(body, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ListingError(f"refused sitemap: {type(exc).__name__}") from exc
    except Exception as exc:
        raise ListingError(f"broken sitemap: {exc}") from exc
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        raise ListingError(
            "this is a sitemap index: add one of its sitemaps as the source instead "
            "(following indexes arrives with the ingestion issue)"
        )
    items: list[ListedItem] = []
    for url in root.iter(f"{SITEMAP_NS}url"):
        loc = (url.findtext(f"{SITEMAP_NS}loc") or "").strip()
        if not loc:
            continue
        items.append(
            ListedItem(
                url=loc,
                title=(url.findtext(f"{NEWS_NS}news/{NEWS_NS}title") or "").strip(),
                published_at=_date(url.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")),
                updated_at=_date(url.findtext(f"{SITEMAP_NS}lastmod")),
            )
        )
    return items


register(ListingFormat("sitemap", sniff, parse))
