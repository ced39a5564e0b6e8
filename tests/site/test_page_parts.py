"""The parts of the home and article pages kept once per generation of the site's content
(`site.caching.per_generation`, the `pagefragment` tag): computed once, kept in the configured
cache, and never shown after the content they show has changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client

from gazette.articles.models import Section
from gazette.articles.services import article_mark_published, article_withdraw
from gazette.lib.stamp import stamp_read
from gazette.site import front, views
from gazette.states import ArticleState
from tests.factories import make_article, make_source


@pytest.fixture
def section(db: Any) -> Section:
    return Section.objects.create(name="News", slug="news")


def _counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_publishing_an_article_shows_it_on_the_front_page_at_once(
    section: Section, django_capture_on_commit_callbacks: Any
) -> None:
    source = make_source(name="Courier", slug="courier")
    make_article(source=source, section=section, title="The harbour wall gives way")
    draft = make_article(
        source=source, section=section, state=ArticleState.DRAFT, title="Ferries run again"
    )
    client = Client()
    assert "The harbour wall gives way" in client.get("/").content.decode()
    assert "Ferries run again" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_mark_published(article=draft)
    page = client.get("/").content.decode()
    assert "Ferries run again" in page and "The harbour wall gives way" in page


def test_withdrawing_an_article_takes_it_off_the_front_page_and_its_page_at_once(
    section: Section, django_capture_on_commit_callbacks: Any
) -> None:
    source = make_source(name="Courier", slug="courier")
    kept = make_article(source=source, section=section, title="The harbour wall gives way")
    gone = make_article(source=source, section=section, title="A story that was wrong")
    client = Client()
    assert "A story that was wrong" in client.get("/").content.decode()
    assert client.get(gone.get_absolute_url()).status_code == 200
    assert "A story that was wrong" in client.get(kept.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_withdraw(article=gone, note="The report was wrong.")
    assert "A story that was wrong" not in client.get("/").content.decode()
    assert client.get(gone.get_absolute_url()).status_code == 410
    # Nor is it still offered as Previous/Next on the page of the one kept.
    assert "A story that was wrong" not in client.get(kept.get_absolute_url()).content.decode()


def test_a_write_by_another_machine_is_seen_once_the_database_check_expires(
    section: Section,
) -> None:
    """No local stamp moves for another machine's write; the generation holds the database's
    change time too, so the kept parts are replaced once that is read again (here: only that
    check's cache entry is dropped, every kept part stays in the cache)."""
    story = make_article(section=section, title="The harbour wall gives way")
    client = Client()
    assert "The harbour wall gives way" in client.get("/").content.decode()
    assert "The harbour wall gives way" in client.get(story.get_absolute_url()).content.decode()
    story.title = "The harbour wall held"
    story.save()  # no commit hook on this machine: nothing touches the local stamp
    cache.delete(f"site:{stamp_read()}:db-changed")  # as when the check's time has passed
    assert "The harbour wall held" in client.get("/").content.decode()
    assert "The harbour wall held" in client.get(story.get_absolute_url()).content.decode()


def test_the_parts_are_computed_once_per_generation_and_kept_in_the_configured_cache(
    section: Section, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = make_article(section=section)
    make_article(section=section)
    edits = _counted(monkeypatch, front, "edit_front")
    extras = _counted(monkeypatch, views, "_article_extras")
    client = Client()
    for _ in range(3):
        assert client.get("/").status_code == 200
        assert client.get(story.get_absolute_url()).status_code == 200
    assert (len(edits), len(extras)) == (1, 1)
    cache.clear()  # the parts live in Django's cache (shared by processes), not in this one
    client.get("/")
    client.get(story.get_absolute_url())
    assert (len(edits), len(extras)) == (2, 2)


def test_the_tag_keeps_a_part_per_generation_and_values_and_never_without_a_generation(
    db: Any,
) -> None:
    part = Template(
        "{% load site_tags %}{% pagefragment 'part' key %}{{ shown }}{% endpagefragment %}"
    )

    def render(**context: object) -> str:
        return part.render(Context(context))

    # Without a generation (the desk's preview of unsaved changes): rendered every time.
    assert render(shown="first", key=1) == "first"
    assert render(shown="second", key=1) == "second"
    # With one: kept for that generation and those values.
    assert render(shown="first", key=1, generation="g1") == "first"
    assert render(shown="second", key=1, generation="g1") == "first"
    assert render(shown="second", key=2, generation="g1") == "second"
    assert render(shown="third", key=1, generation="g2") == "third"
    # Another page's part of the same name is its own (its blocks may differ).
    other = Template(
        "{% load site_tags %}{% pagefragment 'part' key %}{{ shown }}!{% endpagefragment %}",
        name="other.html",
    )
    assert other.render(Context({"shown": "fourth", "key": 1, "generation": "g2"})) == "fourth!"
