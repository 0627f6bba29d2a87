"""Progress notes can be internal (for the improvement board only), and every history row keeps the action's
due date as it stood after the row, so that the RAG on a past day follows from the history. Rows already
written get theirs from the original due date and the "Due date changed from ... to ..." sentences that
update_action wrote."""

import datetime
import re

from django.db import migrations, models

NEW_DUE_DATE = re.compile(r"Due date changed from \d{1,2} [A-Z][a-z]+ \d{4} to (\d{1,2} [A-Z][a-z]+ \d{4})\.")


def record_due_dates(apps, schema_editor):
    ActionItem = apps.get_model("actions", "ActionItem")
    ProgressUpdate = apps.get_model("actions", "ProgressUpdate")
    # Never moved: every row had today's due date.
    due_date = ActionItem.objects.filter(pk=models.OuterRef("action_id")).values("due_date")[:1]
    ProgressUpdate.objects.filter(action__original_due_date=None).update(due_date=models.Subquery(due_date))
    moved = ActionItem.objects.exclude(original_due_date=None).values_list("pk", "original_due_date")
    for action_id, original in moved:
        current = original
        rows = ProgressUpdate.objects.filter(action_id=action_id).order_by("created_at", "pk")
        for pk, note in rows.values_list("pk", "note"):
            match = NEW_DUE_DATE.search(note)
            if match:
                try:
                    current = datetime.datetime.strptime(match[1], "%d %B %Y").date()
                except ValueError:
                    pass
            ProgressUpdate.objects.filter(pk=pk).update(due_date=current)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0007_progressupdate_imported_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressupdate",
            name="due_date",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="progressupdate",
            name="internal",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.RunPython(record_due_dates, migrations.RunPython.noop),
    ]
