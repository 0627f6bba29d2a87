import datetime

import pytest
from django.utils import timezone

from actions.models import ActionItem, Rag, Status, rag_for
from tests.factories import ActionItemFactory

TODAY = datetime.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("status", "days_until_due", "rag"),
    [
        (Status.SIGNED_OFF, -30, Rag.COMPLETE),
        (Status.COMPLETED, -30, Rag.AMBER),
        (Status.BLOCKED, 60, Rag.RED),
        (Status.IN_PROGRESS, -1, Rag.RED),
        (Status.NOT_STARTED, -1, Rag.RED),
        (Status.NOT_STARTED, 14, Rag.AMBER),
        (Status.NOT_STARTED, 15, Rag.GREEN),
        (Status.IN_PROGRESS, 3, Rag.GREEN),
        (Status.IN_PROGRESS, 0, Rag.GREEN),
    ],
)
def test_rag_follows_the_rules(status, days_until_due, rag):
    due = TODAY + datetime.timedelta(days=days_until_due)
    assert rag_for(status=status, due_date=due, today=TODAY) == rag


@pytest.mark.django_db
@pytest.mark.parametrize("days_until_due", [-5, 0, 10, 14, 15, 40])
@pytest.mark.parametrize("status", Status.values)
def test_the_sql_rag_agrees_with_the_python_rag(area, staff_user, status, days_until_due):
    today = timezone.localdate()
    action = ActionItemFactory(
        improvement_area=area,
        owner=staff_user,
        status=status,
        due_date=today + datetime.timedelta(days=days_until_due),
    )
    annotated = ActionItem.objects.with_rag().get(pk=action.pk)
    assert annotated.rag_value == action.rag
