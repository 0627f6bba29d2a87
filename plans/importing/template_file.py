"""The plan template leaders download: the headings the import reads best, and one example row."""

import io

import openpyxl
from openpyxl.styles import Font

from .headings import FIELD_LABELS

EXAMPLE = {
    "area_number": 1,
    "area": "Leaders should make sure that children who go missing are offered a return home interview.",
    "title": "Audit every return home interview each month and report the findings to the board",
    "due_date": "31/03/2027",
    "success_measure": "95% of missing episodes followed by a return home interview within 72 hours",
    "status": "In progress",
    "progress": "First audit done in January; findings shared with team managers.",
    "theme": "",
}


def template_bytes(example_owner):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(list(FIELD_LABELS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([EXAMPLE.get(name, example_owner) for name in FIELD_LABELS])
    for column in "BCFH":
        sheet.column_dimensions[column].width = 50
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
