# The language the source wrote an article in, kept on the article itself: search filters by it
# without reading translations. Existing rows: a translation's source language, else the
# article's own.

from django.db import migrations, models


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleTranslation = apps.get_model("translation", "ArticleTranslation")
    Article.objects.update(original_language=models.F("language"))
    rows = (
        ArticleTranslation.objects.exclude(source_language="")
        .values_list("article_id", "source_language")
        .iterator()
    )
    for article_id, language in rows:
        Article.objects.filter(pk=article_id).update(original_language=language)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_remove_article_entry"),
        ("translation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="original_language",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="The language the source wrote it in; the same as `language` unless "
                "the article shows a translation.",
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="language",
            field=models.CharField(help_text="The language the article shows.", max_length=12),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
