"""Reading OPML subscription lists (what feed readers export) into source candidates."""

from __future__ import annotations

from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


@dataclass(frozen=True)
class FeedOutline:
    title: str
    feed_url: str
    homepage: str
    language: str


class OPMLError(Exception):
    pass


def parse_opml(data: bytes) -> list[FeedOutline]:
    """Every outline with an xmlUrl, nested folders included; raise OPMLError with a reason."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise OPMLError(f"refused OPML: {type(exc).__name__}") from exc
    except Exception as exc:
        raise OPMLError(f"not readable XML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise OPMLError(f"not OPML: the root element is <{root.tag}>")
    outlines = []
    for node in root.iter("outline"):
        feed_url = (node.get("xmlUrl") or "").strip()
        if not feed_url.startswith(("http://", "https://")):
            continue
        outlines.append(
            FeedOutline(
                title=(node.get("title") or node.get("text") or feed_url).strip()[:200],
                feed_url=feed_url,
                homepage=(node.get("htmlUrl") or "").strip(),
                language=(node.get("language") or "").strip().split("-")[0].lower(),
            )
        )
    return outlines
