"""Sections and tags come from the categories the source's feed gives each item."""

from __future__ import annotations

import pytest

from gazette.ingest.extract import ExtractedArticle
from gazette.ingest.formats import parse_listing
from gazette.ingest.models import Entry
from tests.factories import make_source, store_article

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>http://127.0.0.1:9/a</link><category>Wirtschaft</category>
<category>Hafen</category></item></channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<id>x</id><entry><title>B</title><link href="http://127.0.0.1:9/b"/><id>b</id>
<category term="Sport"/></entry></feed>"""


def test_feed_items_carry_their_categories_in_order():
    (item,) = parse_listing(RSS, "application/rss+xml", "http://127.0.0.1:9/").items
    assert item.categories == ("Wirtschaft", "Hafen")
    (entry,) = parse_listing(ATOM, "application/atom+xml", "http://127.0.0.1:9/").items
    assert entry.categories == ("Sport",)


@pytest.mark.django_db
def test_the_first_category_becomes_the_section_and_the_rest_tags():
    source = make_source(language="en")
    entry = Entry.objects.create(
        source=source,
        url="http://127.0.0.1:9/a",
        canonical_url="http://127.0.0.1:9/a",
        feed_categories=["Wirtschaft", "Port of Linz"],
    )
    extracted = ExtractedArticle(
        title="Port traffic rises",
        body_html="<p>Text.</p>",
        standfirst="",
        author="Ada Reporter",
        published_at=None,
        modified_at=None,
        language="en",
        canonical_url=entry.url,
    )
    article = store_article(entry, extracted)
    assert article.section is not None and article.section.name == "Economy"
    assert [tag.name for tag in article.tags.all()] == ["Port of Linz"]
    assert article.author_slug == "ada-reporter"
