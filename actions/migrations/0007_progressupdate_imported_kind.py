"""A history row can record that an action was imported from a council's spreadsheet plan."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0006_actionitem_original_due_date"),
    ]

    operations = [
        migrations.AlterField(
            model_name="progressupdate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("created", "Created"),
                    ("progress", "Progress"),
                    ("edited", "Edited"),
                    ("reassigned", "Reassigned"),
                    ("archived", "Archived"),
                    ("signed_off", "Signed off"),
                    ("reopened", "Reopened"),
                    ("imported", "Imported"),
                ],
                max_length=20,
            ),
        ),
    ]
