"""A council's public page, off until a platform administrator switches it on."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_reset_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="localauthority",
            name="public_page",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="Anyone, signed in or not, can read the plan's public version at /public/<DfE LA code>/.",
                verbose_name="public page switched on",
            ),
        ),
    ]
