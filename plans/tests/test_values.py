"""Dates and status words as councils write them in their plans."""

import datetime

import pytest

from actions.models import Status
from plans.importing.values import parse_date, parse_status

D = datetime.date


@pytest.mark.parametrize(
    "text, date",
    [
        ("31/03/2025", D(2025, 3, 31)),
        ("31/3/25", D(2025, 3, 31)),
        ("31.03.2025", D(2025, 3, 31)),
        ("31 March 2025", D(2025, 3, 31)),
        ("31st March 2025", D(2025, 3, 31)),
        ("1 Sept 2025", D(2025, 9, 1)),
        ("March 2025", D(2025, 3, 31)),
        ("Feb 2028", D(2028, 2, 29)),
        ("End of June 2025", D(2025, 6, 30)),
        ("By March 2025", D(2025, 3, 31)),
        ("2025-03-31", D(2025, 3, 31)),
        ("45747", D(2025, 3, 31)),
        ("Q4 2024-25", D(2025, 3, 31)),
        ("Q1 2025/26", D(2025, 6, 30)),
        ("Q3 2024-2025", D(2024, 12, 31)),
        ("Q2 2025", D(2025, 6, 30)),
    ],
)
def test_it_reads_the_dates_plans_use(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["Ongoing", "2025", "31/02/2025", "Spring 2025", "TBC", "Q5 2024-25"])
def test_it_refuses_what_is_no_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    "word, status",
    [
        ("Complete", Status.COMPLETED),
        ("BLUE", Status.COMPLETED),
        ("Done", Status.COMPLETED),
        ("On track", Status.IN_PROGRESS),
        ("Green", Status.IN_PROGRESS),
        ("In progress", Status.IN_PROGRESS),
        ("Not started", Status.NOT_STARTED),
        ("", Status.NOT_STARTED),
        ("Red", Status.BLOCKED),
        ("Blocked", Status.BLOCKED),
        ("Signed off", Status.COMPLETED),
    ],
)
def test_status_words_map_to_the_products_statuses_never_signed_off(word, status):
    assert parse_status(word) == status


def test_an_unknown_status_is_not_guessed():
    with pytest.raises(ValueError):
        parse_status("Purple")
