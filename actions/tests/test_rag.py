import datetime
import re

import pytest
from django.utils import timezone

from actions.models import RAG_MEANINGS, RAG_WARNING_DAYS, ActionItem, Rag, Status, rag_for, rag_reason_for
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


def test_every_rating_has_a_meaning():
    assert set(RAG_MEANINGS) == set(Rag)


@pytest.mark.parametrize(
    ("status", "days_until_due", "words"),
    [
        (Status.SIGNED_OFF, -30, "Signed off"),
        (Status.COMPLETED, -30, "Completed and waiting for a leader to sign it off"),
        (Status.BLOCKED, 60, "Blocked"),
        (Status.IN_PROGRESS, -1, "overdue"),
        (Status.NOT_STARTED, -1, "overdue"),
        (Status.NOT_STARTED, RAG_WARNING_DAYS, f"not started and due within {RAG_WARNING_DAYS} days"),
        (Status.NOT_STARTED, RAG_WARNING_DAYS + 1, f"due in more than {RAG_WARNING_DAYS} days"),
        (Status.IN_PROGRESS, 3, "in progress"),
        (Status.IN_PROGRESS, 0, "in progress"),
    ],
)
def test_the_meanings_describe_the_rating_rag_for_gives(status, days_until_due, words):
    """The key says, under the rating rag_for gives, the condition that gave it."""
    rag = rag_for(status=status, due_date=TODAY + datetime.timedelta(days=days_until_due), today=TODAY)
    assert words in RAG_MEANINGS[rag]


def test_the_warning_days_in_the_key_are_where_rag_for_turns_amber():
    [days] = {int(n) for n in re.findall(r"\d+", RAG_MEANINGS[Rag.AMBER] + RAG_MEANINGS[Rag.GREEN])}

    def rag(days_until_due):
        return rag_for(
            status=Status.NOT_STARTED, due_date=TODAY + datetime.timedelta(days=days_until_due), today=TODAY
        )

    assert (rag(days), rag(days + 1)) == (Rag.AMBER, Rag.GREEN)


@pytest.mark.parametrize(
    ("status", "days_until_due", "reason"),
    [
        (Status.SIGNED_OFF, -30, "Signed off on 3 March 2026"),
        (Status.COMPLETED, -30, "Completed: waiting for a leader to sign it off"),
        (Status.BLOCKED, 60, "Blocked"),
        (Status.BLOCKED, -4, "Blocked, and overdue since 18 November 2026"),
        (Status.IN_PROGRESS, -4, "Overdue since 18 November 2026"),
        (Status.NOT_STARTED, 14, "Not started and due within 14 days, on 6 December 2026"),
        (Status.NOT_STARTED, 15, "On track, due 7 December 2026"),
        (Status.IN_PROGRESS, 101, "On track, due 3 March 2027"),
    ],
)
def test_the_reason_says_why_in_words(status, days_until_due, reason):
    due = TODAY + datetime.timedelta(days=days_until_due)
    said = rag_reason_for(status=status, due_date=due, today=TODAY, signed_off_on=datetime.date(2026, 3, 3))
    assert said == reason


REASON_RATINGS = {
    "Signed off": Rag.COMPLETE,
    "Completed": Rag.AMBER,
    "Not started": Rag.AMBER,
    "Blocked": Rag.RED,
    "Overdue": Rag.RED,
    "On track": Rag.GREEN,
}


@pytest.mark.parametrize("days_until_due", [-5, -1, 0, 10, 14, 15, 40])
@pytest.mark.parametrize("status", Status.values)
def test_every_reason_belongs_to_the_rating_it_explains(status, days_until_due):
    due = TODAY + datetime.timedelta(days=days_until_due)
    reason = rag_reason_for(status=status, due_date=due, today=TODAY)
    [rag] = [rag for start, rag in REASON_RATINGS.items() if reason.startswith(start)]
    assert rag == rag_for(status=status, due_date=due, today=TODAY)
