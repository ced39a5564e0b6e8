# The link between an entry and its article moves to the entry's side (articles knows nothing
# of ingestion); every existing link is kept.

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Entry = apps.get_model("ingest", "Entry")
    for article_id, entry_id in (
        Article.objects.filter(entry__isnull=False).values_list("pk", "entry_id").iterator()
    ):
        Entry.objects.filter(pk=entry_id).update(article_id=article_id)


def copy_links_back(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Entry = apps.get_model("ingest", "Entry")
    for entry_id, article_id in (
        Entry.objects.filter(article__isnull=False).values_list("pk", "article_id").iterator()
    ):
        Article.objects.filter(pk=article_id).update(entry_id=entry_id)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_minhash_bands"),
        ("ingest", "0002_entry_feed_categories"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="article",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="articles.article",
            ),
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
