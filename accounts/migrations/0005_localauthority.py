"""LocalAuthority moves from inspections to accounts: the state changes, its table and rows stay.

The content type moves with it, so its permissions (and the roles holding them) keep their rows.
"""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="accounts", model="localauthority").exists():
        ContentType.objects.filter(app_label="inspections", model="localauthority").update(app_label="accounts")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="inspections", model="localauthority").exists():
        ContentType.objects.filter(app_label="accounts", model="localauthority").update(app_label="inspections")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_administrators_unlock_sign_ins"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("inspections", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LocalAuthority",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, unique=True)),
                        (
                            "code",
                            models.CharField(
                                help_text="The Department for Education's code, for example 305.",
                                max_length=3,
                                unique=True,
                                verbose_name="DfE LA code",
                            ),
                        ),
                        ("region", models.CharField(blank=True, max_length=100)),
                    ],
                    options={
                        "verbose_name_plural": "local authorities",
                        "ordering": ["name"],
                        "db_table": "inspections_localauthority",
                    },
                ),
                migrations.AlterField(
                    model_name="user",
                    name="local_authority",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The council this person works for. They see only its data.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="users",
                        to="accounts.localauthority",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
