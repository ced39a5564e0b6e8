"""Publication and modification times: structured data first, checked against what the page shows.

Dates written for readers are read in English and German ("19 August 2025", "Aug. 19, 2025",
"19. August 2025", "19.08.2025", "2025-08-19") and a few other languages' month names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import lxml.html

from gazette.ingest.extraction.metadata import PageSignals, text_of

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner jän janvier janv enero ene gennaio gen januari",
        "february feb februar février févr fevrier febrero febbraio februari",
        "march mar märz maerz mrz mars marzo maart",
        "april apr avril abril aprile",
        "may mai mayo maggio mei",
        "june jun juni juin junio giugno",
        "july jul juli juillet juil julio luglio",
        "august aug août aout agosto augustus",
        "september sep sept septembre septiembre settembre",
        "october oct okt oktober octobre octubre ottobre",
        "november nov novembre noviembre",
        "december dec dez dezember décembre decembre diciembre dic dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
_MONTH = "(" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|\.)?"
_YEAR = r"((?:19|20)\d\d)"
TEXT_DATE_PATTERNS = (
    # 2025-08-19, 2025/08/19
    (re.compile(rf"\b{_YEAR}[-/.](\d{{1,2}})[-/.](\d{{1,2}})\b"), ("y", "m", "d")),
    # 19. August 2025, 19 Aug 2025, 19 de agosto de 2025
    (
        re.compile(rf"\b{_DAY}\s*(?:de\s+)?{_MONTH}\s*,?\s*(?:de\s+)?{_YEAR}\b", re.I),
        ("d", "M", "y"),
    ),
    # August 19, 2025, Aug. 19th 2025
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR}\b", re.I), ("M", "d", "y")),
    # 19.08.2025 (day first, the European order)
    (re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.{_YEAR}\b"), ("d", "m", "y")),
    # 08/19/2025 or 19/08/2025: read as month first only when the day cannot be a month
    (re.compile(rf"\b(\d{{1,2}})/(\d{{1,2}})/{_YEAR}\b"), ("a", "b", "y")),
)
PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "date",
    "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
    "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date",
    "article.published", "published-date", "release_date", "created",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "last-modified",
    "dcterms.modified", "dc.date.modified", "article.updated", "lastmod", "modified",
)  # fmt: skip


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 (or RFC 2822-ish "YYYY-MM-DD …") timestamp as an aware datetime, else None."""
    if not value:
        return None
    text = value.strip()
    match = re.match(
        r"(\d{4})-?(\d\d)-?(\d\d)(?:[T ](\d\d):?(\d\d)(?::?(\d\d))?(?:[.,]\d+)?)?\s*"
        r"(Z|[+-]\d\d(?::?\d\d)?)?",
        text,
    )
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        tzinfo: timezone = UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            tzinfo = timezone(
                sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
            )
        parsed = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
            tzinfo=tzinfo,
        )  # fmt: skip
    except ValueError:
        return None
    return parsed if 1990 <= parsed.year <= datetime.now(UTC).year + 1 else None


def text_dates(text: str) -> list[date]:
    """Every calendar date written in `text`, in the order they appear."""
    return [day for _, day in text_dates_at(text)]


def text_dates_at(text: str) -> list[tuple[int, date]]:
    """(offset, day) for every calendar date written in `text`, in the order they appear."""
    found: list[tuple[int, date]] = []
    for pattern, order in TEXT_DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            try:
                if "a" in parts:
                    first, second = int(parts["a"]), int(parts["b"])
                    month, day = (first, second) if second > 12 else (second, first)
                else:
                    month = MONTHS[parts["M"].lower()] if "M" in parts else int(parts["m"])
                    day = int(parts["d"])
                found.append((match.start(), date(int(parts["y"]), month, day)))
            except (ValueError, KeyError):
                continue
    return sorted(found)


@dataclass(frozen=True)
class PageDates:
    published: datetime | None
    modified: datetime | None
    source: str


def _structured(signals: PageSignals, key: str, meta_names: tuple[str, ...]) -> list[datetime]:
    values: list[str] = [text_of(v) for v in signals.ld_values(key)]
    for name in meta_names:
        values += signals.meta.get(name, [])
    for element in signals.itemprops.get(key.lower(), []):
        values.append(element.get("datetime") or element.get("content") or element.text_content())
    parsed = [parse_datetime(v) for v in values]
    return [p for p in parsed if p]


_UPDATE_LABEL = re.compile(
    r"(?:updat|modif|revis|reviewed|edited|aktualisiert|geändert|überarbeitet|mis à jour)"
    r"[^0-9]{0,40}$",
    re.I,
)


def _visible_dates(tree: lxml.html.HtmlElement) -> list[tuple[date, bool, datetime | None]]:
    """Dates a reader sees near the byline: (day, labelled as an update, <time> stamp if any)."""
    found: list[tuple[date, bool, datetime | None]] = []
    for element in tree.xpath(
        "//time | //*[contains(@class, 'date') or contains(@class, 'time') "
        "or contains(@class, 'byline') or contains(@class, 'meta') or contains(@class, 'posted')"
        " or contains(@id, 'date')][not(self::html or self::body or self::script or self::style)]"
    ):
        text = " ".join(element.xpath(".//text()[not(ancestor::script or ancestor::style)]"))
        if len(text) > 300:
            continue
        stamp = element.get("datetime")
        parsed = parse_datetime(stamp) if stamp else None
        before = " ".join(element.xpath("preceding-sibling::*[1]//text()"))[-60:]
        if parsed:
            label = before + " " + text[:40] + " " + element.get("class", "")
            found.append((parsed.date(), bool(_UPDATE_LABEL.search(label)), parsed))
            continue
        for offset, match_date in text_dates_at(text):
            label = before + " " + text[:offset]
            found.append((match_date, bool(_UPDATE_LABEL.search(label[-60:])), None))
    return found


def _written_days(tree: lxml.html.HtmlElement) -> set[date]:
    """Every calendar day written anywhere in the page's visible text or <time> elements."""
    text = " ".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))
    days = set(text_dates(text))
    for stamp in tree.xpath("//time/@datetime"):
        parsed = parse_datetime(str(stamp))
        if parsed:
            days.add(parsed.date())
    return days


def page_dates(
    signals: PageSignals,
    tree: lxml.html.HtmlElement,
    *,
    url: str,
    feed_published: datetime | None = None,
    feed_updated: datetime | None = None,
) -> PageDates:
    """The publication and modification time from every signal, and which signal decided.

    A structured publication stamp is believed unless the page shows a different date that is
    neither one of the stated stamps nor the modification date; then the page is believed.
    Dates labelled "updated" on the page are never taken for the publication date.
    """
    published = _structured(signals, "datePublished", PUBLISHED_META)
    modified = _structured(signals, "dateModified", MODIFIED_META)
    visible = [(day, stamp) for day, update, stamp in _visible_dates(tree) if not update]
    shown = [day for day, _ in visible]
    shown_stamps = [stamp for _, stamp in visible if stamp]
    stated_days = {stamp.date() for stamp in published + modified}
    chosen: datetime | None = None
    source = ""
    if published:
        chosen, source = published[0], "structured"
        written = _written_days(tree)
        rival: datetime | None = None
        if published[0].date() in written:
            pass
        elif modified and modified[0].date() in written and modified[0] > published[0]:
            # The page shows only its update date: that is the date it presents itself with.
            rival = modified[0]
        elif shown and shown[0] not in stated_days:
            rival = _at(shown[0], shown_stamps + published + modified)
        if rival is not None:
            # The signals disagree: htmldate's reading of the whole page breaks the tie.
            verdict, _ = _htmldate(tree, url)
            if verdict is None or verdict.date() != published[0].date():
                chosen, source = rival, "page text"
    elif shown:
        chosen, source = _at(shown[0], shown_stamps + modified), "page text"
    if chosen is None and feed_published:
        chosen, source = feed_published, "feed"
    if chosen is None:
        url_match = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/", url)
        if url_match:
            try:
                year, month, day = (int(part) for part in url_match.groups())
                chosen = datetime(year, month, day, tzinfo=UTC)
                source = "url"
            except ValueError:
                chosen = None
    if chosen is None:
        chosen, source = _htmldate(tree, url, extensive=False)
    if chosen is None:
        # The extensive search also reads dates off links to other stories (a "related" box):
        # a date that only such links carry would date an undated page wrongly.
        guess, guess_source = _htmldate(tree, url)
        if guess is not None and guess.date() not in _linked_days(tree, url):
            chosen, source = guess, guess_source
    later = [
        m for m in modified + ([feed_updated] if feed_updated else []) if chosen and m > chosen
    ]
    return PageDates(published=chosen, modified=later[0] if later else None, source=source)


_LINK_DAY = re.compile(r"(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])[/-](?:0?[1-9]|[12]\d|3[01])(?!\d)")


def _linked_days(tree: lxml.html.HtmlElement, url: str) -> set[date]:
    """Days written in the addresses of links to other pages."""
    days: set[date] = set()
    for href in tree.xpath("//a/@href"):
        if str(href) == url or url.endswith(str(href)):
            continue
        for found in _LINK_DAY.findall(str(href)):
            year, month, day = (int(part) for part in re.split(r"[/-]", found))
            try:
                days.add(date(year, month, day))
            except ValueError:
                continue
    return days


def _at(day: date, stamps: list[datetime]) -> datetime:
    """A stated stamp on `day` when there is one (it has the time), else that day at midnight."""
    same = next((stamp for stamp in stamps if stamp.date() == day), None)
    return same or datetime(day.year, day.month, day.day, tzinfo=UTC)


def _htmldate(
    tree: lxml.html.HtmlElement, url: str, *, extensive: bool = True
) -> tuple[datetime | None, str]:
    from htmldate import find_date

    found: Any = find_date(tree, url=url or None, original_date=True, extensive_search=extensive)
    parsed = parse_datetime(found) if isinstance(found, str) else None
    return parsed, "htmldate" if parsed else ""
