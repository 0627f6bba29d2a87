"""actions.services.import_action: an action from a council's existing plan, with its first history row."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from actions.models import ActionItem, ProgressUpdate, Status, UpdateKind
from actions.services import import_action
from tests.factories import UserFactory

PAST = datetime.date(2024, 3, 31)


def imported(area, leader, owner, **kwargs):
    return import_action(
        **{
            "improvement_area": area,
            "owner": owner,
            "imported_by": leader,
            "source_name": "plan.xlsx",
            "title": "Audit interviews",
            "due_date": PAST,
            **kwargs,
        }
    )


def test_it_keeps_the_plans_status_and_a_due_date_that_has_passed(area, leader, staff_user):
    action = imported(area, leader, staff_user, status=Status.COMPLETED, status_word="Blue", progress_note="Done.")
    assert (action.status, action.due_date, action.completed_on) == (Status.COMPLETED, PAST, timezone.localdate())
    [history] = action.updates.all()
    assert (history.kind, history.status_before, history.status_after) == (UpdateKind.IMPORTED, "", Status.COMPLETED)
    assert history.note.startswith(f"Imported from plan.xlsx by {leader} on ")
    assert history.note.endswith("Status in the plan: Blue.\n\nDone.")
    assert history.heading == "Imported as Completed"


def test_nothing_is_imported_as_signed_off(area, leader, staff_user):
    with pytest.raises(ValidationError):
        imported(area, leader, staff_user, status=Status.SIGNED_OFF, progress_note="Signed off in the sheet")
    assert not ActionItem.objects.exists()


def test_blocked_needs_the_progress_update_as_its_note(area, leader, staff_user):
    with pytest.raises(ValidationError) as error:
        imported(area, leader, staff_user, status=Status.BLOCKED)
    assert error.value.message_dict == {"note": ["Enter a progress note saying what blocks it."]}


def test_staff_may_not_import(area, staff_user):
    with pytest.raises(PermissionDenied):
        imported(area, staff_user, staff_user)


def test_the_owner_must_work_for_the_areas_council(area, leader, essex):
    outsider = UserFactory(staff=True, local_authority=essex)
    with pytest.raises(ValidationError):
        imported(area, leader, outsider)
    assert not ProgressUpdate.objects.exists()
