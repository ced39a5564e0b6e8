"""A broken source is marked failing with a readable reason; the others carry on."""

from __future__ import annotations

import os

import pytest

from gazette.ingest.models import Entry
from gazette.newsroom.flow import source_poll
from gazette.sources.models import Source
from gazette.states import SourceHealth
from tests.factories import make_source
from tests.fault_server import Route, fault_server

GOOD_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Good</title><link>http://example.org/</link>
<item><title>A good story</title><link>/good-story.html</link>
<pubDate>Tue, 17 Nov 2026 09:00:00 +0100</pubDate></item>
</channel></rss>"""

BROKEN_ROUTES = {
    "/invalid.xml": Route(
        body=b"<?xml version='1.0'?><rss><channel><item><title>Unclosed",
        headers={"Content-Type": "application/rss+xml"},
    ),
    "/error.xml": Route(status=500, body=b"Internal Server Error"),
    "/slow.xml": Route(body=GOOD_RSS, delay=2.5),
    "/binary.xml": Route(
        body=os.urandom(5 * 1000 * 1000), headers={"Content-Type": "application/octet-stream"}
    ),
    "/good.xml": Route(body=GOOD_RSS, headers={"Content-Type": "application/rss+xml"}),
}

EXPECTED_REASONS = {
    "/invalid.xml": "broken feed",
    "/error.xml": "HTTP 500",
    "/slow.xml": "timed out after 1s",
    "/binary.xml": "neither a feed nor a sitemap",  # in words (gazette/sources/reasons.py)
}


@pytest.mark.django_db
def test_it_marks_only_the_broken_sources_as_failing(settings):
    settings.FETCH_TIMEOUT = 1
    with fault_server(BROKEN_ROUTES) as server:
        sources = {
            path: make_source(name=path, feed_url=server.base_url + path) for path in BROKEN_ROUTES
        }
        for source in sources.values():
            source_poll(source_id=source.pk)

    for path, reason in EXPECTED_REASONS.items():
        broken = Source.objects.get(pk=sources[path].pk)
        assert broken.health == SourceHealth.FAILING, path
        assert reason in broken.last_error, (path, broken.last_error)
        assert broken.consecutive_failures == 1
        assert broken.last_polled_at is not None
        assert broken.next_poll_at > broken.last_polled_at, "retried later, with backoff"

    good = Source.objects.get(pk=sources["/good.xml"].pk)
    assert good.health == SourceHealth.OK
    assert good.last_error == ""
    assert list(Entry.objects.filter(source=good).values_list("feed_title", flat=True)) == [
        "A good story"
    ]


@pytest.mark.django_db
def test_it_backs_off_longer_after_each_failure(settings):
    settings.RETRY_BASE_SECONDS = 60
    with fault_server({"/error.xml": Route(status=503)}) as server:
        source = make_source(feed_url=server.base_url + "/error.xml")
        delays = []
        for _ in range(3):
            source_poll(source_id=source.pk)
            source.refresh_from_db()
            assert source.last_polled_at is not None
            delays.append((source.next_poll_at - source.last_polled_at).total_seconds())
    assert delays == [60, 120, 240]
    assert source.consecutive_failures == 3


@pytest.mark.django_db
def test_it_parks_a_source_that_keeps_failing(settings):
    settings.MAX_ATTEMPTS = 2
    with fault_server({"/error.xml": Route(status=500)}) as server:
        source = make_source(feed_url=server.base_url + "/error.xml")
        source_poll(source_id=source.pk)
        source_poll(source_id=source.pk)
    source.refresh_from_db()
    assert source.health == SourceHealth.NEEDS_ATTENTION
    assert "HTTP 500" in source.last_error
