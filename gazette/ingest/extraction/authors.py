"""Who wrote the article: JSON-LD people, <meta> authors, microdata and the visible byline.

People named in structured data come first. A visible byline ("By Jane Doe", an element
classed author or byline, rel=author) comes next, taken nearest the headline so that bylines
of related articles further down are not mistaken for it. Organisations, and authors that are
the site's own name, are kept only when no person is named anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import lxml.html

from gazette.ingest.extraction.chooser import best_index, load_weights
from gazette.ingest.extraction.metadata import PageSignals, _types, text_of

AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "byl", "citation_author", "og:article:author", "book:author",
)  # fmt: skip
_BYLINE_WORDS = re.compile(
    r"^\s*(?:(?:written|posted|published|reviewed|edited|recipe|article|story|text|"
    r"report(?:ed)?|photos?|words|authored|geschrieben|guide|review|interview|analysis|"
    r"opinion|column|commentary|essay|feature|insights?|notes|video|illustrations?|research|"
    r"fact[- ]checked|checked|updated|compiled|curated|produced)\s+)?"
    r"(?:by|von|par|por|di|door|av|autor(?:in)?|author|verfasst von)\b\s*:?\s*",
    re.I,
)
# The same start, tested on an element's text as lxml joins it (no space between its children:
# "<span>By</span><span>Ann</span>" is "ByAnn"): a quick test that `_BYLINE_WORDS` may match.
_MAY_BE_BYLINE = re.compile(
    r"^\s*(?:[\w-]+(?:\s+[\w-]+)?\s*)?(?:by|von|par|por|di|door|av|autor|author|verfasst)", re.I
)
_LABEL = re.compile(r"^\s*(?:authors?|autor(?:in|en)?|auteur|by|von)\s*[:|]\s*", re.I)
_TRAILING = re.compile(
    r"\s*(?:[|•·,–—-]\s*)?(?:(?:updated|published|posted|aktualisiert|veröffentlicht|am|on)\s+)?"
    r"(?:\d{1,2}\.?\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez)"
    r"[a-zä]*\.?\s*\d.*$",
    re.I,
)
# A piece of text ending in "by" or "from" introduces the name that follows ("Insights from").
_LEADS_TO_NAME = re.compile(r"\b(?:by|from|von|par|por|door|av)\s*:?\s*$", re.I)
_CONNECTOR = re.compile(r"\s*(?:,|;|&|and|und|et|y|e|en|och|og|i)\s*", re.I)
_WEEKDAY = re.compile(
    r"\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*$|\s+\d+\s+(?:min|minutes?)\b.*$",
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
# "author", "Author", "byline", "Byline" in the class or id (one string searched twice: faster
# than six searches of every element).
_BYLINE_CLASS = (
    "(@class or @id) and (contains(concat(@class, ' ', @id), 'uthor') "
    "or contains(concat(@class, ' ', @id), 'yline'))"
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
    name = _WEEKDAY.sub("", name)
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
        # An author box: the name, then a biography. Only a full name heading it is taken.
        for chunk in chunks[:2]:
            cleaned = clean_name(chunk.split(":")[0])
            if len(cleaned.split()) >= 2 and _unique([cleaned]):
                return [cleaned]
        return []
    if _BYLINE_WORDS.match(joined):
        # "By Ann Lee and Bo Chan": the names and their connectors, up to a role or a date
        # in an element of its own ("By Ann Lee | Senior Editor").
        kept: list[str] = []
        expect_name = True
        for chunk in chunks:
            if not kept or _BYLINE_WORDS.fullmatch(chunk) or _LEADS_TO_NAME.search(chunk):
                pass
            elif _CONNECTOR.fullmatch(chunk) or chunk.endswith((",", " and", " &")):
                expect_name = True
            elif expect_name and _unique(_split_names(clean_name(chunk))):
                expect_name = False
            else:
                break
            kept.append(chunk)
        names = _split_names(clean_name(" ".join(kept)))
        if _unique(names):
            return names
    for chunk in chunks:
        if (
            _BYLINE_WORDS.fullmatch(chunk)
            or _LABEL.fullmatch(chunk)
            or _LEADS_TO_NAME.search(chunk)
        ):
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


_OTHER_ROLE = re.compile(r"^\s*(?!written\b)[\w-]+(?:\s+[\w-]+)?\s+(?:by|von|par|por)\b", re.I)


# Elements marked up as an author, in order of trust; then any short "By …" line.
_MARKED_AUTHORS = (
    "//*[@itemprop='author']",
    "//a[contains(concat(' ', @rel, ' '), ' author ')]",
    f"//*[{_BYLINE_CLASS}][not(self::body or self::html or self::article or self::main)]",
)
# (Short ones only: a byline is a line; the length test runs inside lxml, before any Python.)
_ANY_BYLINE = (
    "(//p | //span | //div[not(*[self::p or self::div])] | //address | //li)"
    "[string-length(normalize-space(.)) <= 120]"
)


def _sibling_names(element: lxml.html.HtmlElement) -> list[str]:
    """Names in the elements right after `element` that are marked up like it (co-authors)."""
    names: list[str] = []
    marker = (element.tag, element.get("class"), element.get("itemprop"))
    for sibling in element.itersiblings():
        if (sibling.tag, sibling.get("class"), sibling.get("itemprop")) != marker:
            break
        if _OTHER_ROLE.match(" ".join(_chunks(sibling))):
            break  # "Fact-checked by", "Photos by": credits, not co-authors
        found = _name_in(sibling)
        if not found:
            break
        names += found
    return names


# The kinds of visible byline, in the order the rules trust them (`_MARKED_AUTHORS`, then any
# short "By …" line).
BYLINE_KINDS = ("itemprop", "rel_author", "byline_class", "by_line")


def _visible_bylines(
    tree: lxml.html.HtmlElement, *, first_only: bool = False
) -> list[tuple[str, tuple[str, ...], bool]]:
    """For each kind of byline the page shows: the names in the one nearest the headline (after
    it if any follows), and whether that one follows the headline; with `first_only`, only the
    most trusted kind the page shows (the others are not searched)."""
    order = {element: index for index, element in enumerate(tree.iter())}
    headline = next(tree.iter("h1"), None)
    anchor = order.get(headline, 0) if headline is not None else 0
    found: list[tuple[str, tuple[str, ...], bool]] = []
    for kind, query in zip(BYLINE_KINDS, (*_MARKED_AUTHORS, _ANY_BYLINE), strict=True):
        best: tuple[int, tuple[str, ...]] | None = None
        for element in tree.xpath(query):
            if kind == "by_line":
                if not _MAY_BE_BYLINE.match(element.text_content()):
                    continue  # the cheap test first: most short elements are no byline
                text = " ".join(_chunks(element))
                if len(text) > 80 or not _BYLINE_WORDS.match(text):
                    continue
            names = _unique(_name_in(element))
            if not names or _skipped(element):
                continue
            if kind != "by_line":
                names = _unique([*names, *_sibling_names(element)])
            position = order.get(element, 0)
            # Bylines after the headline come first, nearest first; then those before it.
            distance = position - anchor if position >= anchor else 10**9 + anchor - position
            if best is None or distance < best[0]:
                best = (distance, names)
        if best is not None:
            found.append((kind, best[1], best[0] < 10**9))
            if first_only:
                break
    return found


def _byline_names(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """Names from the most trusted kind of visible byline, nearest the headline."""
    bylines = _visible_bylines(tree, first_only=True)
    return bylines[0][1] if bylines else ()


def rule_authors(
    signals: PageSignals,
    tree: lxml.html.HtmlElement,
    *,
    url: str = "",
    feed_author: str = "",
    bylines: list[tuple[str, tuple[str, ...], bool]] | None = None,
) -> tuple[str, ...]:
    """The authors the hand-written rules pick: the best signal that names any.

    `bylines` are the page's `_visible_bylines`, when the caller has them already.
    """
    site = {re.sub(r"\W+", "", n.casefold()) for n in signals.site_names(url)}

    def not_the_site(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in names if re.sub(r"\W+", "", n.casefold()) not in site)

    organisations: list[str] = []
    for pages in (False, True):
        for key in ("author", "creator"):
            for value in signals.ld_values(key, pages=pages):
                people, others = _ld_people(value, signals)
                names = _unique(people, visible=False)
                # A "Person" named like the site is the site, typed carelessly.
                organisations += [*others, *(n for n in names if n not in not_the_site(names))]
                if not_the_site(names):
                    return _with_coauthors(not_the_site(names), tree, site)
    stated = [*(v for name in AUTHOR_META for v in signals.meta.get(name, [])), *_labelled(signals)]
    names = _unique([part for v in stated for part in _split_names(v)], visible=False)
    if not_the_site(names):
        return _with_coauthors(not_the_site(names), tree, site)
    organisations += names
    names = bylines[0][1] if bylines else () if bylines is not None else _byline_names(tree)
    if names:
        return names
    fallback = _unique(_split_names(feed_author), visible=False) if feed_author else ()
    return fallback or _owner(signals, tree, url) or _unique(organisations, visible=False)


def _with_coauthors(
    names: tuple[str, ...], tree: lxml.html.HtmlElement, site: set[str]
) -> tuple[str, ...]:
    """`names`, or the visible byline when it names all of them and more (metadata often keeps
    only the first of several authors)."""
    wanted = {name.casefold() for name in names}
    for query in _MARKED_AUTHORS:
        for element in tree.xpath(query):
            first = _name_in(element)
            if not first or not {n.casefold() for n in first} & wanted or _skipped(element):
                continue
            shown = tuple(
                name
                for name in _unique([*first, *_sibling_names(element)])
                if re.sub(r"\W+", "", name.casefold()) not in site
            )
            known = {name.casefold() for name in shown}
            if (
                len(shown) > len(names)
                and wanted <= known
                and all(len(name.split()) >= 2 for name in shown)
            ):
                return shown
    return names


_WRITTEN_BY = re.compile(
    r"\b(?:written|author|autor|auteur|verfasst|geschrieben|écrit|escrito|scritto|"
    r"geschreven|napisane|skrevet|by)\b",
    re.I,
)


def _labelled(signals: PageSignals) -> list[str]:
    """Authors in labelled <meta> pairs: twitter:label1 "Written by" with twitter:data1 (Yoast)."""
    found: list[str] = []
    for number in range(1, 5):
        labels = signals.meta.get(f"twitter:label{number}", [])
        data = signals.meta.get(f"twitter:data{number}", [])
        if labels and data and _WRITTEN_BY.search(labels[0]):
            found.append(data[0])
    return found


_POSSESSIVE = re.compile(r"^(.+?)[’']s\s+(?:blog|weblog|site|journal|notes|newsletter)$", re.I)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*([^.|,©]+)", re.I
)


def _owner(signals: PageSignals, tree: lxml.html.HtmlElement, url: str) -> tuple[str, ...]:
    """The person a personal site belongs to, when nothing else names an author.

    A site named "Jane Doe" (or "Jane Doe's blog") at janedoe.com or jane.example.dev is one
    person's site; their pages are theirs.
    """
    host = re.sub(r"^www\d?\.", "", (re.findall(r"//([^/:]+)", url) or [""])[0].lower())
    labels = [re.sub(r"[\W_]+", "", label) for label in host.split(".")[:-1]]
    if not labels:
        return ()
    candidates = [*signals.meta.get("og:site_name", []), *signals.meta.get("application-name", [])]
    for footer in tree.xpath("//footer"):
        match = _COPYRIGHT.search(" ".join(footer.text_content().split()))
        if match:
            candidates.append(match.group(1))
    for candidate in candidates:
        candidate = candidate.strip()
        possessive = _POSSESSIVE.match(candidate)
        name = possessive.group(1) if possessive else candidate
        words = name.split()
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
            continue
        squashed = "".join(words).casefold()
        if possessive or any(
            label in (squashed, words[0].casefold()) or (len(label) > 5 and label in squashed)
            for label in labels
        ):
            return _unique([name], visible=False)
    return ()


@dataclass(frozen=True)
class AuthorCandidate:
    """One set of authors the page names somewhere, described for the chooser."""

    names: tuple[str, ...]
    features: dict[str, float]

    @property
    def text(self) -> str:
        return ", ".join(self.names)


@dataclass(frozen=True)
class AuthorChoice:
    names: tuple[str, ...]
    candidates: tuple[AuthorCandidate, ...]


def _key(names: tuple[str, ...]) -> frozenset[str]:
    """The set of names as the scorer compares them: casefolded, split at , ; & and "and"."""
    text = " ".join(unicodedata.normalize("NFKC", ", ".join(names)).casefold().split())
    return frozenset(a.strip() for a in re.split(r",|;|&|\band\b|\bund\b", text) if a.strip())


_CREDENTIAL = re.compile(
    r"^(?:dr|md|phd|ph\.d|m\.d|dvm|vmd|rn|mba|cpa|jr|sr|esq|e-ryt|lvt|facp|faclm)\b\.?", re.I
)


def author_candidates(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str = "", feed_author: str = ""
) -> tuple[AuthorCandidate, ...]:
    """Every set of authors the page states or shows, once per set of names.

    Kinds: people and organisations in JSON-LD, each <meta> author field, Yoast's labelled
    "Written by" pair, each kind of visible byline, the feed, the owner of a personal site, and
    the hand-written rules' pick (`rule_authors`).
    """
    site = {re.sub(r"\W+", "", n.casefold()) for n in signals.site_names(url)}
    offered: list[tuple[str, tuple[str, ...]]] = []
    for value in [*signals.ld_values("author"), *signals.ld_values("creator")][:4]:
        people, others = _ld_people(value, signals)
        offered.append(("ld_person", _unique(people, visible=False)))
        offered.append(("ld_org", _unique(others, visible=False)))
    for name in AUTHOR_META:
        values = signals.meta.get(name, [])
        if values:
            kind = "meta_author" if name == "author" else "meta_other"
            offered.append((kind, _unique(_split_names(values[0]), visible=False)))
    for value in _labelled(signals):
        offered.append(("labelled", _unique(_split_names(value), visible=False)))
    bylines = _visible_bylines(tree)
    for kind, names, after_headline in bylines:
        offered.append((kind, names))
        if after_headline:
            offered.append(("after_headline", names))
    # As written, uncleaned: "jane.doe@example.org" or "Ann Lee, MD" is how some pages name them.
    raw = [text_of(v) for v in signals.ld_values("author") if isinstance(v, str | dict)][:1]
    raw += signals.meta.get("author", [])[:1]
    offered += [("raw", (" ".join(value.split()),)) for value in raw if 0 < len(value) <= 100]
    offered += [("labelled_element", names) for names in _label_then_name(tree)[:2]]
    if feed_author:
        offered.append(("feed", _unique(_split_names(feed_author), visible=False)))
    offered.append(("owner", _owner(signals, tree, url)))
    rule = rule_authors(signals, tree, url=url, feed_author=feed_author, bylines=bylines)
    offered.append(("rule", rule))
    if any(names for _, names in offered):
        # The site's own name, as one choice among others (some pages' author is the site or
        # its team); never the only one: a page that names nobody gets no author.
        offered += [("site_name", (name,)) for name in _site_names(signals, tree)[:2]]
    groups: dict[frozenset[str], list[tuple[str, tuple[str, ...]]]] = {}
    for kind, names in offered:
        if names:
            groups.setdefault(_key(names), []).append((kind, names))
    text = " ".join(tree.xpath("normalize-space(//body)")[:20000].casefold().split())
    candidates: list[AuthorCandidate] = []
    for key, members in groups.items():
        kinds = {kind for kind, _ in members}
        # The spelling: the first stated one (the rules' own when nothing else names the set).
        names = next((n for k, n in members if k != "rule"), members[0][1])
        features: dict[str, float] = {f"has_{kind}": 1.0 for kind in kinds}
        features["sources"] = float(len(kinds - {"rule", "after_headline"}))
        count = len(names)
        features["one_name"] = float(count == 1)
        features["several_names"] = float(count >= 2)
        words = [len(name.split()) for name in names]
        features["single_word"] = float(min(words) == 1)
        features["full_names"] = float(all(2 <= w <= 4 for w in words))
        features["names_site"] = float(
            any(re.sub(r"\W+", "", name.casefold()) in site for name in names)
        )
        features["lowercase"] = float(any(name == name.lower() for name in names))
        features["credentials"] = float(
            any(_CREDENTIAL.match(piece.strip()) for piece in ", ".join(names).split(","))
        )
        features["shown"] = float(all(name.casefold() in text for name in names))
        overlaps = [len(key & other) / len(key | other) for other in groups if other != key]
        features["overlap"] = max(overlaps, default=0.0)
        features["part_of_another"] = float(any(key < other for other in groups))
        candidates.append(AuthorCandidate(names, features))
    return tuple(candidates)


_LABEL_ONLY = re.compile(
    r"^(?:(?:written|posted|article|reviewed|authored)\s+by|by|authors?|author\(s\)|autor(?:in)?|"
    r"von|par|writer|verfasst von)\s*:?$",
    re.I,
)


# Leaf elements whose text, lower-cased and without a colon, is a label (tested inside lxml,
# before any Python: a page has thousands of leaf elements and a label or two).
_LABELS = (
    "written by", "posted by", "article by", "reviewed by", "authored by", "by", "author",
    "authors", "author(s)", "autor", "autorin", "von", "par", "writer", "verfasst von",
)  # fmt: skip
_LABEL_ELEMENTS = (
    "//body//*[not(*)][string-length(normalize-space(.)) < 20][contains('|"
    + "|".join(_LABELS)
    + "|', concat('|', translate(normalize-space(translate(., ':', ' ')), "
    "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '|'))]"
)


def _label_then_name(tree: lxml.html.HtmlElement) -> list[tuple[str, ...]]:
    """Names set in the element after one holding only a label: <p>Written by</p><p>Ann Lee</p>,
    <h3>Author</h3><p>Ann Lee</p>; first after the headline first."""
    found: list[tuple[str, ...]] = []
    for element in tree.xpath(_LABEL_ELEMENTS):
        if not _LABEL_ONLY.match(" ".join((element.text or "").split())):
            continue
        following = element.xpath("following::text()[normalize-space()][1]")
        if not following or _skipped(element):
            continue
        names = _unique(_split_names(clean_name(str(following[0]))))
        if names:
            found.append(names)
        if len(found) >= 3:
            break
    return found


def _site_names(signals: PageSignals, tree: lxml.html.HtmlElement) -> list[str]:
    """The names the site states for itself (og:site_name, the last part of <title>): some
    pages' author is the site or its team."""
    names = list(signals.meta.get("og:site_name", [])[:1])
    titles = tree.xpath("//head/title")
    if titles:
        parts = re.split(r"\s+[|–—-]\s+", " ".join(titles[0].text_content().split()))
        if len(parts) >= 2:
            names.append(parts[-1])
    return [name for name in names if 0 < len(name) <= 60]


def page_author_choice(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str = "", feed_author: str = ""
) -> AuthorChoice:
    """The authors the learned chooser picks among `author_candidates`, and the candidates.

    Without trained weights (`weights/authors.json`) the rules' pick is the answer, and the
    candidates are not gathered (the rules alone are cheaper).
    """
    weights = load_weights("authors")
    if not weights:
        return AuthorChoice(rule_authors(signals, tree, url=url, feed_author=feed_author), ())
    candidates = author_candidates(signals, tree, url=url, feed_author=feed_author)
    index = best_index([c.features for c in candidates], weights)
    return AuthorChoice(candidates[index].names if index is not None else (), candidates)


def page_authors(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str = "", feed_author: str = ""
) -> tuple[str, ...]:
    """The article's authors: the learned choice when weights are committed, else the rules'."""
    return page_author_choice(signals, tree, url=url, feed_author=feed_author).names
