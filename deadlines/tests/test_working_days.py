"""Working days in England and Wales, pinned against known calendars."""

import datetime

import pytest

from deadlines.working_days import WorkingCalendar, add_working_days, bank_holidays, working_days_between


def d(text):
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-12-24", True),  # Thursday
        ("2026-12-25", False),  # Christmas Day, a Friday
        ("2026-12-26", False),  # Boxing Day, a Saturday
        ("2026-12-28", False),  # Boxing Day's substitute, Monday
        ("2026-12-29", True),
        ("2027-03-26", False),  # Good Friday
        ("2027-03-29", False),  # Easter Monday: missing without subdiv="ENG"
        ("2027-08-30", False),  # August bank holiday: missing without subdiv="ENG"
        ("2023-05-08", False),  # the King's coronation
        ("2023-05-09", True),
        ("2022-12-27", False),  # Christmas Day 2022 fell on a Sunday: substitute Tuesday
        ("2027-12-27", False),  # Christmas Day 2027 falls on a Saturday: substitute Monday
        ("2027-12-28", False),  # and Boxing Day's, Tuesday
        ("2027-12-29", True),
        ("2027-12-25", False),  # the Saturday original stays a non-working day
        ("2025-03-03", True),  # an ordinary Monday
        ("2025-03-08", False),  # an ordinary Saturday
    ],
)
def test_it_knows_which_days_are_working_days(day, working):
    assert WorkingCalendar().is_working_day(d(day)) is working


def test_the_bank_holidays_come_from_the_england_list():
    holidays_2027 = bank_holidays(2027)
    assert d("2027-03-29") in holidays_2027  # Easter Monday
    assert d("2027-08-30") in holidays_2027  # Summer bank holiday


def test_the_working_days_around_christmas_2026():
    # Thursday 24th, then Christmas, the weekend and the Boxing Day substitute: Tuesday 29th is the next.
    assert add_working_days(d("2026-12-24"), 1) == d("2026-12-29")
    assert add_working_days(d("2026-12-24"), 3) == d("2026-12-31")
    # New Year's Day 2027 is a Friday bank holiday.
    assert add_working_days(d("2026-12-31"), 1) == d("2027-01-04")
    assert working_days_between(d("2026-12-23"), d("2027-01-04")) == 5  # 24, 29, 30, 31 December, 4 January


def test_the_working_days_around_easter_2027():
    # Thursday 25 March, then Good Friday, the weekend and Easter Monday.
    assert add_working_days(d("2027-03-25"), 1) == d("2027-03-30")
    assert working_days_between(d("2027-03-22"), d("2027-04-02")) == 7


def test_the_coronation_bank_holiday_is_skipped():
    # Friday 5 May 2023, then the weekend, Monday 8 May (the coronation).
    assert add_working_days(d("2023-05-05"), 1) == d("2023-05-09")


def test_a_substitute_day_when_christmas_falls_on_a_weekend():
    # Friday 23 December 2022; 25th a Sunday, 26th Boxing Day, 27th Christmas's substitute.
    assert add_working_days(d("2022-12-23"), 1) == d("2022-12-28")


def test_counting_starts_the_day_after_even_from_a_weekend():
    assert add_working_days(d("2025-03-07"), 1) == d("2025-03-10")  # Friday to Monday
    assert add_working_days(d("2025-03-08"), 1) == d("2025-03-10")  # Saturday to Monday
    assert add_working_days(d("2025-03-03"), 0) == d("2025-03-03")


def test_seventy_working_days_over_easter_and_the_may_bank_holidays_2025():
    # From Monday 3 February 2025, 14 weeks of weekdays end on Monday 12 May; Good Friday (18 April),
    # Easter Monday (21 April) and the May bank holiday (5 May) push it three working days on.
    assert add_working_days(d("2025-02-03"), 70) == d("2025-05-15")


def test_between_is_negative_when_the_end_comes_first():
    assert working_days_between(d("2025-03-07"), d("2025-03-03")) == -4
    assert working_days_between(d("2025-03-03"), d("2025-03-03")) == 0


def test_between_and_add_agree():
    start = d("2026-12-01")
    for days in range(0, 60, 7):
        assert working_days_between(start, add_working_days(start, days)) == days


def test_closure_days_are_not_working_days():
    # A council closed on Tuesday 29 December 2026 too.
    calendar = WorkingCalendar([d("2026-12-29")])
    assert not calendar.is_working_day(d("2026-12-29"))
    assert calendar.add(d("2026-12-24"), 1) == d("2026-12-30")


def test_it_refuses_to_count_backwards():
    with pytest.raises(ValueError):
        add_working_days(d("2025-03-03"), -1)
