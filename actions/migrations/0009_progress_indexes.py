from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models

# The history table holds every council's progress updates (1.5 million rows at national scale): on PostgreSQL
# its indexes are built and dropped CONCURRENTLY, so that people can go on recording progress meanwhile. Other
# databases (SQLite under `make run`) build them as usual.


class OnPostgreSQLConcurrently:
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return self.plain.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return self.plain.database_backwards(self, app_label, schema_editor, from_state, to_state)


class AddIndex(OnPostgreSQLConcurrently, AddIndexConcurrently):
    plain = migrations.AddIndex


class RemoveIndex(OnPostgreSQLConcurrently, RemoveIndexConcurrently):
    plain = migrations.RemoveIndex


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("actions", "0008_progressupdate_internal_due_date"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RemoveIndex(model_name="progressupdate", name="progress_action_created_idx"),
        AddIndex(
            model_name="progressupdate",
            index=models.Index(fields=["action", "-created_at", "-id"], name="progress_action_created_idx"),
        ),
        AddIndex(
            model_name="progressupdate",
            index=models.Index(
                condition=models.Q(
                    ("kind__in", ("progress", "imported", "signed_off", "reopened")),
                    models.Q(("note", ""), _negated=True),
                ),
                fields=["action", "-created_at", "-id"],
                name="progress_note_latest_idx",
            ),
        ),
    ]
