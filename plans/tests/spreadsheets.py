"""Real spreadsheets for the import's tests, built with openpyxl and the csv module."""

import csv
import io
import re
import zipfile

import openpyxl

HEADINGS = [
    "Rec no",
    "Recommendation",
    "Action",
    "Responsible officer",
    "By when",
    "How we will know",
    "RAG",
    "Progress update",
]


def xlsx(rows, *, title="Action plan", above=(), merge=(), sheets=(), formulas=None):
    """An .xlsx whose first sheet has `above` (rows before the headings), then `rows`; `merge` ranges
    merged ("B2:B4"); `sheets` more sheets, each (title, rows), before or after (a title starting "<")."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in [*above, *rows]:
        sheet.append(list(row))
    for cells in merge:
        sheet.merge_cells(cells)
    for title_, sheet_rows in sheets:
        index = 0 if title_.startswith("<") else None
        other = workbook.create_sheet(title_.lstrip("<"), index)
        for row in sheet_rows:
            other.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, encoding="utf-8", delimiter=","):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def with_formula(data, cell, formula):
    """The workbook `data` with `formula` in `cell` (of the first sheet), keeping the cell's value as the
    formula's cached value, as Excel saves it. openpyxl itself writes formulas without one."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text, count = re.subn(rf'(<c r="{cell}"[^>]*>)(<v>)', rf"\1<f>{formula}</f>\2", text)
                assert count == 1, f"no value in {cell} to give a formula"
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()
