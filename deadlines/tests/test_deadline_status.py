"""How a milestone stands today, as its tag says it: words and colour."""

import datetime

import pytest

from deadlines.models import Milestone, MilestoneKind
from deadlines.working_days import WorkingCalendar

CALENDAR = WorkingCalendar()
DUE = datetime.date(2025, 3, 17)  # a Monday


def status(kind=MilestoneKind.FINAL_PLAN, *, today, submitted_on=None):
    answer = Milestone(kind=kind, due_on=DUE, submitted_on=submitted_on).status(today, CALENDAR)
    return answer.text, answer.colour


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2025, 2, 27), ("due in 12 working days", "blue")),
        (datetime.date(2025, 3, 7), ("due in 6 working days", "blue")),
        (datetime.date(2025, 3, 10), ("due in 5 working days", "red")),
        (datetime.date(2025, 3, 14), ("due in 1 working day", "red")),
        (DUE, ("due today", "red")),
        (datetime.date(2025, 3, 19), ("overdue by 2 working days", "red")),
    ],
)
def test_a_deadline_not_yet_met(today, expected):
    assert status(today=today) == expected


def test_a_plan_submitted_early_says_by_how_much():
    assert status(today=DUE, submitted_on=datetime.date(2025, 3, 11)) == (
        "submitted on 11 March 2025, 4 working days early",
        "green",
    )


def test_a_plan_submitted_late_says_by_how_much():
    assert status(today=DUE, submitted_on=datetime.date(2025, 3, 18)) == (
        "submitted on 18 March 2025, 1 working day late",
        "orange",
    )


def test_a_plan_submitted_on_the_day():
    assert status(today=DUE, submitted_on=DUE) == ("submitted on 17 March 2025, on the day it was due", "green")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2025, 3, 14), ("in 1 working day", "blue")),
        (DUE, ("today", "blue")),
        (datetime.date(2025, 3, 18), ("passed", "grey")),
    ],
)
def test_a_meeting_is_never_overdue(today, expected):
    assert status(MilestoneKind.IMPROVEMENT_BOARD, today=today) == expected
