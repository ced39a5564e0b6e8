"""An OPML file is someone else's: its addresses are checked before they become sources
(an htmlUrl is shown as the source's "Visit" link, a stored XSS if it is `javascript:`)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gazette.sources.feed_finder import find_feeds
from gazette.sources.models import Source
from gazette.sources.opml import parse_opml
from gazette.sources.services import source_register, sources_import_opml

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Newsroom</title></head><body>
  <outline type="rss" text="Visit me" xmlUrl="https://ok.example/rss.xml"
           htmlUrl="javascript:document.title='PWNED'" language="&lt;script&gt;"/>
  <outline type="rss" text="Data home" xmlUrl="https://ok.example/atom.xml"
           htmlUrl="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>
  <outline type="rss" text="Fine" xmlUrl="https://fine.example/rss.xml"
           htmlUrl="https://fine.example/" language="de-AT"/>
  <outline type="rss" text="Script feed" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="VB feed" xmlUrl="vbscript:msgbox(1)"/>
  <outline type="rss" text="Creds" xmlUrl="https://user:pw@creds.example/rss.xml"/>
  <outline type="rss" text="Relative" xmlUrl="/rss.xml"/>
  <outline type="rss" text="Control" xmlUrl="https://ctl.example/rss&#x7f;.xml"/>
</body></opml>"""


def test_opml_outlines_keep_only_web_addresses():
    outlines = parse_opml(OPML)
    assert [(o.feed_url, o.homepage, o.language) for o in outlines] == [
        ("https://ok.example/rss.xml", "", ""),
        ("https://ok.example/atom.xml", "", ""),
        ("https://fine.example/rss.xml", "https://fine.example/", "de"),
    ]


@pytest.mark.django_db
def test_importing_opml_stores_no_unsafe_address():
    created, existing = sources_import_opml(data=OPML, language="en")
    assert len(created) == 3 and existing == []
    for source in Source.objects.all():
        source.full_clean()  # the model's own validators agree
        assert source.homepage in ("", "https://fine.example/")
        assert source.language in ("en", "de")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("feed_url", "homepage"),
    [
        ("javascript:alert(1)", ""),
        ("https://ok.example/rss.xml", "javascript:alert(1)"),
        ("https://ok.example/rss.xml", "https://user:pw@ok.example/"),
        ("https://ok.example/" + "a" * 1000, ""),
    ],
)
def test_registering_a_source_refuses_unsafe_addresses(feed_url, homepage):
    with pytest.raises(ValidationError):
        source_register(name="X", feed_url=feed_url, homepage=homepage, language="en")
    assert not Source.objects.exists()


def test_autodiscovery_keeps_only_web_feeds():
    html = """<html><head>
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="alternate" type="application/rss+xml" href="data:application/rss+xml,x">
    <link rel="alternate" type="application/atom+xml" href="/atom.xml">
    </head></html>"""
    assert [f.url for f in find_feeds(html, "https://news.example/")] == [
        "https://news.example/atom.xml"
    ]
