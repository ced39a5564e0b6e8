"""Remembered addresses follow the script prefix and URL configuration they were made under."""

from __future__ import annotations

from django.urls import set_script_prefix

from gazette.lib.reversing import reverse_cached


def test_a_remembered_address_follows_the_script_prefix():
    try:
        set_script_prefix("/")
        assert reverse_cached("site:tag", slug="floods") == "/tag/floods/"
        set_script_prefix("/news/")
        assert reverse_cached("site:tag", slug="floods") == "/news/tag/floods/"
    finally:
        set_script_prefix("/")
    assert reverse_cached("site:tag", slug="floods") == "/tag/floods/"


def test_a_remembered_address_is_the_one_reverse_gives():
    from django.urls import reverse

    kwargs: dict[str, str | int] = {"year": 2026, "month": 11, "day": 3, "slug": "harbour-wall"}
    assert reverse_cached("site:article", **kwargs) == reverse("site:article", kwargs=kwargs)
