"""The All actions list as CSV and XLSX: one set of columns, two file formats.

Both read the same filtered, sorted queryset in chunks, so memory stays flat
however many actions an authority has.
"""

import csv
import datetime
import io
from collections.abc import Callable
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models import Rag

CHUNK_SIZE = 500
XLSX_DATE_FORMAT = "d mmmm yyyy"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _theme_name(action):
    theme = action.improvement_area.theme
    return theme.name if theme else ""


class Column(NamedTuple):
    header: str
    width: int  # in characters, for the XLSX
    value: Callable  # (action, absolute_url) -> a Python value; dates stay dates


COLUMNS = [
    Column("ID", 8, lambda action, url: action.pk),
    Column("Title", 50, lambda action, url: action.title),
    Column("Status", 14, lambda action, url: action.get_status_display()),
    Column("RAG", 10, lambda action, url: Rag(action.rag_value).label),
    Column("Owner", 24, lambda action, url: str(action.owner)),
    Column("Due date", 18, lambda action, url: action.due_date),
    Column("Overdue", 10, lambda action, url: "Yes" if action.is_overdue else "No"),
    Column("Completion date", 18, lambda action, url: action.completed_on),
    Column("Improvement area", 40, lambda action, url: str(action.improvement_area)),
    Column("Inspection", 40, lambda action, url: str(action.improvement_area.inspection)),
    Column("Theme", 30, lambda action, url: _theme_name(action)),
    Column("Success measure", 50, lambda action, url: action.success_measure),
    Column("Action page URL", 40, lambda action, url: url(action.get_absolute_url())),
]
HEADERS = [column.header for column in COLUMNS]


def export_rows(queryset, *, absolute_url):
    """The data rows for a filtered, sorted queryset from ActionItemFilterSet.

    It must be annotated with_rag(); absolute_url turns a path into a full link.
    """
    actions = queryset.select_related("improvement_area__theme").iterator(chunk_size=CHUNK_SIZE)
    for action in actions:
        yield [column.value(action, absolute_url) for column in COLUMNS]


def filename(extension, today):
    return f"actions-{today.isoformat()}.{extension}"


def escape_formula(text):
    """Stop a cell like "=HYPERLINK(...)" running when the file is opened in a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return escape_formula(value)
    return value


class _Echo:
    """A file-like object whose write() hands back the line, for streaming."""

    def write(self, value):
        return value


def csv_lines(rows):
    """CSV text, one line at a time, with a byte order mark so Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADERS)
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def _xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = XLSX_DATE_FORMAT
    elif isinstance(value, str):
        # Always text: never a formula, whatever the value starts with.
        cell.data_type = "s"
    return cell


def xlsx_bytes(rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    sheet.freeze_panes = "A2"
    for number, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
