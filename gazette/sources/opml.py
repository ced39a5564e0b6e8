"""Reading OPML subscription lists (what feed readers export) into source candidates."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from gazette.lib.urls import UnsafeURL, clean_web_url, web_url

logger = logging.getLogger(__name__)
# The longest addresses the Source model keeps (`feed_url`, `homepage`).
FEED_URL_MAX = 1000
HOMEPAGE_MAX = 500
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class FeedOutline:
    title: str
    feed_url: str
    homepage: str
    language: str


class OPMLError(Exception):
    pass


def parse_opml(data: bytes) -> list[FeedOutline]:
    """Every outline with a usable xmlUrl, nested folders included; raise OPMLError with a
    reason if the file is not OPML.

    The file is someone else's: an outline whose xmlUrl is not an absolute http(s) URL is
    skipped (logged with the reason), an htmlUrl that is not one is dropped, and a language
    that is not a two- or three-letter code is ignored.
    """
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
        raw = node.get("xmlUrl")
        if raw is None:
            continue  # a folder
        try:
            feed_url = web_url(raw)
            if len(feed_url) > FEED_URL_MAX:
                raise UnsafeURL(f"longer than {FEED_URL_MAX:,} characters")
        except UnsafeURL as exc:
            logger.warning("OPML outline skipped: its xmlUrl %r is not usable (%s)", raw[:120], exc)
            continue
        homepage = clean_web_url(node.get("htmlUrl") or "")
        language = (node.get("language") or "").strip().split("-")[0].lower()
        outlines.append(
            FeedOutline(
                title=(node.get("title") or node.get("text") or feed_url).strip()[:200],
                feed_url=feed_url,
                homepage=homepage if len(homepage) <= HOMEPAGE_MAX else "",
                language=language if _LANGUAGE.fullmatch(language) else "",
            )
        )
    return outlines
