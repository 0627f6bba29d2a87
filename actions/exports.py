"""The All actions list as CSV and XLSX: one set of columns, two file formats.

Both read the same filtered, sorted queryset in chunks, so memory stays flat
however many actions an authority has. The XLSX adds what a spreadsheet can:
RAG cells in their tag's colours (with their words), a filter on every column
and a header row that stays in view.
"""

import csv
import datetime
import io
from collections.abc import Callable
from typing import NamedTuple

from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from inspections.models import ImprovementArea, Inspection

from .models import DONE_STATUSES, Rag, Status

CHUNK_SIZE = 500
# About 32 KiB of CSV per write: a few dozen rows.
CSV_CHUNK_CHARACTERS = 32 * 1024
XLSX_DATE_FORMAT = "d mmmm yyyy"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# Read as plain values, not model instances: an authority's whole list is exported at once,
# and building six objects and reversing a URL per row was most of the export's time.
FIELDS = [
    "pk",
    "title",
    "description",
    "status",
    "rag_value",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
    "due_date",
    "original_due_date",
    "completed_on",
    "improvement_area__number",
    "improvement_area__short_title",
    "improvement_area__inspection__local_authority__name",
    "improvement_area__inspection__kind",
    "improvement_area__inspection__start_date",
    "improvement_area__theme__name",
    "success_measure",
    # Annotated by with_latest_note(); the note's date is taken in SQL, in the current time zone.
    "latest_note",
    "latest_note_on",
]
STATUS_LABELS = dict(Status.choices)
RAG_LABELS = dict(Rag.choices)


# Each RAG rating's XLSX cell in the colours of its tag on the pages (text, background).
RAG_COLOURS = {
    Rag.RED.label: ("2A0B06", "F6D7D2"),
    Rag.AMBER.label: ("6E3619", "FCD6C3"),
    Rag.GREEN.label: ("005A30", "CCE2D8"),
    Rag.COMPLETE.label: ("0C2D4A", "BBD4EA"),
}


def _rag_style(cell):
    colours = RAG_COLOURS.get(cell.value)
    if colours:
        text, background = colours
        cell.font = Font(bold=True, color=text)
        cell.fill = PatternFill(fill_type="solid", start_color=background, end_color=background)


class Column(NamedTuple):
    header: str
    width: int  # in characters, for the XLSX
    value: Callable  # (row dict, context) -> a Python value; dates stay dates
    xlsx_style: Callable | None = None  # (cell) -> None, to dress an XLSX cell by its value


def _owner(row):
    full_name = f"{row['owner__first_name']} {row['owner__last_name']}".strip()
    return full_name or row["owner__username"]


def _original_due_date(row):
    """Only a due date that has moved has an original other than itself (see ActionItem.revised_from)."""
    original = row["original_due_date"]
    return original if original is not None and original != row["due_date"] else None


def _inspection(row, ctx):
    """Inspection.describe once per inspection, not once per row: an export lists about five."""
    key = (
        row["improvement_area__inspection__local_authority__name"],
        row["improvement_area__inspection__kind"],
        row["improvement_area__inspection__start_date"],
    )
    described = ctx["inspections"].get(key)
    if described is None:
        described = ctx["inspections"][key] = Inspection.describe(
            local_authority=key[0], kind=key[1], start_date=key[2]
        )
    return described


COLUMNS = [
    Column("ID", 8, lambda row, ctx: row["pk"]),
    Column("Title", 50, lambda row, ctx: row["title"]),
    Column("Description", 60, lambda row, ctx: row["description"]),
    Column("Status", 14, lambda row, ctx: STATUS_LABELS[row["status"]]),
    Column("RAG", 10, lambda row, ctx: RAG_LABELS[row["rag_value"]], _rag_style),
    Column("Owner", 24, lambda row, ctx: _owner(row)),
    # The due date in force: the revised one, when the original has moved.
    Column("Due date", 18, lambda row, ctx: row["due_date"]),
    Column("Original due date", 18, lambda row, ctx: _original_due_date(row)),
    Column(
        "Overdue",
        10,
        lambda row, ctx: "Yes" if row["status"] not in DONE_STATUSES and row["due_date"] < ctx["today"] else "No",
    ),
    Column("Completion date", 18, lambda row, ctx: row["completed_on"]),
    Column(
        "Improvement area",
        40,
        lambda row, ctx: ImprovementArea.describe(
            number=row["improvement_area__number"], short_title=row["improvement_area__short_title"]
        ),
    ),
    Column("Inspection", 40, _inspection),
    Column("Theme", 30, lambda row, ctx: row["improvement_area__theme__name"] or ""),
    Column("Success measure", 50, lambda row, ctx: row["success_measure"]),
    Column("Latest progress note", 60, lambda row, ctx: row["latest_note"] or ""),
    Column("Latest note date", 18, lambda row, ctx: row["latest_note_on"]),
    Column("Action page URL", 40, lambda row, ctx: ctx["action_url"].format(pk=row["pk"])),
]
HEADERS = [column.header for column in COLUMNS]


def export_rows(queryset, *, absolute_url):
    """The data rows for a filtered, sorted queryset from ActionItemFilterSet.

    It must be annotated with_rag(); absolute_url turns a path into a full link.
    """
    # One URL reversed for all rows, with a slot for each row's id.
    head, tail = absolute_url(reverse("action_detail", args=[0])).rsplit("/0/", 1)
    context = {
        "today": timezone.localdate(),
        "inspections": {},
        "action_url": head.replace("{", "{{").replace("}", "}}") + "/{pk}/" + tail,
    }
    # The note's date in SQL rather than a time with its zone read into Python for each row.
    rows = queryset.with_latest_note().annotate(
        latest_note_on=TruncDate("latest_note_at", tzinfo=timezone.get_current_timezone())
    )
    for row in rows.values(*FIELDS).iterator(chunk_size=CHUNK_SIZE):
        yield [column.value(row, context) for column in COLUMNS]


def filename(extension, today):
    return f"actions-{today.isoformat()}.{extension}"


def escape_formula(text):
    """Stop a cell like "=HYPERLINK(...)" running when the file is opened in a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _csv_cell(value):
    """Text with its formula escaped; anything else as it is: the csv module writes None as an empty cell and
    a date (the rows hold dates, never datetimes) as str(date), its ISO text."""
    return escape_formula(value) if isinstance(value, str) else value


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


def csv_chunks(rows, size=CSV_CHUNK_CHARACTERS):
    """csv_lines joined into pieces of about `size` characters, so that the server writes to the socket
    once per piece rather than once per row."""
    piece, length = [], 0
    for line in csv_lines(rows):
        piece.append(line)
        length += len(line)
        if length >= size:
            yield "".join(piece)
            piece, length = [], 0
    if piece:
        yield "".join(piece)


def _xlsx_cell(sheet, value, column):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = XLSX_DATE_FORMAT
    elif isinstance(value, str):
        # Always text: never a formula, whatever the value starts with.
        cell.data_type = "s"
    if column.xlsx_style is not None:
        column.xlsx_style(cell)
    return cell


def xlsx_bytes(rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    # The header row stays in view as the rows scroll.
    sheet.freeze_panes = "A2"
    for number, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value, column) for value, column in zip(row, COLUMNS, strict=True)])
        count += 1
    # A filter button on every column's header, over every row (written when the sheet is saved).
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
