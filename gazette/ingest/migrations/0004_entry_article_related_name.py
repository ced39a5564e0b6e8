# With the article's own link gone (articles 0005), `article.entry` names the entry again.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_remove_article_entry"),
        ("ingest", "0003_entry_article"),
    ]

    operations = [
        migrations.AlterField(
            model_name="entry",
            name="article",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="entry",
                to="articles.article",
            ),
        ),
    ]
