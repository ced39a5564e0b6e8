"""`manage.py backup`: a consistent copy of the SQLite database, taken while the site writes,
from which the same public pages come back; on PostgreSQL it points at pg_dump."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import Client

from gazette.articles.models import Section, Tag
from gazette.discovery.models import Story
from gazette.discovery.services import article_discover
from tests.factories import make_article, make_source

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="manage.py backup copies SQLite files; PostgreSQL sites use pg_dump (README)",
)
NONCE = re.compile(rb' nonce="[^"]*"')
# The signed time a form was shown: the comment form's and the newsletter box's.
FORM_STAMP = re.compile(rb'(name="(?:stamp|started)" value=)"[^"]*"')


def database_file() -> Path:
    return Path(connection.settings_dict["NAME"])


def backup(*args: str) -> str:
    out = io.StringIO()
    call_command("backup", *args, stdout=out)
    return out.getvalue()


def build_site() -> dict[str, str]:
    """A few published articles with sections and tags, one story of two reports; the public
    addresses to compare."""
    politics = Section.objects.create(name="Politics", slug="politics")
    harbour = Tag.objects.create(name="Harbour", slug="harbour")
    source = make_source(name="The Harbour Courier", slug="courier")
    quake = "<p>A strong earthquake struck the coast of Valdoria on Monday, rescuers said.</p>"
    first = make_article(source=source, title="Earthquake strikes Valdoria coast", body_html=quake)
    second = make_article(title="Valdoria coast hit by strong earthquake", body_html=quake)
    budget = make_article(source=source, title="Parliament passes the harbour budget")
    for article in (first, second, budget):
        article.section = politics
        article.save()
        article.tags.add(harbour)
        article_discover(article_id=article.pk)
    assert Story.objects.filter(members__article=first).get().members.count() == 2
    return {
        "home": "/",
        "article": first.get_absolute_url(),
        "section": "/section/politics/",
        "story": f"/stories/{Story.objects.get(members__article=first).pk}/",
    }


def render(pages: dict[str, str]) -> dict[str, bytes]:
    cache.clear()
    shown = {}
    for name, url in pages.items():
        response = Client().get(url)
        assert response.status_code == 200, f"{name} ({url}): {response.status_code}"
        shown[name] = FORM_STAMP.sub(rb"\1", NONCE.sub(b"", response.content))
    return shown


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_shows_the_same_pages(tmp_path: Path):
    pages = build_site()
    before = render(pages)
    assert b"Earthquake strikes Valdoria coast" in before["article"]
    assert b"Parliament passes the harbour budget" in before["section"]

    copy = tmp_path / "gazette.sqlite3"
    printed = backup(str(copy))
    assert f"Backup written to {copy}" in printed and "copied" in printed

    call_command("flush", interactive=False, verbosity=0)  # the site is lost …
    cache.clear()
    assert Client().get(pages["article"]).status_code == 404

    connections.close_all()  # … and restored: the copy put in the database's place
    for leftover in ("", "-wal", "-shm"):
        Path(f"{database_file()}{leftover}").unlink(missing_ok=True)
    shutil.copyfile(copy, database_file())
    assert render(pages) == before


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_the_copy_is_one_moment_while_others_keep_writing(tmp_path: Path, monkeypatch: Any):
    """Another process writes between the copy's steps (as the worker does): the writes go
    through, and the copy holds the database as it was when the backup began."""
    from gazette.desk.management.commands import backup as command

    monkeypatch.setattr(command, "PAGES_PER_STEP", 1)
    make_article(title="Written before the backup")
    worker = sqlite3.connect(database_file(), timeout=5, isolation_level=None)
    writes: list[str] = []

    class WritingOut(io.StringIO):
        def write(self, text: str) -> int:
            if "copied" in text:  # the copy is under way: the worker writes on
                worker.execute("UPDATE articles_article SET title = ? ", [f"edit {len(writes)}"])
                writes.append(text)
            return super().write(text)

    out = WritingOut()
    call_command("backup", str(tmp_path / "copy.sqlite3"), stdout=out)
    worker.close()
    assert len(writes) >= 3, out.getvalue()
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",), "one self-contained file"
    assert copy.execute("SELECT title FROM articles_article").fetchall() == [
        ("Written before the backup",)
    ]
    copy.close()


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_it_writes_to_the_data_folder_by_default_and_never_overwrites(settings, tmp_path: Path):
    settings.DATA_DIR = tmp_path
    printed = backup()
    (made,) = (tmp_path / "backups").iterdir()
    assert re.fullmatch(r"gazette-\d{8}-\d{6}\.sqlite3", made.name)
    size = made.stat().st_size
    assert f"Backup written to {made} (" in printed and f"{size:,} bytes" in printed
    assert made.stat().st_mode & 0o077 == 0, "password hashes and sessions: owner only"
    with pytest.raises(CommandError, match="already exists"):
        backup(str(made))
    assert made.stat().st_size == size
    into_folder = backup(str(tmp_path))
    assert f"Backup written to {tmp_path}/gazette-" in into_folder
    into_new_folder = backup(f"{tmp_path}/new/")
    assert f"Backup written to {tmp_path}/new/gazette-" in into_new_folder


@pytest.mark.django_db
def test_on_postgresql_it_refuses_and_points_at_pg_dump(monkeypatch: Any, tmp_path: Path):
    monkeypatch.setattr(connections["default"], "vendor", "postgresql")
    with pytest.raises(CommandError) as refused:
        backup(str(tmp_path / "x"))
    assert "pg_dump --format=custom" in str(refused.value)
    assert "pg_restore" in str(refused.value)
    assert not (tmp_path / "x").exists()
