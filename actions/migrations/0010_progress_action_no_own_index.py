import django.db.models.deletion
from django.db import migrations, models

# progress_action_created_idx starts with the action, so the foreign key's own index is never needed. Django's
# AlterField would drop and re-add the foreign key constraint, which checks every row of the history under a
# lock; only the index is dropped here (concurrently on PostgreSQL, so that progress can be recorded meanwhile).
INDEX = "actions_progressupdate_action_id_bbb5af07"


def _concurrently(schema_editor):
    return "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {_concurrently(schema_editor)}IF EXISTS {schema_editor.quote_name(INDEX)}")


def create_index(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX {_concurrently(schema_editor)}IF NOT EXISTS {schema_editor.quote_name(INDEX)}"
        ' ON "actions_progressupdate" ("action_id")'
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("actions", "0009_progress_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="progressupdate",
                    name="action",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="updates",
                        to="actions.actionitem",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_index, create_index)],
        ),
    ]
