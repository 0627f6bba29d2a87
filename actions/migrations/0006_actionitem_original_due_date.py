"""Keep an action's original due date when it moves. Actions already moved get theirs from the history,
whose first "Due date changed from ..." sentence (written by update_action) names it."""

import datetime
import re

from django.db import migrations, models

FIRST_DUE_DATE = re.compile(r"Due date changed from (\d{1,2} [A-Z][a-z]+ \d{4}) to ")


def keep_original_due_dates(apps, schema_editor):
    ActionItem = apps.get_model("actions", "ActionItem")
    ProgressUpdate = apps.get_model("actions", "ProgressUpdate")
    rows = (
        ProgressUpdate.objects.filter(kind__in=["edited", "reassigned"], note__contains="Due date changed from ")
        .order_by("action_id", "created_at", "pk")
        .values_list("action_id", "note")
    )
    originals = {}
    for action_id, note in rows.iterator():
        if action_id in originals:
            continue
        match = FIRST_DUE_DATE.search(note)
        if match:
            try:
                originals[action_id] = datetime.datetime.strptime(match[1], "%d %B %Y").date()
            except ValueError:
                continue
    for action_id, original in originals.items():
        ActionItem.objects.filter(pk=action_id, original_due_date=None).update(original_due_date=original)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_progressupdate_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="actionitem",
            name="original_due_date",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(keep_original_due_dates, migrations.RunPython.noop),
    ]
