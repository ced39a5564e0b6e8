"""The view beacon behind "most read": POST by sendBeacon or an <img> GET, counted once per
reader (address) and article a day whatever the user agent, only from our own pages, at most
DISCOVERY_BEACONS_PER_MINUTE a minute per address; never cached, no cookies."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from gazette.discovery.models import PopularityBucket
from gazette.discovery.popular import most_read
from gazette.states import ArticleState
from tests.factories import make_article

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.mark.django_db
def test_beacons_count_people_once_and_ignore_bots_and_prefetches(client: Client):
    cache.clear()
    article = make_article()
    url = f"/beacon/{article.pk}/"
    assert client.post(url, HTTP_USER_AGENT=BROWSER).status_code == 204
    client.post(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    client.post(url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch", REMOTE_ADDR="10.0.0.2")
    client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.3")
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response["Content-Type"] == "image/gif"
    assert "no-cache" in response["Cache-Control"] and not response.cookies
    assert PopularityBucket.objects.get(article=article).views == 2
    draft = make_article(state=ArticleState.DRAFT)
    client.post(f"/beacon/{draft.pk}/", HTTP_USER_AGENT=BROWSER)
    assert not PopularityBucket.objects.filter(article=draft).exists()
    cache.clear()
    assert most_read("today") == [article]
    assert most_read("week") == [article]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_beacon_is_never_stored_nor_validated_and_sets_no_cookie(method: str):
    client = Client(enforce_csrf_checks=True)  # sendBeacon sends no CSRF token
    article = make_article()
    response = getattr(client, method)(f"/beacon/{article.pk}/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == (200 if method == "get" else 204)
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert not response.has_header("ETag") and not response.cookies
    assert client.put(f"/beacon/{article.pk}/").status_code == 405


def post_beacon(client: Client, article_id: int, **headers: str) -> int:
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    response = client.post(f"/beacon/{article_id}/", **headers)  # type: ignore[arg-type]
    assert response.status_code == 204, "a reader never sees an error from the beacon"
    return response.status_code


def views_of(article_id: int) -> int:
    return sum(
        PopularityBucket.objects.filter(article_id=article_id).values_list("views", flat=True)
    )


@pytest.mark.django_db
def test_rotating_user_agents_from_one_address_count_once(client: Client):
    article = make_article()
    for n in range(100):
        post_beacon(client, article.pk, HTTP_USER_AGENT=f"{BROWSER} Visitor/{n}")
    assert views_of(article.pk) == 1
    post_beacon(client, article.pk, REMOTE_ADDR="198.51.100.7")
    assert views_of(article.pk) == 2, "another address is another reader"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://blog.testserver"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page.html"},
    ],
    ids=["origin", "sec-fetch-site", "same-site", "opaque-origin", "referer-only"],
)
def test_a_beacon_sent_from_another_site_counts_nothing(client: Client, headers: dict[str, str]):
    article = make_article()
    post_beacon(client, article.pk, **headers)
    response = client.get(f"/beacon/{article.pk}/", HTTP_USER_AGENT=BROWSER, **headers)  # type: ignore[arg-type]
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert views_of(article.pk) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_REFERER": "http://testserver/2024/1/1/x/"},
        {"HTTP_ORIGIN": "https://news.example.org"},  # SITE_URL: TLS ends at a proxy
        {},  # the <img> of a browser that sends neither header, or a privacy extension
    ],
    ids=["sendbeacon", "img-get", "site-url", "no-headers"],
)
def test_a_beacon_from_our_own_pages_counts(client: Client, settings, headers: dict[str, str]):
    settings.SITE_URL = "https://news.example.org"
    article = make_article()
    post_beacon(client, article.pk, **headers)
    assert views_of(article.pk) == 1


@pytest.mark.django_db
def test_a_burst_beyond_the_per_address_limit_stops_counting(client: Client, settings):
    settings.DISCOVERY_BEACONS_PER_MINUTE = 5
    articles = [make_article() for _ in range(8)]
    for article in articles:
        post_beacon(client, article.pk, HTTP_USER_AGENT=f"{BROWSER} {article.pk}")
    assert sum(views_of(article.pk) for article in articles) == 5
    post_beacon(client, articles[-1].pk, REMOTE_ADDR="198.51.100.7")
    assert views_of(articles[-1].pk) == 1, "the limit is per address: others still count"


@pytest.mark.django_db
def test_addresses_of_one_ipv6_network_are_one_visitor(client: Client, settings):
    settings.DISCOVERY_BEACONS_PER_MINUTE = 3
    articles = [make_article() for _ in range(5)]
    for n, article in enumerate(articles):
        post_beacon(client, article.pk, REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")
    assert sum(views_of(article.pk) for article in articles) == 3, "one /64 is one household"


@pytest.mark.django_db
def test_behind_a_proxy_the_reader_is_the_address_the_proxy_saw(client: Client, settings):
    settings.PROXY_COUNT = 1
    article = make_article()
    for n in range(5):  # a reader cannot become five by writing addresses of its own
        post_beacon(client, article.pk, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.20")
    assert views_of(article.pk) == 1
    post_beacon(client, article.pk, HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert views_of(article.pk) == 2, "the proxy's own address does not merge its readers"
    settings.PROXY_COUNT = 0  # not behind a proxy: the header is the client's own word
    post_beacon(client, article.pk, HTTP_X_FORWARDED_FOR="198.51.100.22")
    post_beacon(client, article.pk, HTTP_X_FORWARDED_FOR="198.51.100.23")
    assert views_of(article.pk) == 3, "both are the one reader at REMOTE_ADDR"
