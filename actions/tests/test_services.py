import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from actions.models import ActionItem, ProgressUpdate, Status, UpdateKind
from actions.services import (
    SIGNED_OFF_MESSAGE,
    EditConflict,
    archive_action,
    create_action,
    record_progress,
    reopen_action,
    update_action,
)
from tests.factories import after_creation


def test_a_status_change_writes_exactly_one_history_row(action, staff_user):
    update = record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert list(after_creation(action)) == [update]
    assert (update.status_before, update.status_after, update.author) == (
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        staff_user,
    )


def test_completing_sets_the_completion_date_and_reopening_clears_it(action, staff_user):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    action.refresh_from_db()
    assert action.completed_on is not None

    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="More to do")
    action.refresh_from_db()
    assert action.completed_on is None
    assert after_creation(action).count() == 2


def test_it_rolls_back_the_status_when_the_history_row_cannot_be_written(action, staff_user, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ProgressUpdate.objects, "create", fail)
    with pytest.raises(RuntimeError):
        record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    assert not after_creation(action).exists()


def test_it_requires_a_note_when_blocking(action, staff_user):
    with pytest.raises(ValidationError):
        record_progress(action=action, author=staff_user, status=Status.BLOCKED, note="  ")
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_staff_cannot_sign_off(action, staff_user):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    with pytest.raises(PermissionDenied):
        record_progress(action=action, author=staff_user, status=Status.SIGNED_OFF, note="Signed")


def test_a_leader_signs_off_a_completed_action(action, staff_user, leader):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    action.refresh_from_db()
    assert action.status == Status.SIGNED_OFF
    assert action.updates.first().author == leader


def test_an_action_that_is_not_completed_cannot_be_signed_off(action, leader):
    with pytest.raises(ValidationError):
        record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Too soon")


def test_archiving_hides_the_action_but_keeps_it_and_its_history(action, leader):
    from actions.models import ActionItem
    from actions.services import archive_action

    archive_action(action=action, by=leader)

    assert not ActionItem.objects.for_user(leader).filter(pk=action.pk).exists()
    assert ActionItem.objects.for_user_including_archived(leader).filter(pk=action.pk).exists()
    assert after_creation(action).get().note == f"Action archived by {leader}."


def test_most_recent_gives_the_newest_updates_of_the_users_authority_newest_first(action, staff_user, other_leader):
    from actions.models import ProgressUpdate

    for n in range(12):
        record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note=f"note {n}")

    recent = ProgressUpdate.objects.for_user(staff_user).most_recent(10)

    assert [u.note for u in recent] == [f"note {n}" for n in range(11, 1, -1)]
    assert ProgressUpdate.objects.for_user(other_leader).most_recent(10) == []


def test_most_recent_reads_the_updates_with_their_authors_and_actions_in_one_query(
    action, staff_user, django_assert_num_queries
):
    from actions.models import ProgressUpdate

    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Sample chosen")

    with django_assert_num_queries(1):
        [newest, *_] = ProgressUpdate.objects.for_user(staff_user).most_recent(10)
        assert (newest.note, newest.author, newest.action.title) == ("Sample chosen", staff_user, action.title)


def test_only_the_owner_or_a_leader_may_record_progress(action, other_staff_user):
    with pytest.raises(PermissionDenied):
        record_progress(action=action, author=other_staff_user, status=Status.IN_PROGRESS, note="Not mine")
    assert not after_creation(action).exists()


def test_a_leader_may_record_progress_for_the_owner(action, leader):
    update = record_progress(action=action, author=leader, status=Status.IN_PROGRESS, note="On their behalf")
    assert update.kind == UpdateKind.PROGRESS


def test_staff_may_not_edit_or_archive_an_action(action, staff_user):
    from actions.services import archive_action, update_action

    with pytest.raises(PermissionDenied):
        update_action(
            action=action,
            author=staff_user,
            improvement_area=action.improvement_area,
            title="Renamed",
            description=action.description,
            owner=action.owner,
            due_date=action.due_date,
            success_measure=action.success_measure,
        )
    with pytest.raises(PermissionDenied):
        archive_action(action=action, by=staff_user)
    action.refresh_from_db()
    assert action.title == "Audit return home interviews" and action.archived_at is None


def test_staff_may_not_create_an_action(area, staff_user):
    from actions.services import create_action

    with pytest.raises(PermissionDenied):
        create_action(
            improvement_area=area,
            owner=staff_user,
            created_by=staff_user,
            title="Mine",
            due_date=area.inspection.end_date,
        )


def test_each_history_row_says_what_it_records(area, leader, staff_user, other_staff_user):
    from actions.services import archive_action, create_action, update_action

    def new_action(title):
        return create_action(
            improvement_area=area,
            owner=staff_user,
            created_by=leader,
            title=title,
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )

    action = new_action("Train")
    common = {"improvement_area": area, "description": "", "due_date": action.due_date, "success_measure": ""}
    update_action(action=action, author=leader, title="Train everyone", owner=staff_user, **common)
    update_action(action=action, author=leader, title="Train everyone", owner=other_staff_user, **common)
    record_progress(action=action, author=other_staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    withdrawn = new_action("Not needed")
    archive_action(action=withdrawn, by=leader)

    kinds = list(action.updates.order_by("created_at", "pk").values_list("kind", flat=True))
    assert kinds == [
        UpdateKind.CREATED,
        UpdateKind.EDITED,
        UpdateKind.REASSIGNED,
        UpdateKind.PROGRESS,
        UpdateKind.SIGNED_OFF,
    ]
    assert withdrawn.updates.order_by("-created_at", "-pk").first().kind == UpdateKind.ARCHIVED


# Signed off means locked


@pytest.fixture
def signed_off(action, staff_user, leader):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    return action


def edit(action, author, **changes):
    values = {
        "improvement_area": action.improvement_area,
        "title": action.title,
        "description": action.description,
        "owner": action.owner,
        "due_date": action.due_date,
        "success_measure": action.success_measure,
    }
    values.update(changes)
    return update_action(action=action, author=author, **values)


def test_a_signed_off_action_refuses_an_edit_from_any_caller(signed_off, leader):
    with pytest.raises(ValidationError) as refused:
        edit(signed_off, leader, title="Rewritten after sign-off")

    assert refused.value.messages == [SIGNED_OFF_MESSAGE]
    signed_off.refresh_from_db()
    assert signed_off.title == "Audit return home interviews"
    assert after_creation(signed_off).count() == 2


def test_a_signed_off_action_refuses_a_progress_update(signed_off, staff_user, leader):
    for author in (staff_user, leader):
        with pytest.raises(ValidationError) as refused:
            record_progress(action=signed_off, author=author, status=Status.IN_PROGRESS, note="More to do")
        assert refused.value.messages == [SIGNED_OFF_MESSAGE]
    signed_off.refresh_from_db()
    assert signed_off.status == Status.SIGNED_OFF
    assert after_creation(signed_off).count() == 2


def test_a_signed_off_action_cannot_be_withdrawn(signed_off, leader):
    with pytest.raises(ValidationError):
        archive_action(action=signed_off, by=leader, note="No longer needed")

    signed_off.refresh_from_db()
    assert signed_off.archived_at is None


def test_reopening_puts_a_signed_off_action_back_in_progress_with_the_reason(signed_off, leader):
    update = reopen_action(action=signed_off, by=leader, reason="The audit missed two teams")

    signed_off.refresh_from_db()
    assert (signed_off.status, signed_off.completed_on) == (Status.IN_PROGRESS, None)
    assert (update.kind, update.author, update.status_before, update.status_after, update.note) == (
        UpdateKind.REOPENED,
        leader,
        Status.SIGNED_OFF,
        Status.IN_PROGRESS,
        "The audit missed two teams",
    )
    assert edit(signed_off, leader, title="Audit every team") is not None


def test_reopening_needs_a_reason(signed_off, leader):
    with pytest.raises(ValidationError):
        reopen_action(action=signed_off, by=leader, reason="  \r\n ")

    signed_off.refresh_from_db()
    assert signed_off.status == Status.SIGNED_OFF


def test_staff_cannot_reopen(signed_off, staff_user):
    with pytest.raises(PermissionDenied):
        reopen_action(action=signed_off, by=staff_user, reason="Mine")


def test_an_action_that_is_not_signed_off_cannot_be_reopened(action, leader):
    with pytest.raises(ValidationError):
        reopen_action(action=action, by=leader, reason="Why not")
    assert not after_creation(action).exists()


# The history records only what changed


def test_line_endings_and_trailing_spaces_are_not_an_edit(action, leader, other_staff_user):
    action.description = "Audit a sample of 50 interviews.\nReport to the board."
    action.save()

    update = edit(
        action,
        leader,
        description="Audit a sample of 50 interviews.  \r\nReport to the board.\r\n",
        owner=other_staff_user,
        due_date=action.due_date + datetime.timedelta(days=7),
        due_date_reason="The new owner needs a week",
    )

    assert "description" not in update.note
    assert update.note.startswith("Reassigned from ")
    action.refresh_from_db()
    assert action.description == "Audit a sample of 50 interviews.\nReport to the board."


def test_a_real_change_to_a_multi_line_description_is_recorded(action, leader):
    action.description = "Line one\nLine two"
    action.save()

    update = edit(action, leader, description="Line one\r\nLine three\r\n")

    assert update.note == "Edited the description."
    action.refresh_from_db()
    assert action.description == "Line one\nLine three"


# Due dates


def test_a_new_action_cannot_be_due_in_the_past(area, staff_user, leader):
    with pytest.raises(ValidationError) as refused:
        create_action(
            improvement_area=area,
            owner=staff_user,
            created_by=leader,
            title="Late already",
            due_date=timezone.localdate() - datetime.timedelta(days=1),
        )

    assert refused.value.message_dict == {"due_date": ["Due date must be today or in the future"]}
    assert not ActionItem.objects.exists()


def test_a_new_action_may_be_due_today(area, staff_user, leader):
    action = create_action(
        improvement_area=area, owner=staff_user, created_by=leader, title="Today", due_date=timezone.localdate()
    )
    assert action.due_date == timezone.localdate()


def test_an_edit_may_keep_a_due_date_that_has_passed(action, leader):
    action.due_date = timezone.localdate() - datetime.timedelta(days=30)
    action.save()

    assert edit(action, leader, title="Renamed").note == "Edited the title."


def test_an_edit_cannot_move_the_due_date_into_the_past(action, leader):
    with pytest.raises(ValidationError) as refused:
        edit(action, leader, due_date=timezone.localdate() - datetime.timedelta(days=1), due_date_reason="Oops")

    assert "due_date" in refused.value.message_dict
    assert not after_creation(action).exists()


def test_a_change_of_due_date_needs_a_reason(action, leader):
    with pytest.raises(ValidationError) as refused:
        edit(action, leader, due_date=action.due_date + datetime.timedelta(days=30))

    assert refused.value.message_dict == {"due_date_reason": ["Enter the reason for changing the due date"]}
    action.refresh_from_db()
    assert action.original_due_date is None
    assert not after_creation(action).exists()


def test_the_first_change_of_due_date_keeps_the_original_and_the_reason(action, leader):
    first = datetime.date(2030, 1, 31)
    action.due_date = first
    action.save()

    update = edit(action, leader, due_date=datetime.date(2030, 3, 31), due_date_reason="Waiting for the new system")
    edit(action, leader, due_date=datetime.date(2030, 4, 30), due_date_reason="Training moved")

    assert update.note == (
        "Due date changed from 31 January 2030 to 31 March 2030. Reason: Waiting for the new system"
    )
    action.refresh_from_db()
    assert (action.original_due_date, action.due_date, action.revised_from) == (
        first,
        datetime.date(2030, 4, 30),
        first,
    )


def test_an_action_whose_due_date_never_moved_was_not_revised(action):
    assert action.revised_from is None


# Withdrawing


def test_withdrawing_records_the_reason(action, leader):
    update = archive_action(action=action, by=leader, note="Replaced by the new audit action")

    assert (update.kind, update.note) == (UpdateKind.ARCHIVED, "Replaced by the new audit action")
    with pytest.raises(ValidationError):
        archive_action(action=action, by=leader, note="Again")


def test_staff_cannot_withdraw(action, staff_user):
    with pytest.raises(PermissionDenied):
        archive_action(action=action, by=staff_user, note="Not mine to withdraw")


# Edit conflicts


def test_a_conflict_with_someone_else_names_them(action, staff_user, leader):
    seen = action.version
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    with pytest.raises(EditConflict) as conflict:
        record_progress(action=action, author=leader, status=Status.BLOCKED, note="Stuck", expected_version=seen)

    assert str(conflict.value).startswith(f"{staff_user} changed this action at ")
    assert "You changed" not in str(conflict.value)


def test_a_conflict_with_your_own_change_in_another_window_says_so(action, staff_user):
    seen = action.version
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    with pytest.raises(EditConflict) as conflict:
        record_progress(action=action, author=staff_user, status=Status.BLOCKED, note="Stuck", expected_version=seen)

    assert str(conflict.value).startswith("You changed this action in another window at ")
    assert str(staff_user) not in str(conflict.value)
