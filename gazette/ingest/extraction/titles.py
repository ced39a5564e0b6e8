"""The headline: the page's <h1> when the metadata agrees, else a stated title less the site name.

`<title>` and `og:title` often append or prepend the site's name ("Headline | The Paper"); the
headline is what remains once a part matching a name the site goes by is removed. When the <h1>
shares few words with every stated title, the address's slug, written from the headline when the
story was filed, says whether the <h1> is that headline or a section name; an <h1> as long as
a sentence, on the subject of a stated title, is the headline all the same.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

import lxml.html

from gazette.ingest.extraction.chooser import best_index, load_weights
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


def _strip_domain(title: str, site_names: list[str]) -> str:
    """`title` without a leading or trailing domain name it has no separator for."""
    for name in site_names:
        if "." not in name or " " in name:
            continue
        rest = re.sub(rf"^{re.escape(name)}\s+|\s+{re.escape(name)}$", "", title, flags=re.I)
        # A bare domain before or after the words is the site's name: "example.com Vibe Coding".
        if rest != title and len(rest.split()) >= 2:
            return rest
    return title


def strip_site_name(title: str, site_names: list[str]) -> str:
    """`title` without leading or trailing parts that name the site."""
    stripped = _strip_separated(title, site_names)
    return stripped if stripped != title else _strip_domain(title, site_names)


def _strip_separated(title: str, site_names: list[str]) -> str:
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


# "&" is a spelling of "and" ("und", "et"): headlines and their SEO titles swap one for the other.
_AND = re.compile(r"\b(?:and|und|et)\b")


def _same_words(text: str) -> str:
    """`text` squashed, "and" spelled out or as "&" alike: the key for spellings of one title."""
    return _squash(_AND.sub("&", norm(text)))


_DASH = re.compile(r"\s[–—]\s")


def _most_common(spellings: list[str]) -> str:
    # A spaced hyphen is the typewriter's stand-in for a dash, as typed into SEO fields; the
    # spelling with the dash the page sets ("Timetable – Winter") replaces the stand-in.
    dashed = {_DASH.sub(" - ", spelling) for spelling in spellings if _DASH.search(spelling)}
    spellings = [spelling for spelling in spellings if spelling not in dashed] or spellings
    counts: dict[str, int] = {}
    for spelling in spellings:
        counts[spelling] = counts.get(spelling, 0) + 1
    return max(spellings, key=lambda spelling: counts[spelling])


def _names_the_site(heading: str, site_names: list[str]) -> bool:
    """A heading that is the site's name (a logo), not one that merely mentions it."""
    squashed = _squash(heading)
    return not squashed or any(
        squashed == site or (len(squashed) >= 4 and squashed in site)
        for site in (_squash(name) for name in site_names)
        if site
    )


def _is_furniture(rest: str) -> bool:
    """Squashed leftovers of a heading that are a date (digits and month names) or nothing."""
    if re.fullmatch(r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|[a-z]{0,6}day)*", rest):
        # A date: a month's name or a full day's digits, not just a year.
        return not re.fullmatch(r"\d{0,4}", rest)
    return False


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", norm(text)))


def _overlap(one: str, other: str) -> float:
    a, b = _words(one), _words(other)
    return len(a & b) / len(a | b) if a and b else 0.0


def _ascii_words(text: str) -> set[str]:
    """Words folded the way slugs spell them: "Über Fähren" and "ueber-faehren" both give uber."""
    letters = unicodedata.normalize("NFKD", norm(text).replace("ß", "ss"))
    folded = "".join(c for c in letters if not unicodedata.combining(c))
    return set(re.findall(r"[^\W_]+", re.sub(r"([aou])e", r"\1", folded)))


def _slug_words(url: str) -> set[str]:
    """The words of the address's slug: its path segment with the most words, if two or more."""
    segments = [
        re.sub(r"\.[A-Za-z]{2,5}$", "", segment)
        for segment in unquote(urlsplit(url).path).split("/")
    ]
    slug = max(segments, key=lambda segment: len(re.findall(r"[^\W\d_]+", segment)), default="")
    words = _ascii_words(slug.replace("_", " "))
    return words if len(words) >= 2 else set()


def _slug_agreement(text: str, slug: set[str]) -> float:
    """Share of words the text and the slug have in common (Dice), 0 when either has none."""
    words = _ascii_words(text)
    return 2 * len(words & slug) / (len(words) + len(slug)) if words and slug else 0.0


# Line breaks and blocks inside a heading separate words ("Headline<br>Subtitle").
_BREAKS = frozenset({"br", "div", "p"})


def _heading_text(element: lxml.html.HtmlElement) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(" " if child.tag in _BREAKS else "")
            parts.append(_heading_text(child) if child.tag != "br" else "")
            parts.append(" " if child.tag in _BREAKS else "")
        parts.append(child.tail or "")
    return "".join(parts)


def _headings(tree: lxml.html.HtmlElement) -> list[str]:
    found = []
    for heading in tree.iter("h1"):
        text = " ".join(_heading_text(heading).split())
        if 3 <= len(text) <= 300:
            found.append(text)
    return found


def _heading_parts(tree: lxml.html.HtmlElement) -> list[str]:
    """The texts of the elements inside each <h1> that holds more than one: a kicker or an
    overline set in its own <span> or <div> before the headline, or a subtitle after it."""
    parts = []
    for heading in tree.iter("h1"):
        while len(heading) == 1 and not _loose_text(heading):
            heading = heading[0]  # a link or a <span> wrapping the whole heading
        children = [" ".join(_heading_text(c).split()) for c in heading if isinstance(c.tag, str)]
        children = [text for text in children if text]
        loose = " ".join(_loose_text(heading).split())
        if len(children) >= 2 or (children and loose):
            # The text outside the elements is a part too: "<span>Title:</span> Headline".
            parts += [*children, loose] if loose else children
    return parts


def _loose_text(element: lxml.html.HtmlElement) -> str:
    """Text directly inside `element`, outside its child elements."""
    return "".join([element.text or "", *(child.tail or "" for child in element)]).strip()


# How many words a heading must share with a stated title to be taken for the headline.
HEADING_AGREEMENT = 0.3
# How many words a heading unlike every stated title must share with the slug to be the headline.
SLUG_AGREEMENT = 0.5
# Words from which a heading reads as a sentence, a headline: section names, logos and menu
# labels ("Our Blog", "Contact Us", "Ratgeber Reise") are a few words long.
HEADLINE_WORDS = 8
# How closely the slug must repeat a stated title to outweigh a sentence-long heading.
SLUG_MATCH = 0.8


def _in_capitals(text: str) -> bool:
    """Text typed all in capitals ("BEST DRIP COFFEE MAKER"), not just an acronym or two."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and all(c.isupper() for c in letters)


def _content_words(text: str) -> set[str]:
    """Words of four or more letters: those that carry a subject, unlike "in", "the", "und" or a
    year, which any other story of the season shares."""
    return {word for word in _words(text) if len(word) >= 4 and word.isalpha()}


def _reads_as_headline(heading: str, cleaned: list[str], slug: set[str]) -> bool:
    """A first heading as long as a headline, on the story's subject (a content word in common
    with a stated title), is the headline the SEO title was rewritten from; unless the slug
    repeats a stated title nearly word for word, and the heading promotes something else."""
    return (
        len(heading.split()) >= HEADLINE_WORDS
        and any(_content_words(heading) & _content_words(c) for c in cleaned)
        and not any(_slug_agreement(c, slug) >= SLUG_MATCH for c in cleaned)
    )


def rule_title(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str, feed_title: str = ""
) -> str:
    """The headline the hand-written rules pick (one feature of the learned choice below).

    The visible <h1> is what readers see as the headline, so it wins when it shares enough
    words with a stated title; an <h1> unrelated to every stated title is a logo or a section
    name, and the stated title, less the site's name, is taken instead, unless the address's
    slug agrees with the <h1> better than with any stated title (an SEO title rewritten later)
    or the <h1> is a sentence on the same subject. An <h1> typed in capitals gives way to the
    stated title it agrees with, and one holding a kicker to the part a stated title names.
    """
    site_names = signals.site_names(url)
    # Headings are cleaned only of names the site states, not of the guess from <title> below.
    stated_sites = list(site_names)
    documents = [" ".join(t.text_content().split()) for t in tree.xpath("//head/title | //title")]
    parts = SEPARATORS.split(unescape(documents[0])) if documents else []
    if len(parts) >= 2 and len(parts[-1].split()) < len(" ".join(parts[:-1]).split()):
        # "Headline | Site": a shorter last part of <title> is most often the site's name.
        site_names.append(parts[-1])
    stated = [
        # One vote per source: a page repeats its headline in several JSON-LD nodes.
        *dict.fromkeys(text_of(v) for v in signals.ld_values("headline", pages=False)),
        signals.first_meta("og:title"),
        signals.first_meta("twitter:title"),
        *documents[:1],
        signals.first_meta("dc.title", "citation_title"),
        feed_title,
    ]
    stated = [" ".join(unescape(s).split()) for s in stated if s and s.strip()]
    cleaned = [strip_site_name(s, site_names) for s in stated]
    headings = [
        strip_site_name(h, stated_sites)
        for h in _headings(tree)
        if not _names_the_site(h, site_names)
    ]
    if not stated:
        return headings[0] if headings else ""
    known = {_same_words(c): c for c in reversed(cleaned)}
    for heading in headings:
        key = _same_words(heading)
        if key in known:
            # Same words: the spelling most sources agree on (quotes, dashes, "&" or "and",
            # capitals); on a tie the stated one, free of CSS capitals and typographic quirks.
            return _most_common([c for c in [*cleaned, heading] if _same_words(c) == key])
        for title in known.values():
            rest = _squash(heading).replace(_squash(title), "", 1)
            if len(_squash(title)) > 10 and rest != _squash(heading) and _is_furniture(rest):
                # The heading is the title with a date or the site's name run into it.
                return title
    for part in _heading_parts(tree):
        key = _same_words(part)
        if key in known and len(key) > 10:
            # The heading is a kicker and the headline in elements of their own: the stated
            # title names which element is the headline.
            return _most_common([c for c in [*cleaned, part] if _same_words(c) == key])
    best, agreement = "", 0.0
    for heading in headings:
        score = max(_overlap(heading, c) for c in cleaned)
        if score > agreement:
            best, agreement = heading, score
    if agreement >= HEADING_AGREEMENT:
        if _in_capitals(best):
            # Capitals are the site's styling typed into the heading, not the headline's
            # spelling: the stated title it agrees with most has the words in their case.
            return max(cleaned, key=lambda c: _overlap(best, c))
        return best
    slug = _slug_words(url)
    if slug and headings:
        # The SEO title was rewritten, or the heading is a section name: the slug, written from
        # the headline, tells which; it must favour the heading over every stated title.
        heading = max(headings, key=lambda h: _slug_agreement(h, slug))
        score = _slug_agreement(heading, slug)
        if score >= SLUG_AGREEMENT and score > max(_slug_agreement(c, slug) for c in cleaned):
            return heading
    if headings and _reads_as_headline(headings[0], cleaned, slug):
        return headings[0]
    return cleaned[0]


TITLE_KINDS = (
    "ld_headline", "og", "twitter", "document", "dc", "feed", "heading", "heading_part",
    "side_first", "side_last",
)  # fmt: skip


@dataclass(frozen=True)
class TitleCandidate:
    """One spelling of a headline the page offers, described for the chooser."""

    text: str
    features: dict[str, float]


@dataclass(frozen=True)
class TitleChoice:
    title: str
    candidates: tuple[TitleCandidate, ...]


def title_candidates(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str, feed_title: str = ""
) -> tuple[TitleCandidate, ...]:
    """Every headline the page states or shows (site names removed), once per spelling."""
    site_names = signals.site_names(url)
    stated_sites = list(site_names)
    documents = [" ".join(t.text_content().split()) for t in tree.xpath("//head/title | //title")]
    parts = SEPARATORS.split(unescape(documents[0])) if documents else []
    if len(parts) >= 2 and len(parts[-1].split()) < len(" ".join(parts[:-1]).split()):
        site_names.append(parts[-1])
    offered: list[tuple[str, str]] = [
        ("ld_headline", text_of(v)) for v in signals.ld_values("headline", pages=False)[:2]
    ]
    offered += [
        ("og", signals.first_meta("og:title")),
        ("twitter", signals.first_meta("twitter:title")),
        ("document", documents[0] if documents else ""),
        ("dc", signals.first_meta("dc.title", "citation_title")),
        ("feed", feed_title),
    ]
    cleaned = [
        (kind, strip_site_name(" ".join(unescape(text).split()), site_names))
        for kind, text in offered
        if text and text.strip()
    ]
    headings = [
        strip_site_name(h, stated_sites)
        for h in _headings(tree)
        if not _names_the_site(h, site_names)
    ]
    shown = [("heading", h) for h in headings[:3]] + [
        ("heading_part", p) for p in _heading_parts(tree)[:4]
    ]
    rule = rule_title(signals, tree, url=url, feed_title=feed_title)
    # Each side of a separator left in a stated title, as a candidate of its own: "Headline |
    # Section", "Headline – a subtitle", "Headline: a tagline" (see `_sides`).
    sides = [(side, part) for _, text in cleaned for side, part in _sides(text)]
    everything = [
        (k, t) for k, t in [*cleaned, *shown, ("rule", rule), *sides] if t and len(t) <= 400
    ]
    slug = _slug_words(url)
    groups: dict[str, list[tuple[str, str]]] = {}
    for kind, text in everything:
        groups.setdefault(norm(text), []).append((kind, text))
    words_key = {key: _same_words(key) for key in groups}
    candidates: list[TitleCandidate] = []
    for key, members in groups.items():
        kinds = {kind for kind, _ in members}
        # The spelling: the first stated one, else the shown one.
        text = next(t for k, t in members if k != "rule") if kinds != {"rule"} else members[0][1]
        others = [other for other in groups if other != key]
        features: dict[str, float] = {f"has_{kind}": 1.0 for kind in kinds}
        features["sources"] = float(len(kinds - {"rule", "side_first", "side_last"}))
        features["first_heading"] = float(bool(headings) and norm(headings[0]) == key)
        features["spellings"] = float(
            sum(1 for other in others if words_key[other] == words_key[key])
        )
        features["overlap"] = max((_overlap(key, other) for other in others), default=0.0)
        features["slug"] = _slug_agreement(text, slug)
        count = len(text.split())
        features["log_words"] = math.log1p(count)
        features["short"] = float(count <= 3)
        features["long"] = float(count >= 20)
        features["capitals"] = float(_in_capitals(text))
        features["separator"] = float(bool(SEPARATORS.search(text)))
        features["names_site"] = float(
            any(len(_squash(n)) >= 4 and _squash(n) in _squash(text) for n in site_names)
        )
        # Typographic quotes and dashes apart: a labeller types the quote straight more often
        # than the dash, so the two say different things about a spelling.
        features["typographic"] = float(bool(re.search("[‘’“”]", text)))
        features["dash"] = float(bool(re.search("[–—]", text)))
        features["ends_with_stop"] = float(text.rstrip()[-1:] in ".!?:")
        # Whether the candidate is the start of a longer one ("Headline" of "Headline | X").
        features["starts_another"] = float(
            any(other != key and other.startswith(key) for other in groups)
        )
        features["colon"] = float(": " in text)
        features["pipe"] = float(" | " in text)
        candidates.append(TitleCandidate(" ".join(text.split()), features))
    return tuple(candidates)


# Separators between a headline and what a stated title adds to it; the colon only with a
# space after it ("Title: subtitle", never "10:30").
_SIDE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|•|»)\s+|:\s+")


def _sides(text: str) -> list[tuple[str, str]]:
    """("side_first", …) and ("side_last", …): the text before the first separator and after
    the last, when the text has one and each side holds a word."""
    found = list(_SIDE_SEPARATORS.finditer(text))
    if not found:
        return []
    first, last = text[: found[0].start()].strip(), text[found[-1].end() :].strip()
    return [
        (kind, side)
        for kind, side in (("side_first", first), ("side_last", last))
        if re.search(r"[^\W\d_]{2}", side)
    ]


def page_titles(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str, feed_title: str = ""
) -> TitleChoice:
    """The headline the learned chooser picks among `title_candidates`, and the candidates.

    Without trained weights the rules' pick (`rule_title`) is the headline.
    """
    candidates = title_candidates(signals, tree, url=url, feed_title=feed_title)
    weights = load_weights("titles")
    index = best_index([c.features for c in candidates], weights) if weights else None
    if index is None:
        rule = next((c.text for c in candidates if c.features.get("has_rule")), "")
        return TitleChoice(rule, candidates)
    return TitleChoice(candidates[index].text, candidates)


def page_title(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str, feed_title: str = ""
) -> str:
    """The article's headline from every title the page states or shows, or "" when none."""
    return page_titles(signals, tree, url=url, feed_title=feed_title).title
