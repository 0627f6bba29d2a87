"""Confirm import: everything in one transaction through the services, each action with its first history
row, or nothing when a row has a problem; importing the same plan again creates nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from actions import services
from actions.models import ActionItem, ProgressUpdate, Status, UpdateKind
from inspections.models import ImprovementArea
from plans.models import PendingImport
from plans.tests.spreadsheets import HEADINGS, xlsx
from tests.factories import ActionItemFactory
from tests.html import error_summary, main_text, table_by_caption, table_records

ROWS = [
    HEADINGS,
    ["1", "", "Audit interviews", "jsmith", "31/03/2027", "95% within 72 hours", "On track", "Audit started"],
    ["", "", "Train staff", "Jane Smith", "March 2027", "", "Complete", "All trained"],
    ["2", "Hear children's voices", "Run a survey", "jsmith", "Q4 2026-27", "", "Red", "No analyst yet"],
    ["3", "Plan permanence early", "Track plans", "jsmith", "31/12/2024", "", "", ""],
]


def upload(client, inspection, rows=ROWS, name="bromley-plan.xlsx"):
    response = client.post(
        f"/inspections/{inspection.pk}/import/", {"spreadsheet": SimpleUploadedFile(name, xlsx(rows))}
    )
    return response.url


def confirm(client, preview_url, **kwargs):
    return client.post(f"{preview_url}confirm/", **kwargs)


def test_confirm_creates_every_action_with_its_first_history_row(client, leader, inspection, area, jane):
    client.force_login(leader)
    response = confirm(client, upload(client, inspection), follow=True)

    assert "4 actions in 3 improvement areas imported from bromley-plan.xlsx" in main_text(response)
    actions = {action.title: action for action in ActionItem.objects.all()}
    assert set(actions) == {"Audit interviews", "Train staff", "Run a survey", "Track plans"}
    audit = actions["Audit interviews"]
    assert (audit.improvement_area, audit.owner, audit.due_date) == (area, jane, datetime.date(2027, 3, 31))
    assert (audit.status, audit.success_measure, audit.created_by) == (
        Status.IN_PROGRESS,
        "95% within 72 hours",
        leader,
    )
    assert actions["Train staff"].status == Status.COMPLETED  # awaiting a leader's sign-off, never signed off
    assert actions["Run a survey"].status == Status.BLOCKED
    # An existing plan's timescales may have passed.
    assert actions["Track plans"].due_date == datetime.date(2024, 12, 31)
    [history] = audit.updates.all()
    today = date_format(timezone.localdate())
    assert history.kind == UpdateKind.IMPORTED
    assert history.note == (
        f"Imported from bromley-plan.xlsx by {leader} on {today}. Status in the plan: On track.\n\nAudit started"
    )
    assert ProgressUpdate.objects.count() == 4


def test_new_improvement_areas_are_added_to_the_inspection(client, leader, inspection, area, jane):
    client.force_login(leader)
    confirm(client, upload(client, inspection))
    assert list(ImprovementArea.objects.order_by("number").values_list("number", "short_title")) == [
        (1, "Return home interviews"),
        (2, "Hear children's voices"),
        (3, "Plan permanence early"),
    ]


def test_after_the_import_all_actions_lists_exactly_the_imported_ones(client, leader, inspection, area, jane):
    ActionItemFactory(improvement_area=area, owner=jane, title="Already in the tracker")
    client.force_login(leader)
    response = confirm(client, upload(client, inspection), follow=True)
    assert response.request["PATH_INFO"] == "/actions/"
    titles = {record["Action"] for record in table_records(table_by_caption(response, "Actions"))}
    assert titles == {"Audit interviews", "Train staff", "Run a survey", "Track plans"}


def test_the_upload_is_deleted_with_the_import(client, leader, inspection, area, jane):
    client.force_login(leader)
    preview_url = upload(client, inspection)
    confirm(client, preview_url)
    assert not PendingImport.objects.exists()
    assert client.get(preview_url).status_code == 404


def test_importing_the_same_file_again_creates_nothing(client, leader, inspection, area, jane):
    client.force_login(leader)
    confirm(client, upload(client, inspection))
    preview_url = upload(client, inspection)

    text = main_text(client.get(preview_url))
    assert "0 actions in 0 improvement areas will be created" in text
    assert "Confirm import" not in text
    response = confirm(client, preview_url)
    assert "Nothing was imported: the plan has no new actions." in error_summary(response)
    assert ActionItem.objects.count() == 4
    assert ImprovementArea.objects.count() == 3


def test_a_row_that_has_come_to_have_a_problem_stops_the_whole_import(client, leader, inspection, area, jane):
    client.force_login(leader)
    preview_url = upload(client, inspection)
    # Between the preview and the confirmation, an owner leaves the council.
    User.objects.filter(pk=jane.pk).update(is_active=False)

    response = confirm(client, preview_url)

    assert response.status_code == 400
    [message] = error_summary(response)
    assert message.startswith("Nothing was imported: 0 actions in 0 improvement areas will be created; 4 rows have")
    assert "Row 2, Responsible officer: no one called 'jsmith' works for Bromley." in main_text(response)
    assert not ActionItem.objects.exists()
    assert ImprovementArea.objects.count() == 1


def test_a_failure_part_way_leaves_nothing_half_saved(client, leader, inspection, area, jane, monkeypatch):
    real = services.import_action
    calls = []

    def fails_on_the_third(**kwargs):
        calls.append(kwargs["title"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(services, "import_action", fails_on_the_third)
    client.force_login(leader)
    response = confirm(client, upload(client, inspection))
    assert response.status_code == 400
    assert not ActionItem.objects.exists()
    assert ImprovementArea.objects.count() == 1


def test_only_a_leader_of_the_council_may_confirm(client, leader, inspection, area, jane, staff_user):
    client.force_login(leader)
    preview_url = upload(client, inspection)
    client.force_login(staff_user)
    assert confirm(client, preview_url).status_code == 403
    assert not ActionItem.objects.exists()


def test_confirm_queries_grow_with_the_rows_and_no_faster(
    client, leader, inspection, area, jane, django_assert_max_num_queries
):
    rows = [HEADINGS] + [
        [str(n % 5 + 1), f"Area {n % 5 + 1}", f"Action {n}", "jsmith", "31/03/2027"] for n in range(50)
    ]
    client.force_login(leader)
    preview_url = upload(client, inspection, rows)
    # Each row: its action and history row, and the service's savepoint; each new area once.
    with django_assert_max_num_queries(30 + 4 * 50 + 5):
        confirm(client, preview_url)
    assert ActionItem.objects.count() == 50
