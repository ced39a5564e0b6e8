"""The view beacon behind "most read": POST by sendBeacon or an <img> GET, counted once per
person, never cached, no cookies."""

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
