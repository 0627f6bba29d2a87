"""Database rules on actions reject bad rows, each with a message a person understands."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from actions.models import ActionItem, ProgressUpdate, Status
from actions.services import create_action
from tests.factories import ActionItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_owner_must_belong_to_the_actions_local_authority(area, essex):
    outsider = UserFactory(local_authority=essex, staff=True)
    message = "The owner must belong to the same local authority as the action."
    # Straight to the table, past create_action (which refuses it first): this is the database's own rule.
    with pytest.raises(IntegrityError, match=message), transaction.atomic():
        ActionItem.objects.create(improvement_area=area, owner=outsider, title="T", due_date=timezone.localdate())
    assert ActionItem.objects.count() == 0


def test_reassigning_to_an_owner_of_another_authority_is_refused(action, essex):
    action.owner = UserFactory(local_authority=essex, staff=True)
    with pytest.raises(IntegrityError, match="same local authority"), transaction.atomic():
        action.save()


def test_the_create_service_explains_a_wrong_owner(area, essex, leader):
    outsider = UserFactory(local_authority=essex, staff=True)
    with pytest.raises(ValidationError, match="Choose an owner from the same local authority as the action."):
        create_action(
            improvement_area=area, owner=outsider, created_by=leader, title="T", due_date=timezone.localdate()
        )


@pytest.mark.parametrize(
    ("status", "completed"),
    [(Status.COMPLETED, False), (Status.SIGNED_OFF, False), (Status.IN_PROGRESS, True), (Status.NOT_STARTED, True)],
)
def test_a_completion_date_is_present_exactly_when_done(area, staff_user, status, completed):
    action = ActionItemFactory.build(
        improvement_area=area,
        owner=staff_user,
        status=status,
        completed_on=timezone.localdate() if completed else None,
    )
    with pytest.raises(ValidationError, match="completion date exactly when it is completed or signed off"):
        action.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        action.save()


def test_progress_updates_cannot_be_changed_or_deleted(action, staff_user):
    update = ProgressUpdate.objects.create(
        action=action, author=staff_user, status_before=Status.NOT_STARTED, status_after=Status.IN_PROGRESS
    )
    update.note = "rewritten"
    with pytest.raises(TypeError, match="append-only"):
        update.save()
    with pytest.raises(TypeError, match="append-only"):
        update.delete()
    with pytest.raises(TypeError, match="append-only"):
        ProgressUpdate.objects.filter(pk=update.pk).update(note="rewritten")
    with pytest.raises(TypeError, match="append-only"):
        ProgressUpdate.objects.all().delete()


def test_an_action_with_history_cannot_be_deleted(action, staff_user):
    ProgressUpdate.objects.create(action=action, author=staff_user, status_after=Status.NOT_STARTED)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        action.delete()
