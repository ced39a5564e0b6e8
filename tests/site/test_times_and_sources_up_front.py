"""Times: machine-readable output never claims a time the outlet did not give; pages use one
date format and offer the reader's zone by progressive enhancement. The article page names
its outlet and translation under the headline and lists each other article once."""

from __future__ import annotations

import re
from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Section
from gazette.discovery.models import ArticleEmbedding, Story
from gazette.states import TranslationState
from gazette.translation.models import ArticleTranslation
from tests.factories import make_article, make_source
from tests.site.test_article_page import read

pytestmark = pytest.mark.django_db


def test_an_undated_article_claims_no_publication_time_anywhere():
    article = make_article(
        title="First seen, never dated", published_at_estimated=True, published_at=timezone.now()
    )
    body, head = read(Client(), article.get_absolute_url())
    (ld,) = head.json_ld
    assert "datePublished" not in ld and "dateModified" not in ld
    assert "article:published_time" not in head.meta
    assert "first seen; the source gives no date" in body

    rss = feedparser.parse(Client().get("/feeds/rss.xml").content)
    (entry,) = rss.entries
    assert "published" not in entry, "no pubDate"
    atom = feedparser.parse(Client().get("/feeds/atom.xml").content)
    (entry,) = atom.entries
    assert "published" not in entry and entry.updated  # Atom's required <updated>: our entry's

    news = Client().get("/news-sitemap.xml").content.decode()
    assert article.get_absolute_url() not in news


def test_a_dated_article_states_its_times():
    article = make_article(title="Dated")
    _body, head = read(Client(), article.get_absolute_url())
    (ld,) = head.json_ld
    assert ld["datePublished"] == article.published_at.isoformat()
    assert head.meta["article:published_time"] == [article.published_at.isoformat()]
    entry = feedparser.parse(Client().get("/feeds/rss.xml").content).entries[0]
    assert entry.published


def test_times_are_in_one_format_with_the_zone_named_and_a_script_for_the_readers_zone():
    article = make_article(title="Tram line opens")
    local = timezone.localtime(article.published_at)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert re.search(r'<time class="dt" datetime="[^"]+">[^<]+ [A-Z]{2,5}[^<]*</time>', page)
    assert "js/localtime.js" in page
    archive = Client().get(f"/archive/{local.year}/{local.month}/").content.decode()
    day_links = re.findall(r'href="/archive/\d+/\d+/\d+/">([^<]+)<', archive)
    assert day_links and all(str(local.year) in text for text in day_links), day_links


def test_a_translated_article_names_its_outlet_and_translation_under_the_headline():
    german = make_source(name="Donauländer Tagblatt", language="de")
    article = make_article(source=german, language="en", title="Flood on the Danube")
    ArticleTranslation.objects.create(
        article=article,
        source_language="de",
        language="en",
        original_title="Hochwasser an der Donau",
        engine_label="our editors",
        state=TranslationState.TRANSLATED,
        translated_at=timezone.now(),
    )
    page = Client().get(article.get_absolute_url()).content.decode()
    header = page.split('<header class="article-header">', 1)[1].split("</header>", 1)[0]
    assert "Donauländer Tagblatt" in header
    assert "Translated from German by our editors" in header
    assert f'href="{article.original_url}"' in header


def test_the_article_page_lists_each_other_article_once():
    now = timezone.now()
    section = Section.objects.create(name="World", slug="world")
    story = Story.objects.create(title="Summit", last_article_at=now)
    articles = [
        make_article(
            section=section, title=f"Summit report {n}", published_at=now - timedelta(hours=n)
        )
        for n in range(3)
    ]
    for article in articles:
        ArticleEmbedding.objects.create(
            article=article,
            story=story,
            vector=b"\x00\x00\x80\x3f",
            backend="lexical2",
            published_at=article.published_at,
        )
    cache.clear()
    page = Client().get(articles[1].get_absolute_url()).content.decode()
    links = re.findall(r'href="(/\d{4}/\d{1,2}/\d{1,2}/[^"]+/)"', page.split("</h1>", 1)[1])
    others = [link for link in links if link != articles[1].get_absolute_url()]
    assert others, "the neighbours are linked"
    assert len(others) == len(set(others)), others
