"""The demo outlets' content, read from data files: one folder per outlet, one file per article.

`data/<outlet>/outlet.toml` holds the outlet: its name, language, feed and sitemap, the time
zone its dates are given in (`time_zone`, `utc_offset`) and its articles' slugs in catalogue
order (`articles`). `data/<outlet>/<slug>.html` holds one article: TOML front matter between
two `+++` lines, then the body as a perfect extractor returns it, one block (`<p>`, `<h2>` …)
a line; blank lines are skipped.

The front matter gives `title`, `standfirst`, `section` and `path`, and where they apply
`author`, `published` and `modified` (date-times with the outlet's offset), `event` and
`wire_id`; a key left out is None. An agency copy names instead the `wire_id` of the story it
copies (`copy_of`, a story on another outlet) and how many of that story's last blocks it
leaves out (`drop_paragraphs`, 0 if not given): it takes each key it does not give from the
story, except `modified`, and its body is the story's without those blocks, followed by its
own.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .model import Outlet, OutletArticle

DATA_DIR = Path(__file__).resolve().parent / "data"
FRONT_MATTER = "+++"
OUTLET_KEYS = {
    "name", "language", "feed_path", "feed_format", "sitemap_path", "time_zone", "utc_offset",
    "articles",
}  # fmt: skip
REQUIRED = {"title", "standfirst", "section", "path"}
OPTIONAL = {"author", "published", "modified", "event", "wire_id"}
COPY_KEYS = {"copy_of", "drop_paragraphs"}


class OutletDataError(ValueError):
    """A data file of the demo outlets is missing, or says something the loader cannot use."""


@dataclass(frozen=True)
class _Copy:
    """An agency copy as its file gives it, until the story it copies is read."""

    path: Path
    front: dict[str, Any]


def outlets_load(slugs: Iterable[str], directory: Path = DATA_DIR) -> tuple[Outlet, ...]:
    """The outlets in `directory` named by `slugs`, in that order, their agency copies filled
    in from the stories they copy (which may be on any of these outlets)."""
    read = [_outlet_read(directory / slug) for slug in slugs]
    stories: dict[str, OutletArticle] = {}
    for _fields, articles in read:
        for article in articles:
            if isinstance(article, OutletArticle) and article.wire_id:
                if article.wire_id in stories:
                    raise OutletDataError(f"two agency stories have wire_id {article.wire_id!r}")
                stories[article.wire_id] = article
    return tuple(
        Outlet(
            **fields,
            articles=tuple(
                _copy_make(article, stories) if isinstance(article, _Copy) else article
                for article in articles
            ),
        )
        for fields, articles in read
    )


def _outlet_read(folder: Path) -> tuple[dict[str, Any], list[OutletArticle | _Copy]]:
    """The outlet's fields but its articles, and its articles in catalogue order."""
    path = folder / "outlet.toml"
    if not path.is_file():
        raise OutletDataError(f"{path} is missing")
    meta = _toml(path, path.read_text(encoding="utf-8"))
    _keys_check(path, meta, required=OUTLET_KEYS, allowed=OUTLET_KEYS)
    zone = _zone(path, meta.pop("time_zone"), meta.pop("utc_offset"))
    slugs: list[str] = meta.pop("articles")
    files = {file.stem for file in folder.glob("*.html")}
    if unlisted := sorted(files - set(slugs)):
        raise OutletDataError(f"{path} does not list {', '.join(unlisted)}")
    if missing := [slug for slug in slugs if slug not in files]:
        raise OutletDataError(f"{path} lists {', '.join(missing)}, with no such .html file")
    if len(set(slugs)) != len(slugs):
        raise OutletDataError(f"{path} lists an article twice")
    articles = [_article_read(folder / f"{slug}.html", zone) for slug in slugs]
    return {"slug": folder.name, **meta}, articles


def _article_read(path: Path, zone: timezone) -> OutletArticle | _Copy:
    text = path.read_text(encoding="utf-8")
    fence = FRONT_MATTER + "\n"
    head, closed, body = text.removeprefix(fence).partition("\n" + fence)
    if not text.startswith(fence) or not closed:
        raise OutletDataError(
            f"{path}: front matter must open and close with a {FRONT_MATTER} line"
        )
    front = _toml(path, head)
    copy = "copy_of" in front
    if copy:
        _keys_check(path, front, required={"copy_of"}, allowed=REQUIRED | OPTIONAL | COPY_KEYS)
    else:
        _keys_check(path, front, required=REQUIRED, allowed=REQUIRED | OPTIONAL)
    for key, value in front.items():
        if key in ("published", "modified"):
            front[key] = _date(path, key, value, zone)
        elif key != "drop_paragraphs" and not isinstance(value, str):
            raise OutletDataError(f"{path}: {key} must be a string")
    front["slug"] = path.stem
    front["body_html"] = "\n".join(line for line in body.split("\n") if line.strip())
    if copy:
        return _Copy(path, front)
    return OutletArticle(**{key: None for key in OPTIONAL} | front)


def _copy_make(copy: _Copy, stories: dict[str, OutletArticle]) -> OutletArticle:
    own = dict(copy.front)
    wire_id, drop = own.pop("copy_of"), own.pop("drop_paragraphs", 0)
    story = stories.get(wire_id)
    if story is None:
        raise OutletDataError(f"{copy.path}: copy_of {wire_id!r} names no agency story")
    if not isinstance(drop, int) or not 0 <= drop < story.body_html.count("\n") + 1:
        raise OutletDataError(f"{copy.path}: drop_paragraphs must be a whole number of blocks")
    blocks = story.body_html.split("\n")
    kept = blocks[: len(blocks) - drop] + ([own["body_html"]] if own["body_html"] else [])
    return replace(story, **{"modified": None, **own, "body_html": "\n".join(kept)})


def _toml(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise OutletDataError(f"{path}: {error}") from None


def _keys_check(path: Path, data: dict[str, Any], *, required: set[str], allowed: set[str]) -> None:
    given = set(data)
    if missing := sorted(required - given):
        raise OutletDataError(f"{path} lacks {', '.join(missing)}")
    if unknown := sorted(given - allowed):
        raise OutletDataError(f"{path}: unknown key(s) {', '.join(unknown)}")


def _zone(path: Path, name: str, offset: str) -> timezone:
    """`timezone(timedelta(hours=1), "CET")` from "CET" and "+01:00"."""
    try:
        parsed = datetime.strptime(offset, "%z").utcoffset()
    except (TypeError, ValueError):
        raise OutletDataError(f"{path}: utc_offset {offset!r} is not like +01:00") from None
    return timezone(parsed or timedelta(0), name)


def _date(path: Path, key: str, value: Any, zone: timezone) -> datetime:
    """A TOML date-time at the outlet's offset, given the zone's name."""
    if not isinstance(value, datetime) or value.utcoffset() != zone.utcoffset(None):
        offset = datetime(2026, 1, 1, tzinfo=zone).isoformat()[-6:]
        raise OutletDataError(
            f"{path}: {key} must be a date-time at the outlet's offset, like "
            f"2026-11-17T10:30:00{offset}"
        )
    return value.replace(tzinfo=zone)
