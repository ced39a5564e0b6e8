"""The full-text index: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE discovery_search USING fts5("
    "title, standfirst, body, tokenize='unicode61 remove_diacritics 2')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS discovery_search"]

POSTGRES = [
    "CREATE TABLE discovery_search ("
    # No foreign key: Django's test flush truncates only the tables it knows, and searches
    # join articles_article anyway, so a row left by a deleted article is never shown.
    " article_id bigint PRIMARY KEY,"
    " title text NOT NULL, standfirst text NOT NULL, body text NOT NULL,"
    " document tsvector NOT NULL)",
    "CREATE INDEX discovery_search_document_gin ON discovery_search USING gin (document)",
]
POSTGRES_REVERSE = ["DROP TABLE IF EXISTS discovery_search"]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    for statement in statements or []:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(
        schema_editor.connection.vendor
    )
    for statement in statements or []:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("discovery", "0001_initial"), ("articles", "0002_revisions_duplicates")]

    operations = [migrations.RunPython(forwards, backwards)]
