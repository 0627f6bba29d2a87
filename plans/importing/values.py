"""Dates and statuses as councils write them in their plans."""

import calendar
import datetime
import re

from openpyxl.utils.datetime import from_excel

from actions.models import Status

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# Excel's day numbers for 1954 to 2119: a bare number outside these is no date (a year, a count).
EXCEL_SERIALS = range(20_000, 80_000)
DATE_EXAMPLES = "31/03/2025, 31 March 2025, March 2025 or Q4 2024-25"


def _month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year(text):
    year = int(text)
    return year + 2000 if year < 100 else year


def _quarter_end(quarter, first_year, financial):
    """The last day of a quarter: of the financial year April to March that starts in first_year, or of
    the calendar year."""
    if financial:
        year, month = (first_year + 1, 3 * (quarter - 3)) if quarter == 4 else (first_year, 3 * (quarter + 1))
        return _month_end(year, month)
    return _month_end(first_year, 3 * quarter)


def parse_date(text):
    """The date a plan's timescale means, or ValueError. A month or a quarter means its last day."""
    text = str(text).strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?", text):
        return datetime.date(*map(int, match.groups()))
    if re.fullmatch(r"\d+(\.0+)?", text) and int(float(text)) in EXCEL_SERIALS:
        return from_excel(int(float(text))).date()
    words = re.sub(r"^(by|end of|end|before)\s+", "", text.lower().replace(",", " ")).strip()
    words = " ".join(words.split())
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", words):
        day, month, year = match.groups()
        return datetime.date(_year(year), int(month), int(day))
    if match := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.? (\d{4})", words):
        day, month, year = match.groups()
        if month in MONTHS:
            return datetime.date(int(year), MONTHS[month], int(day))
    if match := re.fullmatch(r"([a-z]+)\.?[ -](\d{4})", words):
        month, year = match.groups()
        if month in MONTHS:
            return _month_end(int(year), MONTHS[month])
    if match := re.fullmatch(r"q([1-4]) (?:fy ?)?(\d{2}|\d{4})(?:[/-](\d{2}|\d{4}))?", words):
        quarter, first, second = match.groups()
        return _quarter_end(int(quarter), _year(first), financial=second is not None)
    raise ValueError(text)


# Status words as plans write them (normalised: lower case, single spaces), and the status each means.
# Nothing is imported as signed off: signing off stays a leader's act in the product.
STATUS_WORDS = {
    "complete": Status.COMPLETED,
    "completed": Status.COMPLETED,
    "blue": Status.COMPLETED,
    "done": Status.COMPLETED,
    "signed off": Status.COMPLETED,
    "on track": Status.IN_PROGRESS,
    "green": Status.IN_PROGRESS,
    "in progress": Status.IN_PROGRESS,
    "amber": Status.IN_PROGRESS,
    "not started": Status.NOT_STARTED,
    "": Status.NOT_STARTED,
    "red": Status.BLOCKED,
    "blocked": Status.BLOCKED,
}
STATUS_EXAMPLES = "Not started, In progress, On track, Green, Amber, Red, Blocked, Complete, Done or Blue"


def parse_status(text):
    """The product's status for a plan's status word, or ValueError: an unknown word is not guessed."""
    word = " ".join(re.sub(r"[^a-z ]+", " ", str(text).lower()).split())
    if word not in STATUS_WORDS:
        raise ValueError(text)
    return STATUS_WORDS[word]
