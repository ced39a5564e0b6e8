from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("translation", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="engineusage",
            options={
                "ordering": ["-day", "engine"],
                "permissions": [
                    (
                        "manage_engines",
                        "Can see the translation engines, test them and install models",
                    )
                ],
                "verbose_name": "translation engine",
                "verbose_name_plural": "translation engines",
            },
        ),
    ]
