"""Who wrote the article: JSON-LD people, <meta> authors, microdata and the visible byline.

People named in structured data come first. A visible byline ("By Jane Doe", an element
classed author or byline, rel=author) comes next, taken nearest the headline so that bylines
of related articles further down are not mistaken for it. Organisations, and authors that are
the site's own name, are kept only when no person is named anywhere.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from gazette.ingest.extraction.metadata import PageSignals, _types, text_of

AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "byl", "citation_author", "og:article:author", "book:author",
)  # fmt: skip
_BYLINE_WORDS = re.compile(
    r"^\s*(?:(?:written|posted|published|reviewed|edited|recipe|article|story|text|"
    r"report(?:ed)?|photos?|words|authored|geschrieben)\s+)?"
    r"(?:by|von|par|por|di|door|av|autor(?:in)?|author|verfasst von)\b\s*:?\s*",
    re.I,
)
_LABEL = re.compile(r"^\s*(?:authors?|autor(?:in|en)?|auteur|by|von)\s*[:|]\s*", re.I)
_TRAILING = re.compile(
    r"\s*(?:[|•·,–—-]\s*)?(?:(?:updated|published|posted|aktualisiert|veröffentlicht|am|on)\s+)?"
    r"(?:\d{1,2}\.?\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez)"
    r"[a-zä]*\.?\s*\d.*$",
    re.I,
)
_DECORATION = re.compile(r"\s*[●⋅•·|◆■★►]\s*")
_DANGLING = re.compile(r"\s+(?:at|by|from|in|on|von|bei)$", re.I)
_NOT_A_NAME = re.compile(r"https?:|www\.|\d|[<>{}=@#/\\]|\.(?:com|org|net)\b")
# Words of page furniture that sit in author boxes but never in a name.
_FURNITURE = re.compile(
    r"\b(?:share|follow|read|more|about|comments?|menu|search|subscribe|log ?in|sign|view|"
    r"profile|posts?|articles?|min|updated|published|posted|contact|email|twitter|facebook|"
    r"linkedin|instagram|home|cite|fact|checked|editorial|guidelines|team page|all)\b",
    re.I,
)
_BYLINE_CLASS = (
    "contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'Author') "
    "or contains(@class, 'Byline') or contains(@id, 'author') or contains(@id, 'byline')"
)
_SKIP_ANCESTORS = re.compile(
    r"(?:^|[\s_-])(?:comments?|related|recommended|footer|sidebar|popular)(?:$|[\s_-])", re.I
)


def looks_like_name(text: str, *, visible: bool = True) -> bool:
    """A person's or an organisation's name, not a sentence, a date or page furniture.

    Text from the page must also be capitalised like a name; structured data need not be.
    """
    words = text.split()
    if not words or len(words) > 6 or len(text) > 60 or _NOT_A_NAME.search(text):
        return False
    if _FURNITURE.search(text) or (text.endswith((":", ".")) and len(words[-1]) > 3):
        return False
    if not visible:
        return True
    capitalised = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    return len(words) == 1 or capitalised * 2 >= len(words)


def clean_name(text: str) -> str:
    """One author's name without byline words, labels and trailing dates; "" if not a name."""
    name = " ".join(text.split())
    name = _LABEL.sub("", name)
    name = _BYLINE_WORDS.sub("", name)
    name = _TRAILING.sub("", name)
    # A decorative separator starts the role or date that follows a name ("Ann Lee ⋅ Editor").
    name = _DECORATION.split(name, maxsplit=1)[0]
    name = _DANGLING.sub("", name)
    return name.strip(" ,;:|•·-–—\"'“”")


def _split_names(text: str) -> list[str]:
    # "A and B", "A und B", "A & B", "A; B" name several people; a comma is kept in one name
    # unless every part looks like a full name ("Lake, CEPF" is one person with a title).
    parts = [p for p in re.split(r"\s*(?:;|\||\s&\s|\s+and\s+|\s+und\s+)\s*", text) if p]
    names: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(len(p.split()) >= 2 and looks_like_name(p) for p in pieces):
            names += pieces
        else:
            names.append(part)
    return names


def _unique(names: list[str], *, visible: bool = True) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        cleaned = clean_name(name)
        if cleaned and looks_like_name(cleaned, visible=visible) and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return tuple(seen.values())


def _ld_people(value: Any, signals: PageSignals) -> tuple[list[str], list[str]]:
    """(people, organisations) named by a JSON-LD author value."""
    value = signals.resolve(value)
    if isinstance(value, list):
        people: list[str] = []
        others: list[str] = []
        for item in value:
            more_people, more_others = _ld_people(item, signals)
            people += more_people
            others += more_others
        return people, others
    if isinstance(value, dict):
        name = text_of(value.get("name"))
        if not name:
            given, family = text_of(value.get("givenName")), text_of(value.get("familyName"))
            name = f"{given} {family}".strip()
        if not name:
            return [], []
        return ([name], []) if not _types(value) - {"person"} else ([], [name])
    if isinstance(value, str):
        return _split_names(value), []
    return [], []


def _chunks(element: lxml.html.HtmlElement) -> list[str]:
    texts = element.xpath(".//text()[not(ancestor::style or ancestor::script)]")
    return [" ".join(t.split()) for t in texts if t and t.strip()]


def _name_in(element: lxml.html.HtmlElement) -> list[str]:
    """The names an author element shows: its first name-like piece of text, or a "By X" line."""
    content = element.get("content")
    if content:
        return _split_names(content)
    chunks = _chunks(element)
    joined = " ".join(chunks)
    if len(joined) > 200:
        return []
    if _BYLINE_WORDS.match(joined) and _unique(_split_names(clean_name(joined))):
        return _split_names(clean_name(joined))
    for chunk in chunks:
        if _BYLINE_WORDS.fullmatch(chunk) or _LABEL.fullmatch(chunk):
            continue
        cleaned = clean_name(chunk)
        if _unique(_split_names(cleaned)):
            return _split_names(cleaned)
    return []


def _skipped(element: lxml.html.HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        if ancestor.tag in ("footer", "nav", "aside"):
            return True
        marker = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if _SKIP_ANCESTORS.search(marker):
            return True
    return False


def _byline_names(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """Names from the visible byline nearest the headline (after it if any follows)."""
    order = {element: index for index, element in enumerate(tree.iter())}
    headline = next(tree.iter("h1"), None)
    anchor = order.get(headline, 0) if headline is not None else 0
    best: tuple[int, tuple[str, ...]] | None = None
    for query in (
        "//*[@itemprop='author']",
        "//a[contains(concat(' ', @rel, ' '), ' author ')]",
        f"//*[{_BYLINE_CLASS}][not(self::body or self::html or self::article or self::main)]",
        "//p | //span | //div[not(*[self::p or self::div])] | //address | //li",
    ):
        for element in tree.xpath(query):
            if query.startswith("//p"):
                text = " ".join(_chunks(element))
                if len(text) > 80 or not _BYLINE_WORDS.match(text):
                    continue
            names = _unique(_name_in(element))
            if not names or _skipped(element):
                continue
            position = order.get(element, 0)
            # Bylines after the headline come first, nearest first; then those before it.
            distance = position - anchor if position >= anchor else 10**9 + anchor - position
            if best is None or distance < best[0]:
                best = (distance, names)
        if best is not None:
            return best[1]
    return ()


def page_authors(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str = "", feed_author: str = ""
) -> tuple[str, ...]:
    """The article's authors from the best signal that names any."""
    site = {re.sub(r"\W+", "", n.casefold()) for n in signals.site_names(url)}

    def not_the_site(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in names if re.sub(r"\W+", "", n.casefold()) not in site)

    organisations: list[str] = []
    for pages in (False, True):
        for key in ("author", "creator"):
            for value in signals.ld_values(key, pages=pages):
                people, others = _ld_people(value, signals)
                organisations += others
                names = _unique(people, visible=False)
                if names:
                    return names
    for name in AUTHOR_META:
        values = signals.meta.get(name, [])
        names = _unique([part for v in values for part in _split_names(v)], visible=False)
        if not_the_site(names):
            return not_the_site(names)
        organisations += names
    names = _byline_names(tree)
    if names:
        return names
    fallback = _unique(_split_names(feed_author), visible=False) if feed_author else ()
    return fallback or _unique(organisations, visible=False)
