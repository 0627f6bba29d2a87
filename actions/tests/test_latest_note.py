"""An action's latest progress note (ActionItemQuerySet.with_latest_note): what "Latest progress note" shows in
the CSV and XLSX exports, the board report and the board packs."""

import datetime

from django.utils import timezone

from actions.models import ActionItem, Status
from actions.services import record_progress
from tests.factories import move_due_date


def latest(action, **kwargs):
    row = ActionItem.objects.filter(pk=action.pk).with_latest_note(**kwargs).get()
    return row.latest_note, row.latest_note_at


def test_an_action_with_only_its_creation_row_has_no_latest_note(action):
    assert latest(action) == (None, None)


def test_the_newest_note_is_the_latest(action, staff_user):
    now = timezone.now()
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Older", at=now)
    record_progress(
        action=action, author=staff_user, status=Status.IN_PROGRESS, note="Newer", at=now + datetime.timedelta(1)
    )

    assert latest(action) == ("Newer", now + datetime.timedelta(1))


def test_of_two_notes_written_at_the_same_moment_the_one_written_last_is_the_latest(action, staff_user):
    at = timezone.now()
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Written first", at=at)
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Written second", at=at)

    assert latest(action) == ("Written second", at)


def test_a_newer_edit_of_the_action_is_not_its_latest_progress_note(action, staff_user, leader):
    at = timezone.now()
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Sample chosen", at=at)
    move_due_date(
        action,
        by=leader,
        due_date=action.due_date + datetime.timedelta(days=30),
        reason="The case system changes in February",
        at=at + datetime.timedelta(hours=1),
    )

    assert action.updates.latest("created_at", "pk").note  # the edit wrote a note of its own
    assert latest(action) == ("Sample chosen", at)


def test_a_newer_update_without_a_note_is_passed_over(action, staff_user):
    at = timezone.now()
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Sample chosen", at=at)
    record_progress(action=action, author=staff_user, status=Status.NOT_STARTED, at=at + datetime.timedelta(1))

    assert latest(action) == ("Sample chosen", at)


def test_an_internal_note_is_latest_for_the_board_and_passed_over_for_everyone_else(action, staff_user):
    at = timezone.now()
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="For everyone", at=at)
    record_progress(
        action=action,
        author=staff_user,
        status=Status.IN_PROGRESS,
        note="For the board",
        internal=True,
        at=at + datetime.timedelta(1),
    )

    assert latest(action) == ("For the board", at + datetime.timedelta(1))
    assert latest(action, internal=False) == ("For everyone", at)
