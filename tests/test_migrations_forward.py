"""The migrations that moved LocalAuthority into accounts and gave history rows their kind, run forwards on a
database that holds data written before them."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("accounts", "0004_administrators_unlock_sign_ins"),
    ("inspections", "0001_initial"),
    ("actions", "0004_drop_progress_created_index"),
]


def load_seed(apps):
    """fixtures/seed.json, written into the schema as it was before the move (loaddata knows only today's)."""
    for row in json.loads((Path(settings.BASE_DIR) / "fixtures" / "seed.json").read_text()):
        label = row["model"].replace("accounts.localauthority", "inspections.localauthority")
        if label.split(".")[0] not in apps.app_configs:
            continue  # an app that came after the move (measures) has no tables yet
        model = apps.get_model(label)
        fields = {}
        for name, value in row["fields"].items():
            field = model._meta.get_field(name)
            fields[field.attname if field.is_relation else name] = value
        model.objects.create(pk=row["pk"], **fields)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_seed_data_users_and_history_survive_the_move():
    old = migrate(BEFORE)
    LocalAuthority = old.get_model("inspections", "LocalAuthority")
    User = old.get_model("accounts", "User")
    Inspection = old.get_model("inspections", "Inspection")
    ImprovementArea = old.get_model("inspections", "ImprovementArea")
    ActionItem = old.get_model("actions", "ActionItem")
    ProgressUpdate = old.get_model("actions", "ProgressUpdate")

    load_seed(old)
    bromley = LocalAuthority.objects.get(code="305")
    seeded_inspections = Inspection.objects.filter(local_authority=bromley).count()
    owner = User.objects.create(username="staff", local_authority=bromley)
    new_owner = User.objects.create(username="staff2", local_authority=bromley)
    leader = User.objects.create(username="leader", local_authority=bromley)
    area = ImprovementArea.objects.filter(inspection__local_authority=bromley).first()
    start = timezone.now() - datetime.timedelta(days=10)
    action = ActionItem.objects.create(
        improvement_area=area, title="Audit", owner=new_owner, due_date=datetime.date(2030, 1, 1)
    )
    archived = ActionItem.objects.create(
        improvement_area=area, title="Old", owner=owner, due_date=datetime.date(2030, 1, 1), archived_at=start
    )

    def row(days, before, after, note, on=action, author=leader):
        ProgressUpdate.objects.create(
            action=on,
            author=author,
            created_at=start + datetime.timedelta(days=days),
            status_before=before,
            status_after=after,
            note=note,
        )

    row(1, "", "not_started", "Action created and assigned to staff.")
    row(2, "not_started", "in_progress", "Reassigned from the old team, as agreed.", author=owner)
    row(3, "in_progress", "in_progress", "Reassigned from staff to staff2.")
    row(4, "in_progress", "in_progress", "Edited the title.")
    row(5, "in_progress", "completed", "Done", author=new_owner)
    row(6, "completed", "signed_off", "Evidence seen")
    row(0, "not_started", "not_started", "Action archived by leader.", on=archived)

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = new.get_model("accounts", "LocalAuthority").objects.get(code="305")
    assert (moved.pk, moved.name) == (bromley.pk, "Bromley")
    assert new.get_model("accounts", "LocalAuthority").objects.count() == 2
    assert new.get_model("accounts", "User").objects.get(username="staff").local_authority_id == bromley.pk
    assert (
        new.get_model("inspections", "Inspection").objects.filter(local_authority=moved).count() == seeded_inspections
    )
    kinds = list(
        new.get_model("actions", "ProgressUpdate")
        .objects.filter(action_id=action.pk)
        .order_by("created_at")
        .values_list("kind", flat=True)
    )
    assert kinds == ["created", "progress", "reassigned", "edited", "progress", "signed_off"]
    assert new.get_model("actions", "ProgressUpdate").objects.get(action_id=archived.pk).kind == "archived"
    # The roles still hold the permission to see a local authority, now under its new app.
    Group = new.get_model("auth", "Group")
    assert Group.objects.filter(
        name="Staff", permissions__content_type__app_label="accounts", permissions__codename="view_localauthority"
    ).exists()
