"""Addresses stored before they were checked are cleaned by the migrations that add the
check: a `javascript:` homepage (the OPML "Visit" link) and a `data:` lead image go."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("sources", "0001_initial"), ("articles", "0007_article_state_without_in_review")]
AFTER = [("sources", "0002_web_url_validators"), ("articles", "0008_web_url_validators")]


@pytest.mark.django_db(transaction=True)
def test_the_migrations_drop_unsafe_addresses_stored_before():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        Source = old.get_model("sources", "Source")
        Article = old.get_model("articles", "Article")
        bad = Source.objects.create(
            name="Bad", slug="bad", feed_url="javascript:alert(1)", language="en",
            homepage="javascript:document.title='PWNED'",
        )  # fmt: skip
        good = Source.objects.create(
            name="Good", slug="good", feed_url="https://good.example/rss.xml", language="en",
            homepage="https://good.example/",
        )  # fmt: skip
        common = {
            "source_id": good.pk, "body_html": "<p>x</p>", "language": "en",
            "published_at": datetime(2024, 1, 1, tzinfo=UTC),
            "original_url": "https://good.example/a",
        }  # fmt: skip
        Article.objects.create(title="A", slug="a", image_url="data:image/svg+xml,<svg/>", **common)
        Article.objects.create(
            title="B", slug="b", image_url="https://good.example/b.jpg", **common
        )

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        Source = new.get_model("sources", "Source")
        Article = new.get_model("articles", "Article")
        assert Source.objects.get(pk=bad.pk).homepage == ""
        assert Source.objects.get(pk=bad.pk).is_active is False
        assert Source.objects.get(pk=good.pk).homepage == "https://good.example/"
        assert dict(Article.objects.values_list("slug", "image_url")) == {
            "a": "",
            "b": "https://good.example/b.jpg",
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
