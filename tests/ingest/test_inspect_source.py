"""`inspect_source`: what Gazette would take from anything, stored nowhere, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from gazette.articles.models import Article
from gazette.ingest.models import Entry
from tests.conftest import ROOT


def run_json(target: str, capsys) -> tuple[dict, bool]:
    refused = False
    try:
        call_command("inspect_source", target, "--json")
    except CommandError:
        refused = True
    return json.loads(capsys.readouterr().out), refused


@pytest.mark.django_db
def test_it_lists_a_feeds_entries_without_storing_them(outlets, capsys):
    report, refused = run_json(outlets[0].feed_url, capsys)
    assert not refused
    assert report["kind"] == "listing"
    assert len(report["entries"]) == len(outlets[0].outlet.articles)
    assert all(e["url"].startswith(outlets[0].base_url) for e in report["entries"])
    assert not Entry.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
def test_it_shows_the_article_a_page_holds(outlets, capsys):
    article = outlets[1].outlet.articles[0]
    report, refused = run_json(outlets[1].base_url + article.path, capsys)
    assert not refused
    assert report["kind"] == "article"
    assert report["article"]["title"] == article.title
    assert report["feeds"] and report["feeds"][0]["url"] == outlets[1].feed_url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty response"),
        (b"\x00\xff\xfe" * 1000, "not a listing"),
        (b"<rss><channel><item>", "not a listing"),
        (b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>', "entities"),
    ],
)
def test_it_refuses_with_a_reason(tmp_path, capsys, content, reason):
    path = tmp_path / "input"
    path.write_bytes(content)
    report, refused = run_json(str(path), capsys)
    assert refused
    assert report["kind"] == "refused"
    assert reason in report["reason"]


def test_it_never_prints_a_traceback_from_the_command_line(tmp_path):
    path = tmp_path / "garbage.xml"
    path.write_bytes(os.urandom(20000))
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "inspect_source", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "refused:" in result.stderr
