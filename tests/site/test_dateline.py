"""The dateline names its time zone, so a reader elsewhere is not misled by the hour."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_dateline_names_the_zone_of_the_time_it_shows(settings):
    settings.TIME_ZONE = "Europe/Vienna"
    winter = make_article(
        title="Shipyard wins ferry order",
        published_at=datetime(2026, 11, 12, 17, 45, tzinfo=UTC),
        modified_at=datetime(2026, 11, 12, 18, 5, tzinfo=UTC),
    )
    summer = make_article(
        title="Ferry season opens", published_at=datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    )
    with timezone.override("Europe/Vienna"):
        winter_page = Client().get(winter.get_absolute_url()).content.decode()
        summer_page = Client().get(summer.get_absolute_url()).content.decode()
    assert 'datetime="2026-11-12T18:45:00+01:00">Nov. 12, 2026, 6:45 p.m. CET</time>' in (
        winter_page
    )
    assert "July 1, 2026, 10 a.m. CEST</time>" in summer_page
    assert ">Nov. 12, 2026, 7:05 p.m. CET</time>" in winter_page  # "Updated …"
