"""LocalAuthority now lives in accounts (accounts 0005); only the state changes here."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_localauthority"),
        ("inspections", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="inspection",
                    name="local_authority",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="inspections",
                        to="accounts.localauthority",
                    ),
                ),
                migrations.DeleteModel(name="LocalAuthority"),
            ],
            database_operations=[],
        ),
    ]
