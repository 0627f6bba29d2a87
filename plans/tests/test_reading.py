"""Reading a council's spreadsheet into its table of rows, and refusing files the import cannot read."""

import datetime

import openpyxl
import pytest

from plans.importing import reading
from plans.importing.reading import UnreadableFile, read_table

from .spreadsheets import HEADINGS, csv_bytes, with_formula, xlsx

ROW = ["1", "Improve return home interviews", "Audit interviews", "leader", "31/03/2027", "", "Green", ""]


def test_it_finds_the_headings_below_a_title_and_notes():
    data = xlsx([HEADINGS, ROW], above=[["Bromley improvement plan"], [], ["Updated for the board"]])
    table = read_table("plan.xlsx", data)
    assert table.headings == HEADINGS
    # The empty last cell is trimmed.
    assert table.rows == [(5, ROW[:7])]


def test_it_reads_the_first_sheet_that_has_headings_and_names_the_others():
    data = xlsx([HEADINGS, ROW], title="Plan", sheets=[("<Cover", [["About this plan"]]), ("Key", [["Blue"]])])
    table = read_table("plan.xlsx", data)
    assert table.sheet_name == "Plan"
    assert table.other_sheets == ["Cover", "Key"]


def test_excel_dates_come_as_dates_and_formulas_as_their_cached_values():
    row = ["1", "Area", "Action", "leader", datetime.datetime(2027, 3, 31), "", "Red", "Waiting"]
    data = xlsx([HEADINGS, row, ["2", "Area", "Second", "leader", 46477, "", "", ""]])
    data = with_formula(data, "E3", "DATE(2027,3,31)")
    rows = dict(read_table("plan.xlsx", data).rows)
    assert rows[2][4] == "2027-03-31"
    assert rows[3][4] == "46477"


def test_merged_cells_leave_the_cells_below_blank():
    data = xlsx([HEADINGS, ROW, ["", "", "Second action", "leader", "31/03/2027"]], merge=["B2:B3"])
    rows = dict(read_table("plan.xlsx", data).rows)
    assert rows[3][:3] == ["", "", "Second action"]


def test_blank_rows_inside_the_table_are_kept_and_those_after_it_dropped():
    data = xlsx([HEADINGS, ROW, [], ROW, [], [None, None]])
    assert [number for number, _ in read_table("plan.xlsx", data).rows] == [2, 3, 4]


@pytest.mark.parametrize(
    "encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")], ids=["utf-8", "bom", "1252"]
)
def test_csv_in_utf_8_with_or_without_bom_or_windows_1252(encoding, prefix):
    row = ["1", "Children’s voices – heard", "Café visits", "leader", "31/03/2027"]
    table = read_table("plan.csv", prefix + csv_bytes([HEADINGS, row], encoding=encoding))
    assert table.headings[0] == "Rec no"
    assert table.rows[0][1][1:3] == ["Children’s voices – heard", "Café visits"]


def test_csv_with_semicolons():
    table = read_table("plan.csv", csv_bytes([HEADINGS, ROW], delimiter=";"))
    assert table.rows[0][1][2] == "Audit interviews"


def _read_error(name, data):
    with pytest.raises(UnreadableFile) as error:
        read_table(name, data)
    return str(error.value)


def test_a_file_over_5_mb_is_refused():
    assert _read_error("plan.csv", b"x" * (reading.MAX_BYTES + 1)) == "The selected file must be smaller than 5 MB"


def test_more_than_5000_rows_are_refused():
    rows = [HEADINGS] + [ROW] * 5001
    assert _read_error("plan.csv", csv_bytes(rows)).startswith("The selected file must have 5,000 rows or fewer")


def test_5000_rows_are_read():
    assert len(read_table("plan.csv", csv_bytes([HEADINGS] + [ROW] * 5000)).rows) == 5000


def test_xls_and_xlsm_are_refused_with_how_to_save_as_xlsx():
    assert "save it as an Excel Workbook (.xlsx)" in _read_error("plan.xls", b"\xd0\xcf\x11\xe0")
    message = _read_error("plan.xlsm", xlsx([HEADINGS, ROW]))
    assert "macro-enabled" in message and "save it as an Excel Workbook (.xlsx)" in message


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("plan.xlsx", b"not a zip at all", reading.BROKEN_XLSX),
        ("plan.xlsx", b"PK\x03\x04broken", reading.BROKEN_XLSX),
        ("plan.csv", b"\x00\x01\x02binary", reading.BROKEN_CSV),
        ("plan.pdf", b"%PDF-1.4", reading.NOT_A_SPREADSHEET),
        ("plan.csv", b"", reading.EMPTY),
        ("plan.csv", b"just,some,words\n1,2,3\n", reading.NO_HEADINGS),
    ],
    ids=["not-a-zip", "broken-zip", "binary-csv", "pdf", "empty", "no-headings"],
)
def test_a_broken_or_non_spreadsheet_file_gets_a_message(name, data, message):
    assert _read_error(name, data) == message


def test_a_workbook_whose_sheets_have_no_headings_gets_a_message():
    assert _read_error("plan.xlsx", xlsx([["Just notes"], ["More notes"]])) == reading.NO_HEADINGS


def test_xlsx_is_opened_read_only(monkeypatch):
    calls = []
    real = openpyxl.load_workbook

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(reading.openpyxl, "load_workbook", spy)
    read_table("plan.xlsx", xlsx([HEADINGS, ROW]))
    assert calls == [{"read_only": True, "data_only": True, "keep_links": False}]
