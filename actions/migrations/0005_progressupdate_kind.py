"""Every history row says what it records. Existing rows get their kind from what the services wrote."""

from django.db import migrations, models
from django.db.models import F, Q

KINDS = [
    ("created", "Created"),
    ("progress", "Progress"),
    ("edited", "Edited"),
    ("reassigned", "Reassigned"),
    ("archived", "Archived"),
    ("signed_off", "Signed off"),
    ("reopened", "Reopened"),
]


def give_existing_rows_their_kind(apps, schema_editor):
    ProgressUpdate = apps.get_model("actions", "ProgressUpdate")
    rows = ProgressUpdate.objects.all()
    unchanged = Q(status_before=F("status_after"))
    # Until now a row's meaning was read from its fields; these are the rules the pages used.
    rows.filter(status_before="").update(kind="created")
    rows.filter(~unchanged, status_after="signed_off").exclude(status_before="").update(kind="signed_off")
    # archive_action stamped the action and its row with the same moment.
    rows.filter(unchanged, created_at=F("action__archived_at")).update(kind="archived")
    edits = rows.filter(unchanged, kind="progress")
    edits.filter(note__startswith="Reassigned from ").update(kind="reassigned")
    edits.filter(
        Q(note__startswith="Due date changed from ") | Q(note__startswith="Moved to improvement area ")
        | Q(note__startswith="Edited the ")
    ).update(kind="edited")


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_drop_progress_created_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressupdate",
            name="kind",
            field=models.CharField(choices=KINDS, default="progress", max_length=20),
            preserve_default=False,
        ),
        migrations.RunPython(give_existing_rows_their_kind, migrations.RunPython.noop),
    ]
