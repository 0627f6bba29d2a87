"""The scorecard and every value as CSV and XLSX: each file's columns declared once, in two formats."""

import csv
import datetime
import io
from decimal import Decimal

from django.db.models import Count
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .models import Impact, MeasureValue

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_DATE_FORMAT = "d mmmm yyyy"
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
IMPACT_LABELS = dict(Impact.choices)

SCORECARD_HEADERS = [
    "Measure",
    "Unit",
    "Which is better",
    "Baseline",
    "Baseline date",
    "Target",
    "Target date",
    "Latest value",
    "Latest period end",
    "Rating",
    "Reported",
    "Owner",
    "Link",
]
VALUE_HEADERS = ["Measure", "Period end", "Value", "Numerator", "Denominator", "Note", "Entered by", "Corrections"]


def scorecard_rows(measures, *, absolute_url):
    """One row per measure; `measures` come from with_impact().for_list()."""
    for m in measures:
        yield [
            m.name,
            m.get_unit_display(),
            m.get_direction_display(),
            m.baseline_value,
            m.baseline_date,
            m.target_value,
            m.target_date,
            m.latest_value,
            m.latest_date,
            IMPACT_LABELS[m.impact],
            m.get_frequency_display(),
            str(m.owner) if m.owner else "",
            absolute_url(m.get_absolute_url()),
        ]


def value_rows(measures):
    """Every value of `measures`, by measure and period, with how many times each was corrected."""
    values = (
        MeasureValue.objects.filter(measure__in=measures)
        .select_related("measure", "entered_by")
        .annotate(correction_count=Count("corrections"))
        .order_by("measure__name", "measure_id", "period_end")
    )
    for v in values.iterator(chunk_size=1000):
        yield [
            v.measure.name,
            v.period_end,
            v.value,
            v.numerator,
            v.denominator,
            v.note,
            str(v.entered_by) if v.entered_by else "From a published source",
            v.correction_count,
        ]


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(headers, rows):
    """CSV text, one line at a time, with a byte order mark so that Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(headers)
    for row in rows:
        yield writer.writerow([_plain(value) for value in row])


def xlsx_bytes(title, headers, rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=float(value) if isinstance(value, Decimal) else value)
            if isinstance(value, datetime.date):
                cell.number_format = XLSX_DATE_FORMAT
            elif isinstance(value, str):
                cell.data_type = "s"  # always text, never a formula
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(headers) - 1)}{count + 1}"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
