"""What every listing format shares: the items it yields, its errors, and the registry the
format modules add themselves to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from gazette.lib.urls import UnsafeURL, web_url


@dataclass(frozen=True)
class ListedItem:
    """One article a listing points at, with what the listing says about it."""

    url: str
    title: str = ""
    author: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    summary: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap holds: articles, and for sitemap indexes, more listings.

    Every URL in it is an absolute http(s) URL (`lib.urls.web_url`); an item or child whose
    link is not is left out, and `skipped` says which and why.
    """

    format: str
    items: list[ListedItem]
    children: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def item_link(value: object, base_url: str, skipped: list[str], *, what: str = "item") -> str:
    """The listed link as an absolute http(s) URL, or "" with the reason added to `skipped`."""
    try:
        return web_url(value, base=base_url)
    except UnsafeURL as exc:
        shown = repr(value)[:120] if isinstance(value, str) else type(value).__name__
        skipped.append(f"{what} skipped: its link {shown} is not usable ({exc})")
        return ""


class ListingError(Exception):
    """The bytes are not a listing Gazette can read; `str()` says why, for an editor."""


@dataclass(frozen=True)
class ListingFormat:
    name: str
    sniff: Callable[[bytes, str], bool]
    parse: Callable[[bytes, str], Listing]


REGISTRY: list[ListingFormat] = []


def register(fmt: ListingFormat) -> ListingFormat:
    REGISTRY.append(fmt)
    return fmt


def refuse_dangerous_xml(body: bytes) -> None:
    """Refuse entity declarations and external references before any parser expands them."""
    head = body[:65536].lower()
    if b"<!entity" not in head and b"<!doctype" not in head:
        return
    try:
        defused_fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ListingError(
            f"refused: the XML declares entities or external references ({type(exc).__name__}); "
            "such documents can expand without bound or read local files"
        ) from exc
    except Exception:  # noqa: S110 - malformed XML is the format parser's to report
        pass
