"""The headline: the page's <h1> when the metadata agrees, else a stated title less the site name.

`<title>` and `og:title` often append or prepend the site's name ("Headline | The Paper"); the
headline is what remains once a part matching a name the site goes by is removed.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

import lxml.html

from gazette.ingest.extraction.metadata import PageSignals, text_of

SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|«|/|•|~)\s+|\s*\|\s*")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", norm(text))


def _is_site_name(part: str, site_names: list[str]) -> bool:
    squashed = _squash(part)
    if not squashed:
        return True
    for name in site_names:
        site = _squash(name)
        if site and (
            squashed == site or (len(site) >= 4 and (site in squashed or squashed in site))
        ):
            return True
    return False


def strip_site_name(title: str, site_names: list[str]) -> str:
    """`title` without leading or trailing parts that name the site."""
    parts = [p for p in SEPARATORS.split(title) if p is not None]
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _is_site_name(parts[-1], site_names):
        parts.pop()
    while len(parts) > 1 and _is_site_name(parts[0], site_names):
        parts.pop(0)
    if len(parts) == len(SEPARATORS.split(title)):
        return title
    # Rebuild from the original text so the separators inside the headline survive.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", norm(text)))


def _overlap(one: str, other: str) -> float:
    a, b = _words(one), _words(other)
    return len(a & b) / len(a | b) if a and b else 0.0


def _headings(tree: lxml.html.HtmlElement) -> list[str]:
    found = []
    for heading in tree.iter("h1"):
        text = " ".join(heading.text_content().split())
        if 3 <= len(text) <= 300:
            found.append(text)
    return found


# How many words a heading must share with a stated title to be taken for the headline.
HEADING_AGREEMENT = 0.3


def page_title(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str, feed_title: str = ""
) -> str:
    """The article's headline from every title the page states, or "" when it has none.

    The visible <h1> is what readers see as the headline, so it wins when it shares enough
    words with a stated title; an <h1> unrelated to every stated title is a logo or a section
    name, and the stated title, less the site's name, is taken instead.
    """
    site_names = signals.site_names(url)
    documents = [" ".join(t.text_content().split()) for t in tree.xpath("//head/title | //title")]
    parts = SEPARATORS.split(unescape(documents[0])) if documents else []
    if len(parts) >= 2 and len(parts[-1].split()) < len(" ".join(parts[:-1]).split()):
        # "Headline | Site": a shorter last part of <title> is most often the site's name.
        site_names.append(parts[-1])
    stated = [
        *(text_of(v) for v in signals.ld_values("headline", pages=False)),
        signals.first_meta("og:title"),
        signals.first_meta("twitter:title"),
        *documents[:1],
        signals.first_meta("dc.title", "citation_title"),
        feed_title,
    ]
    stated = [" ".join(unescape(s).split()) for s in stated if s and s.strip()]
    cleaned = [strip_site_name(s, site_names) for s in stated]
    headings = [h for h in _headings(tree) if not _is_site_name(h, site_names)]
    if not stated:
        return headings[0] if headings else ""
    known = {_squash(c): c for c in reversed(cleaned)}
    for heading in headings:
        if _squash(heading) in known:
            # Same words: the stated spelling is free of CSS capitals and typographic quirks.
            return known[_squash(heading)]
    best, agreement = "", 0.0
    for heading in headings:
        score = max(_overlap(heading, c) for c in cleaned)
        if score > agreement:
            best, agreement = heading, score
    if agreement >= HEADING_AGREEMENT:
        return best
    return cleaned[0]
