"""`manage.py comment_dataset`: decisions for a CSV, nothing stored, only the text judged."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management import call_command

from gazette.comments.models import Comment, Commenter


def test_it_decides_each_comment_without_storing_or_reading_authors(
    tmp_path: Path, db: None
) -> None:
    data = tmp_path / "comments.csv"
    rows = [
        ("1", "Someone", "2015-01-01T00:00:00", "I love this song so much", "ham"),
        ("2", "Someone", "", "Check out my channel and subscribe!!! http://x.example.com", "spam"),
        ("3", "Check out my channel", "", "I love this song so much", "ham"),
    ]
    with data.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(("id", "author", "date", "text", "label"))
        writer.writerows(rows)
    out = tmp_path / "pred.csv"
    call_command("comment_dataset", str(data), "--out", str(out))
    with out.open(encoding="utf-8") as f:
        decided = {row["id"]: row["decision"] for row in csv.DictReader(f)}
    assert decided["1"] == "publish"
    assert decided["2"] in ("hold", "reject")
    assert decided["3"] == decided["1"]  # the author's name changes nothing
    assert not Comment.objects.exists() and not Commenter.objects.exists()
