# The entry link now lives on the entry (ingest 0003 copied every link there).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_minhash_bands"),
        ("ingest", "0003_entry_article"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="entry"),
    ]
