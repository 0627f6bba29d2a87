"""Reading a council's spreadsheet: XLSX (openpyxl, read-only, formulas as their cached values, macros
never run) or CSV (UTF-8 with or without BOM, or Windows-1252; commas, semicolons or tabs), into the
table of its first sheet that has a row of headings."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from .headings import HEADING_ROWS, is_heading_row, normalise

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# After this many blank rows in a row the table has ended (a styled sheet can report a million).
BLANK_RUN_ENDS_TABLE = 1000

TOO_BIG = "The selected file must be smaller than 5 MB"
TOO_MANY_ROWS = "The selected file must have 5,000 rows or fewer. Split the plan into smaller files and import each"
EMPTY = "The selected file is empty"
XLS = (
    "The selected file is an old-style Excel file (.xls). "
    "Open it in Excel, save it as an Excel Workbook (.xlsx) and upload that"
)
XLSM = (
    "The selected file is a macro-enabled workbook (.xlsm). "
    "Open it in Excel, save it as an Excel Workbook (.xlsx), which has no macros, and upload that"
)
NOT_A_SPREADSHEET = "The selected file must be a spreadsheet: an Excel Workbook (.xlsx) or a CSV file"
BROKEN_XLSX = (
    "The selected file could not be read as an Excel Workbook. "
    "Check that it opens in Excel, save it again as .xlsx and upload that"
)
BROKEN_CSV = (
    "The selected file could not be read as a CSV file. "
    "Save the plan from your spreadsheet program as CSV or .xlsx and upload that"
)
NO_HEADINGS = (
    "The selected file has no row of headings that names the actions. Put a heading such as Action above the "
    f"actions, with headings such as Recommendation, Owner and Timescale beside it, in the first {HEADING_ROWS} rows"
)


class UnreadableFile(Exception):
    """A file the import cannot read; its message says what to do."""


@dataclass
class Table:
    headings: list
    # (row number in the sheet, [cell text, one a heading])
    rows: list
    sheet_name: str = ""
    other_sheets: list = field(default_factory=list)


def cell_text(value):
    """A cell as text: dates as YYYY-MM-DD (values.parse_date reads them), whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def read_table(name, data):
    """The Table in the file `name` with contents `data` (bytes), or UnreadableFile saying why not."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(TOO_BIG)
    if not data:
        raise UnreadableFile(EMPTY)
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xls":
        raise UnreadableFile(XLS)
    if suffix in (".xlsm", ".xltm"):
        raise UnreadableFile(XLSM)
    if suffix == ".xlsx":
        return _read_xlsx(data)
    if suffix in (".csv", ".txt"):
        return _read_csv(data)
    raise UnreadableFile(NOT_A_SPREADSHEET)


def _read_xlsx(data):
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as error:
        raise UnreadableFile(BROKEN_XLSX) from error
    try:
        names = workbook.sheetnames
        for index, sheet in enumerate(workbook.worksheets):
            rows = (row for row in sheet.iter_rows(values_only=True))
            table = _table(enumerate(rows, 1))
            if table is not None:
                table.sheet_name = names[index]
                table.other_sheets = [other for other in names if other != names[index]]
                return table
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise UnreadableFile(BROKEN_XLSX) from error
    finally:
        workbook.close()
    raise UnreadableFile(NO_HEADINGS)


def _decode(data):
    if b"\x00" in data:
        raise UnreadableFile(BROKEN_CSV)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UnreadableFile(BROKEN_CSV) from error


def _read_csv(data):
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        table = _table(enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1))
    except csv.Error as error:
        raise UnreadableFile(BROKEN_CSV) from error
    if table is None:
        raise UnreadableFile(NO_HEADINGS)
    return table


def _table(numbered_rows):
    """The table below the first row of headings in the first HEADING_ROWS rows, or None.

    Blank rows inside the table are kept (the preview lists them as skipped); those after its end are not.
    """
    headings = None
    rows, blank_run = [], 0
    for number, values in numbered_rows:
        cells = [cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if headings is None:
            if number > HEADING_ROWS:
                return None
            if is_heading_row(cells):
                headings = cells
            continue
        if not cells:
            blank_run += 1
            if blank_run >= BLANK_RUN_ENDS_TABLE:
                break
        else:
            blank_run = 0
        rows.append((number, cells[: len(headings)]))
        if len(rows) - blank_run > MAX_ROWS:
            raise UnreadableFile(TOO_MANY_ROWS)
    if headings is None:
        return None
    while rows and not rows[-1][1]:
        rows.pop()
    return Table(headings=headings, rows=rows)


def repeats_headings(cells, headings):
    return bool(cells) and [normalise(c) for c in cells] == [normalise(h) for h in headings[: len(cells)]]
