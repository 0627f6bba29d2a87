"""The test factories make actions as the services do, so each has the history a real one has."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.models import ActionItem, Status, UpdateKind
from tests.factories import HISTORY_DAYS, ActionItemFactory, ProgressUpdateFactory, after_creation

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def oldest_first(action):
    return list(action.updates.order_by("created_at", "pk"))


@pytest.mark.parametrize(
    ("status", "kinds"),
    [
        (Status.NOT_STARTED, [UpdateKind.CREATED]),
        (Status.IN_PROGRESS, [UpdateKind.CREATED, UpdateKind.PROGRESS]),
        (Status.BLOCKED, [UpdateKind.CREATED, UpdateKind.PROGRESS, UpdateKind.PROGRESS]),
        (Status.COMPLETED, [UpdateKind.CREATED, UpdateKind.PROGRESS, UpdateKind.PROGRESS]),
        (Status.SIGNED_OFF, [UpdateKind.CREATED, UpdateKind.PROGRESS, UpdateKind.PROGRESS, UpdateKind.SIGNED_OFF]),
    ],
)
def test_each_status_is_reached_by_a_history_that_ends_in_it(area, staff_user, status, kinds):
    action = ActionItemFactory(improvement_area=area, owner=staff_user, status=status)

    history = oldest_first(action)
    assert [row.kind for row in history] == kinds
    assert history[0].status_before == "" and history[-1].status_after == status
    for before, after in zip(history, history[1:], strict=False):
        assert after.status_before == before.status_after and after.created_at >= before.created_at
    action.refresh_from_db()
    assert (action.status, action.version, action.created_by) == (status, len(history), history[0].author)


def test_the_owner_moves_the_work_on_and_someone_who_may_sign_off_signs_it_off(area, staff_user):
    action = ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.SIGNED_OFF)

    *work, signed = oldest_first(action)[1:]
    assert {row.author for row in work} == {staff_user}
    assert signed.author.has_perm("actions.sign_off_actionitem") and signed.author.local_authority is None


def test_an_overdue_action_was_created_well_before_it_fell_due(area):
    action = ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, due_date=days(-10))

    created = oldest_first(action)[0]
    assert timezone.localdate(created.created_at) == days(-10 - HISTORY_DAYS)
    assert action.is_overdue


def test_a_done_action_is_completed_today_unless_the_test_names_the_day(area):
    today = ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)
    earlier = ActionItemFactory(improvement_area=area, status=Status.COMPLETED, completed_on=days(-100))

    assert today.completed_on == timezone.localdate()
    earlier.refresh_from_db()
    assert earlier.completed_on == days(-100)
    assert timezone.localdate(earlier.updates.first().created_at) == days(-100)


def test_archived_at_withdraws_the_action_through_the_service_then(area):
    when = timezone.now() - datetime.timedelta(days=3)

    action = ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, archived_at=when)

    newest = action.updates.first()
    assert (newest.kind, newest.created_at) == (UpdateKind.ARCHIVED, when)
    assert ActionItem.objects.get(pk=action.pk).archived_at == when


def test_created_at_is_when_its_history_starts(area):
    when = timezone.now() - datetime.timedelta(days=5)

    action = ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, created_at=when)

    created, started = oldest_first(action)
    assert created.created_at == when < started.created_at


def test_build_makes_an_unsaved_action_with_nothing_written(area, staff_user):
    action = ActionItemFactory.build(improvement_area=area, owner=staff_user, status=Status.COMPLETED)

    assert action.pk is None and action.completed_on == timezone.localdate()
    assert not ActionItem.objects.exists()


def test_a_progress_update_is_recorded_by_the_service_and_moves_the_action_on(action, staff_user):
    update = ProgressUpdateFactory(action=action)

    assert (update.kind, update.author, update.status_before, update.status_after) == (
        UpdateKind.PROGRESS,
        staff_user,
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
    )
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert list(after_creation(action)) == [update]


def test_a_signed_off_action_takes_no_progress_update(area):
    signed_off = ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)

    with pytest.raises(ValidationError, match="signed off"):
        ProgressUpdateFactory(action=signed_off)


def test_an_update_from_a_status_the_action_is_not_in_is_refused(action):
    with pytest.raises(ValueError, match="record_progress records the status"):
        ProgressUpdateFactory(action=action, status_before=Status.BLOCKED, status_after=Status.IN_PROGRESS)
    assert not after_creation(action).exists()
