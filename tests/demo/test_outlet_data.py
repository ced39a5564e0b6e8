"""The demo outlets' articles load from their data files (one folder per outlet, one file per
article) into the same objects the Python literals gave, and a broken file fails clearly."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gazette.demo.outlets import OUTLETS, OutletArticle
from gazette.demo.outlets.loader import DATA_DIR, OutletDataError, outlets_load

CET = timezone(timedelta(hours=1), "CET")
GMT = timezone(timedelta(0), "GMT")


@pytest.fixture(autouse=True)
def _test_settings() -> None:
    """These tests need no Django, so they stand in for the project-wide settings fixture."""


def by_slug(outlet_slug: str, slug: str) -> OutletArticle:
    outlet = next(outlet for outlet in OUTLETS if outlet.slug == outlet_slug)
    return next(article for article in outlet.articles if article.slug == slug)


def test_it_loads_the_three_outlets_in_port_order():
    assert [(o.slug, o.name, o.language, len(o.articles)) for o in OUTLETS] == [
        ("tagblatt", "Donauländer Tagblatt", "de", 13),
        ("courier", "The Harbour Courier", "en", 13),
        ("wirereview", "Continental Wire Review", "en", 12),
    ]
    assert [(o.feed_path, o.feed_format, o.sitemap_path) for o in OUTLETS] == [
        ("/rss.xml", "rss", "/sitemap-news.xml"),
        ("/atom.xml", "atom", "/sitemap.xml"),
        ("/feed/", "rss", "/sitemap.xml"),
    ]
    assert OUTLETS[0].articles[0].slug == "donau-hochwasser-linz-passau"
    assert OUTLETS[0].articles[-1].slug == "skisaison-schneemangel-hinterstoder"


def test_an_article_has_what_its_file_says():
    article = by_slug("tagblatt", "donau-hochwasser-linz-passau")
    assert article.title == "Donau-Hochwasser: Linz und Passau rüsten sich für den Scheitel"
    assert article.author == "Katharina Hollerer"
    assert article.section == "Lokales"
    assert article.published == datetime(2026, 11, 17, 6, 45, tzinfo=CET)
    assert article.published.tzinfo == CET and article.published.tzname() == "CET"
    assert article.modified == datetime(2026, 11, 17, 18, 20, tzinfo=CET)
    assert article.path == "/lokales/2026/11/17/donau-hochwasser-linz-passau.html"
    assert (article.event, article.wire_id) == ("danube-flood", None)
    blocks = article.body_html.split("\n")
    assert len(blocks) == 18
    assert blocks[0].startswith("<p>Die Donau ist über Nacht zum reißenden Strom geworden.")
    assert "<h2>Mobile Wände an der Donaulände</h2>" in blocks


def test_a_key_left_out_is_none():
    undated = by_slug("wirereview", "analysis-europe-night-trains-pay-their-way")
    assert (undated.published, undated.modified, undated.event) == (None, None, None)
    assert undated.path == "/analysis/europe-night-trains-pay-their-way/"
    assert by_slug("wirereview", "iceland-reykjanes-eruption-grindavik").author is None


def test_an_agency_copy_takes_the_story_it_copies():
    story = by_slug("wirereview", "danube-floods-force-evacuations-austria-bavaria")
    copy = by_slug("courier", "danube-flood-passau-linz-evacuations")
    assert copy.title.startswith("Danube flood: more than 1,200 evacuated")
    assert copy.author == "Lena Marković, CPA"
    assert copy.published == datetime(2026, 11, 17, 11, 15, tzinfo=GMT)
    assert copy.published.tzname() == "GMT"
    assert story.modified is not None and copy.modified is None
    assert (copy.section, copy.event, copy.wire_id) == ("World", "danube-flood", story.wire_id)
    story_blocks, copy_blocks = story.body_html.split("\n"), copy.body_html.split("\n")
    assert copy_blocks[:-1] == story_blocks[:-1]  # the last paragraph cut, one added
    assert copy_blocks[-1].startswith("<p>Kingsharbour’s twin town of Grein")
    kyiv = by_slug("courier", "ukraine-power-grid-pledge-kyiv")
    kyiv_story = by_slug("wirereview", "ukraine-energy-grid-pledges-kyiv-conference")
    assert kyiv.body_html.split("\n") == kyiv_story.body_html.split("\n")[:-2]


def test_every_body_is_one_block_a_line():
    for outlet in OUTLETS:
        for article in outlet.articles:
            for block in article.body_html.split("\n"):
                assert block.startswith("<") and block.endswith(">"), (article.slug, block)


def copy_data(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


SLUGS = ("tagblatt", "courier", "wirereview")


def test_a_copy_of_the_data_loads_the_same(tmp_path):
    assert outlets_load(SLUGS, copy_data(tmp_path)) == OUTLETS


EZB = "tagblatt/ezb-senkt-leitzins.html"
# (file, text to replace, its replacement, the error): no text to replace deletes the file,
# and a file not there yet is written with the replacement.
BREAKAGES = [
    ("courier/outlet.toml", None, None, r"courier/outlet\.toml is missing"),
    (EZB, None, None, r"lists ezb-senkt-leitzins, with no such \.html file"),
    ("tagblatt/extra.html", "", "+++\n+++\n", r"tagblatt/outlet\.toml does not list extra"),
    (EZB, "title =", "titel =", r"ezb-senkt-leitzins\.html lacks title"),
    (EZB, "section =", "x = 1\nsection =", r"unknown key\(s\) x"),
    (EZB, 'section = "Wirtschaft"', "section = 1", r"section must be a string"),
    (EZB, "+01:00", "+02:00", r"published must be a date-time at the outlet's offset, like "
     r"2026-11-17T10:30:00\+01:00"),
    (EZB, "+++\n", "", r"front matter must open and close with a \+\+\+ line"),
    ("courier/ice-found-inside-asteroid-velmira.html", "cpa-halcyon", "cpa-none",
     r"copy_of 'cpa-none-probe' names no agency story"),
    ("courier/ice-found-inside-asteroid-velmira.html", "drop_paragraphs = 1",
     "drop_paragraphs = 99", r"drop_paragraphs must be a whole number of blocks"),
    ("wirereview/outlet.toml", '"+01:00"', '"CET"', r"utc_offset 'CET' is not like \+01:00"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "message"), BREAKAGES)
def test_a_broken_file_fails_naming_it(tmp_path, name, old, new, message):
    path = copy_data(tmp_path) / name
    if old is None:
        path.unlink()
    elif not path.exists():
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(OutletDataError, match=message):
        outlets_load(SLUGS, tmp_path / "data")
