import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actions.models import ProgressUpdate, Status, UpdateKind
from actions.services import record_progress


def test_a_status_change_writes_exactly_one_history_row(action, staff_user):
    update = record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert list(action.updates.all()) == [update]
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
    assert action.updates.count() == 2


def test_it_rolls_back_the_status_when_the_history_row_cannot_be_written(action, staff_user, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ProgressUpdate.objects, "create", fail)
    with pytest.raises(RuntimeError):
        record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    assert ProgressUpdate.objects.count() == 0


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
    assert action.updates.get().note == f"Action archived by {leader}."


def test_most_recent_gives_the_newest_updates_of_the_users_authority_newest_first(action, staff_user, other_leader):
    from actions.models import ProgressUpdate

    for n in range(12):
        record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note=f"note {n}")

    recent = ProgressUpdate.objects.for_user(staff_user).most_recent(10)

    assert [u.note for u in recent] == [f"note {n}" for n in range(11, 1, -1)]
    assert ProgressUpdate.objects.for_user(other_leader).most_recent(10) == []


def test_only_the_owner_or_a_leader_may_record_progress(action, other_staff_user):
    with pytest.raises(PermissionDenied):
        record_progress(action=action, author=other_staff_user, status=Status.IN_PROGRESS, note="Not mine")
    assert action.updates.count() == 0


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
            improvement_area=area, owner=staff_user, created_by=leader, title=title, due_date=area.inspection.end_date
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
