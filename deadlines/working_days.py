"""Working days in England and Wales: the unit Ofsted counts an action plan's deadlines in.

A working day is a weekday that is not a bank holiday in England and Wales (Christmas Day, Good Friday and
substitute days included) and not one of the extra closure days given. The bank holidays come from the
`holidays` package (`country_holidays("GB", subdiv="ENG")`: without the subdivision Easter Monday and the
August bank holiday are missing). Its list also holds the weekend-dated originals of substituted days, which
the weekday check excludes anyway.
"""

import datetime
from functools import lru_cache

import holidays

ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales's bank holidays in one year."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


class WorkingCalendar:
    """Counts working days, skipping weekends, bank holidays and `closures` (extra dates closed)."""

    def __init__(self, closures=()):
        self.closures = frozenset(closures)

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in bank_holidays(day.year) and day not in self.closures

    def add(self, start: datetime.date, days: int) -> datetime.date:
        """The date `days` working days after `start`; `start` itself is day 0, whatever day it is."""
        if days < 0:
            raise ValueError("Count forwards from the start date.")
        day = start
        while days:
            day += ONE_DAY
            if self.is_working_day(day):
                days -= 1
        return day

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end`: 1 from a Friday to the Monday after.

        Negative when `end` is before `start`, so that between(due, submitted) < 0 means early.
        """
        if end < start:
            return -self.between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count


def add_working_days(start: datetime.date, days: int, closures=()) -> datetime.date:
    return WorkingCalendar(closures).add(start, days)


def working_days_between(start: datetime.date, end: datetime.date, closures=()) -> int:
    return WorkingCalendar(closures).between(start, end)
