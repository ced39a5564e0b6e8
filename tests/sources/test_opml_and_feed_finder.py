"""Adding many sources at once (OPML) and finding a homepage's feeds."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from gazette.sources.feed_finder import find_feeds
from gazette.sources.models import Source
from gazette.sources.opml import OPMLError, parse_opml

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Newsroom</title></head><body>
<outline text="Europe">
  <outline type="rss" text="Tagblatt" xmlUrl="https://tagblatt.example/rss.xml"
           htmlUrl="https://tagblatt.example/" language="de-AT"/>
  <outline type="rss" title="Courier" xmlUrl="https://courier.example/atom.xml"/>
</outline>
<outline text="broken" xmlUrl="javascript:alert(1)"/>
</body></opml>"""

HOMEPAGE = """<html><head>
<link rel="alternate" type="application/rss+xml" title="All news" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example/atom.xml">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="stylesheet" type="text/css" href="/site.css">
<link rel="alternate" type="application/feed+json" href="feed.json">
</head><body></body></html>"""


def test_it_reads_nested_opml_outlines():
    outlines = parse_opml(OPML)
    assert [(o.title, o.feed_url, o.language) for o in outlines] == [
        ("Tagblatt", "https://tagblatt.example/rss.xml", "de"),
        ("Courier", "https://courier.example/atom.xml", ""),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html></html>", "not OPML"),
        (b"<opml><body><outline", "not readable XML"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><opml/>', "refused OPML"),
    ],
)
def test_it_refuses_what_is_not_opml(data, reason):
    with pytest.raises(OPMLError, match=reason):
        parse_opml(data)


@pytest.mark.django_db
def test_it_imports_opml_once(tmp_path, capsys):
    path = tmp_path / "feeds.opml"
    path.write_bytes(OPML)
    call_command("import_opml", str(path), "--language", "en")
    call_command("import_opml", str(path), "--language", "en")
    out = capsys.readouterr().out
    assert "2 source(s) added, 0 already registered" in out
    assert "0 source(s) added, 2 already registered" in out
    languages = dict(Source.objects.values_list("name", "language"))
    assert languages == {"Tagblatt": "de", "Courier": "en"}
    with pytest.raises(CommandError, match="not OPML"):
        path.write_bytes(b"<rss/>")
        call_command("import_opml", str(path), "--language", "en")


def test_it_finds_the_feeds_a_homepage_announces():
    feeds = find_feeds(HOMEPAGE, "https://news.example/front/")
    assert [(f.kind, f.url, f.title) for f in feeds] == [
        ("RSS", "https://news.example/rss.xml", "All news"),
        ("Atom", "https://cdn.example/atom.xml", ""),
        ("JSON Feed", "https://news.example/front/feed.json", ""),
    ]
    assert find_feeds("", "https://x/") == []
