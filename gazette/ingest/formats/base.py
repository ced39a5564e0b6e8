"""What every listing format shares: the items it yields, its errors, and the registry the
format modules add themselves to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring


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
    """What a feed or sitemap holds: articles, and for sitemap indexes, more listings."""

    format: str
    items: list[ListedItem]
    children: list[str] = field(default_factory=list)


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
