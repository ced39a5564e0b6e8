"""Publication and modification times: every day the page offers is a candidate, a small learned
model chooses (see docs/extraction.md).

Dates written for readers are read in English and German ("19 August 2025", "Aug. 19, 2025",
"19. August 2025", "19.08.2025", "2025-08-19") and a few other languages' month names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import lxml.html

from gazette.ingest.extraction.chooser import best_index, load_weights
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
    candidates: tuple[DateCandidate, ...] = ()


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


def _written_days(tree: lxml.html.HtmlElement, years: set[int]) -> set[date]:
    """Calendar days of `years` written anywhere in the page's visible text or <time> elements.

    Only the text around each written year is read: the date patterns are slow on whole pages.
    """
    text = " ".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))
    days: set[date] = set()
    for year in years:
        for found in re.finditer(str(year), text):
            window = text[max(0, found.start() - 40) : found.end() + 10]
            days.update(text_dates(window))
    for stamp in tree.xpath("//time/@datetime"):
        parsed = parse_datetime(str(stamp))
        if parsed:
            days.add(parsed.date())
    return days


_PUBLISHED_LABEL = re.compile(
    r"(?:publish|posted|released|written|erschienen|veröffentlicht|publié|publicado|pubblicato|"
    r"gepubliceerd|publicerad|opublikowano)[^0-9]{0,25}$",
    re.I,
)
# Dates of a paper's or a case's history, not the page's publication.
_OTHER_LABEL = re.compile(
    r"(?:submitted|received|accepted|filed|event|deadline|expires?|eingereicht)[^0-9]{0,25}$",
    re.I,
)
_STREAM_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "button", "select", "option"}
)
# How far from the headline (characters of text) a date still belongs to its byline.
HEADER_AFTER = 300
HEADER_BEFORE = 150
# A date labelled "published" may sit further down, below a standfirst and a lead image's
# caption; it counts when no date at all is nearer.
HEADER_LABELLED_AFTER = 700


@dataclass(frozen=True)
class HeaderDate:
    day: date
    kind: str  # "published", "updated", "other" or "" (unlabelled)


def _headline_element(tree: lxml.html.HtmlElement, headline: str) -> lxml.html.HtmlElement | None:
    """The element showing the headline: an <h1> (or else an <h2>/<h3>) with the same words."""
    wanted = _words(headline)
    if not wanted:
        return None
    for tags in (("h1",), ("h2", "h3")):
        for heading in tree.iter(*tags):
            words = _words(heading.text_content())
            if words and len(words & wanted) / len(words | wanted) >= 0.5:
                return heading
    # A page without headings shows its headline in some other element (a <legend>, a styled
    # <div>): one whose own text is the headline, not a link to it.
    body = tree.find("body")
    for element in body.iter() if body is not None else ():
        if not isinstance(element.tag, str) or element.tag in _NOT_HEADLINE or not element.text:
            continue
        words = _words(element.text)
        if (
            words
            and len(words & wanted) / len(words | wanted) >= 0.8
            and not any(a.tag in _NOT_HEADLINE for a in element.iterancestors())
        ):
            return element
    return None


_NOT_HEADLINE = _STREAM_SKIP | {"a", "title", "nav", "li", "option", "label"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def header_dates(tree: lxml.html.HtmlElement, headline: str) -> list[HeaderDate]:
    """Dates written next to the headline (its byline), nearest first: after it, in it, before it.

    Each carries the label a reader sees before it ("Updated", "Published", "Submitted").
    """
    return _header_scan(tree, headline)[0]


# Classes naming an update stamp: "updated", "date-modified", "dateModified", "lastmod", ….
_UPDATE_CLASS = re.compile(r"updated|modified|lastmod|aktualisiert", re.I)


def _marks_update(element: lxml.html.HtmlElement) -> bool:
    """Whether the element's class or itemprop says it shows the page's modification time."""
    return bool(
        _UPDATE_CLASS.search(element.get("class") or "")
        or "datemodified" in (element.get("itemprop") or "").lower()
    )


def _header_scan(
    tree: lxml.html.HtmlElement, headline: str
) -> tuple[list[HeaderDate], list[datetime]]:
    """`header_dates`, and the modification times the byline shows: a <time> or other element
    whose class or itemprop marks it as the update ("updated", "dateModified"), or a date the
    reader sees labelled "Updated"/"Aktualisiert"/"Last modified". A stamp without a time zone
    (a time written for readers in no zone Gazette knows) is naive."""
    heading = _headline_element(tree, headline)
    if heading is None:
        return [], []
    chunks: list[str] = []
    length = 0
    span: list[int] = []
    # (start, end, stamp) of each <time> element with a machine-readable datetime.
    stamped: list[tuple[int, int, datetime]] = []
    # (start, end, stamp or None) of each element marked as the update by class or itemprop.
    marks: list[tuple[int, int, datetime | None]] = []
    # Menus are skipped, unless broken markup left the headline inside one.
    skipped = _STREAM_SKIP | ({"nav"} - {a.tag for a in heading.iterancestors()})

    def walk(element: lxml.html.HtmlElement) -> bool:
        """Append the text of `element`; False once far enough past the headline."""
        nonlocal length
        if element is heading:
            span.append(length)
        stamp = parse_datetime(element.get("datetime")) if element.tag == "time" else None
        if stamp is not None:
            # The end is set once its text is in; a walk stopped inside it leaves it open.
            stamped.append((length, 1 << 62, stamp))
        mark = -1
        if isinstance(element.tag, str) and _marks_update(element):
            mark = len(marks)
            value = element.get("datetime") or element.get("content")
            marks.append((length, 1 << 62, parse_datetime(value) if value else None))
        if isinstance(element.tag, str) and element.tag not in skipped:
            for piece in (element.text, *((child, child.tail) for child in element)):
                if isinstance(piece, tuple):
                    if not walk(piece[0]):
                        return False
                    piece = piece[1]
                text = " ".join(piece.split()) if piece else ""
                if text:
                    chunks.append(text)
                    length += len(text) + 1
        if element is heading:
            span.append(length)
        if stamp is not None:
            stamped[-1] = (stamped[-1][0], length, stamp)
        if mark >= 0:
            marks[mark] = (marks[mark][0], length, marks[mark][2])
        return len(span) < 2 or length < span[1] + HEADER_LABELLED_AFTER

    body = tree.find("body")
    walk(body if body is not None else tree)
    if len(span) < 2:
        return [], []
    start, end = span[0], span[1]
    text = " ".join(chunks)
    found: list[tuple[int, HeaderDate]] = []
    far: list[tuple[int, HeaderDate]] = []
    window = text[max(0, start - HEADER_BEFORE) : end + HEADER_LABELLED_AFTER]
    updates: list[datetime] = []
    for mark_start, mark_end, mark_stamp in marks:
        if (
            not max(0, start - HEADER_BEFORE) <= mark_start < end + HEADER_LABELLED_AFTER
            or mark_end - mark_start > 200  # a block of the page, not a stamp
        ):
            continue
        if mark_stamp is None:
            # The element's text, or a <time> inside it, states the time.
            mark_stamp = next(
                (at for first, _, at in stamped if mark_start <= first < mark_end), None
            ) or _written_stamp(text[mark_start:mark_end])
        if mark_stamp is not None:
            updates.append(mark_stamp)
    for offset, day in _stamped_days(
        text_dates_at(window), max(0, start - HEADER_BEFORE), len(window), stamped
    ):
        if _UPDATE_LABEL.search(text[max(0, offset - 60) : offset]):
            updates.append(
                next(
                    (at for first, last, at in stamped if first <= offset < last),
                    None,
                )
                or _written_stamp(text[offset : offset + 60], day)
                or datetime(day.year, day.month, day.day)
            )
        if offset >= end + HEADER_AFTER:
            before = text[max(0, offset - 40) : offset]
            if _PUBLISHED_LABEL.search(before) and not _UPDATE_LABEL.search(before):
                far.append((offset - end, HeaderDate(day, "published")))
            continue
        if offset >= end:
            rank = offset - end
        elif offset >= start:
            rank = 10_000
        else:
            rank = 20_000 + start - offset
        before = text[max(0, offset - 60) : offset]
        kind = ""
        if _UPDATE_LABEL.search(before[-60:]):
            kind = "updated"
        elif _OTHER_LABEL.search(before[-40:]):
            kind = "other"
        elif _PUBLISHED_LABEL.search(before[-40:]):
            kind = "published"
        found.append((rank, HeaderDate(day, kind)))
    dates = [found_date for _, found_date in sorted(found or far[:1], key=lambda item: item[0])]
    return dates, updates


_TIME_OF_DAY = re.compile(
    r"(?:(\d{1,2}):(\d\d)|(\d{1,2})\.(\d\d)(?=\s*Uhr))(?::\d\d)?\s*([ap]\.?m\.?)?\s*"
    r"(?:Uhr\s*)?\(?(GMT|UTC|Z|CET|MEZ|CEST|MESZ|BST|EET|EEST|[+-]\d\d:?\d\d)?(?![\w:])",
    re.I,
)
_ZONES = {
    "gmt": 0, "utc": 0, "z": 0, "cet": 60, "mez": 60, "bst": 60, "cest": 120, "mesz": 120,
    "eet": 120, "eest": 180,
}  # fmt: skip


def _written_stamp(text: str, day: date | None = None) -> datetime | None:
    """The time a reader sees written at the start of `text` ("17 November 2026, 16:45 GMT"):
    its day (`day`, else the first date written), with the time of day written right after it
    and the zone when it names one (else a naive datetime); None when no day is written."""
    if day is None:
        days = text_dates_at(text)
        if not days:
            return None
        day = days[0][1]
    found = _TIME_OF_DAY.search(text[:60])
    if found is None:
        return datetime(day.year, day.month, day.day)
    hour = int(found.group(1) or found.group(3))
    minute = int(found.group(2) or found.group(4))
    half = (found.group(5) or "").replace(".", "").lower()
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    zone = (found.group(6) or "").lower()
    tzinfo: timezone | None = None
    if zone in _ZONES:
        tzinfo = timezone(timedelta(minutes=_ZONES[zone]))
    elif zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        tzinfo = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tzinfo)
    except ValueError:
        return datetime(day.year, day.month, day.day)


def _stamped_days(
    found: list[tuple[int, date]], shift: int, length: int, stamped: list[tuple[int, int, datetime]]
) -> list[tuple[int, date]]:
    """The dates of a window of text (offsets moved by `shift`), each read from the datetime of
    the <time> element showing it when that names another day: the text is written for readers
    ("3/12/2021" in either order, "2 days ago"), the attribute states the day. A day apart, the
    text's day stays: a stamp in UTC can fall on the next or previous local day."""
    days: list[tuple[int, date]] = []
    for offset, day in found:
        offset += shift
        for start, end, stamp in stamped:
            if start <= offset < end and abs((stamp.date() - day).days) > 1:
                day = stamp.date()
        days.append((offset, day))
    for start, end, stamp in stamped:
        if shift <= start < shift + length and not any(start <= at < end for at, _ in days):
            days.append((start, stamp.date()))
    return sorted(days)


def _exact_first(stamps: list[datetime]) -> list[datetime]:
    """The stamps with an exact one first when the first gives only a day (midnight) and another,
    with a time of day, falls on the day before or after it but on that very day in some time
    zone (UTC-12 to UTC+14): the two state one publication, the day-only one as a day reckoned in
    another zone, the exact one in the offset it gives.
    """
    if not stamps or not _day_only(stamps[0]):
        return stamps
    day = stamps[0].date()
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    for stamp in stamps[1:]:
        if (
            not _day_only(stamp)
            and abs((stamp.date() - day).days) == 1
            and midnight - timedelta(hours=14) <= stamp < midnight + timedelta(hours=36)
        ):
            return [stamp, *(other for other in stamps if other is not stamp)]
    return stamps


def _day_only(stamp: datetime) -> bool:
    return (stamp.hour, stamp.minute, stamp.second, stamp.microsecond) == (0, 0, 0, 0)


def _url_day(url: str) -> date | None:
    match = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/", url)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


# The kinds of evidence a date candidate can have. A candidate is a calendar day; its features
# say which kinds name it, where, and how it stands to the other candidates. A small linear
# model (weights in `weights/dates.json`, trained by `scripts/train_extraction.py` with
# cross-validation grouped by site) scores each day; the best-scoring day is the publication.
SOURCE_KINDS = (
    "ld_published", "meta_published", "itemprop_published", "ld_created", "modified",
    "byline_published", "byline_updated", "byline_other", "byline_plain", "time_element",
    "visible", "visible_updated", "url", "htmldate",
)  # fmt: skip
_SHOWN_KINDS = frozenset(
    {"byline_published", "byline_updated", "byline_other", "byline_plain", "visible",
     "visible_updated", "time_element"}
)  # fmt: skip
_STRUCTURED_KINDS = frozenset({"ld_published", "meta_published", "itemprop_published"})


@dataclass(frozen=True)
class DateCandidate:
    """One calendar day the page offers as its date, with what describes it (never the page)."""

    day: date
    stamp: datetime
    features: dict[str, float]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class DateEvidence:
    candidates: tuple[DateCandidate, ...]
    modified: tuple[datetime, ...]
    updates: tuple[datetime, ...]


def _split_structured(signals: PageSignals) -> dict[str, list[datetime]]:
    """The page's machine-readable stamps by kind, each list in the page's order."""

    def parsed(values: list[str]) -> list[datetime]:
        found: list[datetime] = []
        for value in values:
            stamp = parse_datetime(value)
            if stamp is None and value and len(value) <= 40:
                days = text_dates(value)
                stamp = (
                    datetime(days[0].year, days[0].month, days[0].day, tzinfo=UTC) if days else None
                )
            if stamp is not None:
                found.append(stamp)
        return found

    meta: list[str] = []
    for name in PUBLISHED_META:
        meta += signals.meta.get(name, [])
    modified_values: list[str] = [text_of(v) for v in signals.ld_values("dateModified")]
    for name in MODIFIED_META:
        modified_values += signals.meta.get(name, [])
    for element in signals.itemprops.get("datemodified", []):
        modified_values.append(element.get("datetime") or element.get("content") or "")
    return {
        "ld_published": parsed([text_of(v) for v in signals.ld_values("datePublished")]),
        "ld_created": parsed([text_of(v) for v in signals.ld_values("dateCreated")]),
        "meta_published": parsed(meta),
        "itemprop_published": parsed(
            [
                e.get("datetime") or e.get("content") or e.text_content()
                for e in signals.itemprops.get("datepublished", [])
            ]
        ),
        "modified": parsed(modified_values),
    }


def _image_months(tree: lxml.html.HtmlElement) -> set[tuple[int, int]]:
    """(year, month) of upload folders ("/2024/10/") in the page's image addresses."""
    months: set[tuple[int, int]] = set()
    for address in tree.xpath(
        "//img/@src | //img/@srcset | //img/@data-src | //source/@srcset"
        " | //meta[@property='og:image']/@content"
    ):
        for year, month in re.findall(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/", str(address)):
            months.add((int(year), int(month)))
    return months


def date_evidence(
    signals: PageSignals, tree: lxml.html.HtmlElement, *, url: str, headline: str = ""
) -> DateEvidence:
    """Every day the page offers as its date, described for the chooser."""
    structured = _split_structured(signals)
    header, updates = _header_scan(tree, headline) if headline else ([], [])
    by_kind: dict[str, list[date]] = {kind: [s.date() for s in v] for kind, v in structured.items()}
    for found in header:
        by_kind.setdefault(f"byline_{found.kind or 'plain'}", []).append(found.day)
    shown_stamps: list[datetime] = []
    for day, update, stamp in _visible_dates(tree):
        by_kind.setdefault("visible_updated" if update else "visible", []).append(day)
        if stamp is not None:
            by_kind.setdefault("time_element", []).append(day)
            shown_stamps.append(stamp)
    url_day = _url_day(url)
    if url_day is not None:
        by_kind["url"] = [url_day]
    guess, _ = _htmldate(tree, url, extensive=False)
    if guess is not None:
        by_kind["htmldate"] = [guess.date()]
    days = sorted({day for values in by_kind.values() for day in values})
    if not days:
        return DateEvidence((), tuple(structured["modified"]), tuple(updates))
    published = next(
        (
            by_kind[k][0]
            for k in ("ld_published", "meta_published", "itemprop_published")
            if by_kind.get(k)
        ),
        None,
    )
    modified_days = set(by_kind.get("modified", []))
    latest_modified = max(modified_days) if modified_days else None
    written = _written_days(tree, {day.year for day in days})
    linked = _linked_days(tree, url)
    months = _image_months(tree)
    stamps = (
        _exact_first(
            [
                s
                for k in ("ld_published", "meta_published", "itemprop_published")
                for s in structured[k]
            ]
        )
        + structured["ld_created"]
        + shown_stamps
        + structured["modified"]
    )
    byline_days = {found.day for found in header}
    candidates: list[DateCandidate] = []
    for day in days:
        kinds = tuple(k for k in SOURCE_KINDS if day in by_kind.get(k, []))
        features: dict[str, float] = {f"has_{k}": 1.0 for k in kinds}
        for kind in kinds:
            if by_kind[kind][0] == day:
                features[f"first_{kind}"] = 1.0
        features["kinds"] = float(len(kinds))
        features["earliest"] = float(day == days[0])
        features["latest"] = float(day == days[-1])
        if published is not None and day != published:
            gap = (day - published).days
            features["before_published"] = float(gap < 0)
            features["after_published"] = float(gap > 0)
            features["one_day_from_published"] = float(abs(gap) == 1)
            features["log_gap_published"] = math.log1p(abs(gap))
        if latest_modified is not None and day > latest_modified:
            features["after_modified"] = 1.0
        if (
            day in modified_days
            and "has_ld_published" not in features
            and ("has_meta_published" not in features)
        ):
            features["modified_only"] = 1.0
        if url_day is not None and abs((day - url_day).days) == 1:
            features["one_day_from_url"] = 1.0
        features["written"] = float(day in written)
        features["linked"] = float(day in linked)
        features["image_month"] = float((day.year, day.month) in months)
        features["alone"] = float(len(days) == 1)
        features["byline_first"] = float(bool(header) and header[0].day == day)
        features["byline_only"] = float(bool(header) and byline_days == {day})
        shown = bool(set(kinds) & _SHOWN_KINDS) or day in written
        features["shown"] = float(shown)
        features["structured_hidden"] = float(bool(set(kinds) & _STRUCTURED_KINDS) and not shown)
        candidates.append(DateCandidate(day, _at(day, stamps), features, kinds))
    return DateEvidence(tuple(candidates), tuple(structured["modified"]), tuple(updates))


# Without trained weights: the structured stamp, then the byline, then the rest.
DEFAULT_DATE_WEIGHTS = {
    "has_ld_published": 3.0, "has_meta_published": 2.5, "has_byline_published": 2.0,
    "has_byline_plain": 1.0, "kinds": 0.5,
}  # fmt: skip


def date_weights() -> dict[str, float]:
    """The chooser's weights: feature name → weight (a missing feature weighs nothing)."""
    return load_weights("dates") or DEFAULT_DATE_WEIGHTS


def choose_date(
    candidates: Sequence[DateCandidate], weights: dict[str, float] | None = None
) -> DateCandidate | None:
    """The best-scoring candidate (the earlier day on a tie), or None when there is none."""
    index = best_index(
        [c.features for c in candidates], date_weights() if weights is None else weights
    )
    return None if index is None else candidates[index]


def _source_of(candidate: DateCandidate) -> str:
    kinds = set(candidate.kinds)
    if kinds & {"ld_published", "meta_published", "itemprop_published", "ld_created", "modified"}:
        return "structured"
    if kinds & {"byline_published", "byline_updated", "byline_plain", "byline_other", "visible",
                "visible_updated", "time_element"}:  # fmt: skip
        return "page text"
    return "url" if "url" in kinds else "htmldate"


def page_dates(
    signals: PageSignals,
    tree: lxml.html.HtmlElement,
    *,
    url: str,
    headline: str = "",
    feed_published: datetime | None = None,
    feed_updated: datetime | None = None,
) -> PageDates:
    """The publication and modification time, and which signal decided.

    Every day the page offers is a candidate (`date_evidence`); the learned chooser picks one.
    The feed's date is taken only when the page offers none, and after it htmldate's extensive
    search (unless only links to other stories carry its date); else None (first-seen time).
    """
    evidence = date_evidence(signals, tree, url=url, headline=headline)
    best = choose_date(evidence.candidates)
    chosen: datetime | None = best.stamp if best else None
    source = _source_of(best) if best else ""
    if chosen is None and feed_published:
        chosen, source = feed_published, "feed"
    if chosen is None:
        guess, guess_source = _htmldate(tree, url)
        if guess is not None and guess.date() not in _linked_days(tree, url):
            chosen, source = guess, guess_source
    # The page's own update stamps (a <time class="updated">, "Updated 17 Nov 2026, 16:45") come
    # after the structured ones; a time written in no zone is read in the publication's zone.
    zone = chosen.tzinfo if chosen is not None and chosen.tzinfo else UTC
    shown_updates = [s if s.tzinfo else s.replace(tzinfo=zone) for s in evidence.updates]
    later = [
        m
        for m in [*evidence.modified, *shown_updates, *([feed_updated] if feed_updated else [])]
        if chosen and m > chosen
    ]
    return PageDates(
        published=chosen,
        modified=later[0] if later else None,
        source=source,
        candidates=evidence.candidates,
    )


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
