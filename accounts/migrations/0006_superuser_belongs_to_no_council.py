"""A superuser belongs to no council, enforced by the database.

A superuser already sees every council's data; one inside a council could be taken over by that
council's administrators. Existing superusers with a council leave it first, keeping their rights.
"""

from django.db import migrations, models


def superusers_leave_their_council(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(is_superuser=True, local_authority__isnull=False).update(local_authority=None)


def _legacy_alter_table(schema_editor, on):
    # SQLite adds a constraint by rebuilding the table, and refuses to rename the rebuilt table into place
    # while another table's trigger reads it (actions' owner rule reads accounts_user). The legacy rename
    # leaves such triggers alone; they read the same table name once the rebuild is done.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"PRAGMA legacy_alter_table = {'ON' if on else 'OFF'}")


def legacy_alter_table_on(apps, schema_editor):
    _legacy_alter_table(schema_editor, on=True)


def legacy_alter_table_off(apps, schema_editor):
    _legacy_alter_table(schema_editor, on=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_localauthority"),
    ]

    operations = [
        migrations.RunPython(superusers_leave_their_council, migrations.RunPython.noop),
        migrations.RunPython(legacy_alter_table_on, legacy_alter_table_off),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_superuser", False), ("local_authority__isnull", True), _connector="OR"),
                name="superuser_belongs_to_no_council",
                violation_error_message=(
                    "A superuser is a platform administrator and belongs to no council: "
                    "clear their council or their superuser status."
                ),
            ),
        ),
        migrations.RunPython(legacy_alter_table_off, legacy_alter_table_on),
    ]
