import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from actions.models import Status
from actions.services import archive_action, create_action, record_progress, update_action
from tests.factories import ActionItemFactory, ThemeFactory, UserFactory

CSV_URL = "/actions/export.csv"
XLSX_URL = "/actions/export.xlsx"
HEADERS = [
    "ID",
    "Title",
    "Description",
    "Status",
    "RAG",
    "Owner",
    "Due date",
    "Original due date",
    "Overdue",
    "Completion date",
    "Improvement area",
    "Inspection",
    "Theme",
    "Success measure",
    "Latest progress note",
    "Latest note date",
    "Action page URL",
]


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def csv_rows(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def listed_ids(client, params):
    """The action ids the HTML list shows, across every page."""
    ids, page = [], 1
    while True:
        html = client.get("/actions/", {**params, "page": page}).content.decode()
        ids += [int(pk) for pk in re.findall(r'href="/actions/(\d+)/"', html)]
        if 'rel="next"' not in html:
            return ids
        page += 1


@pytest.fixture
def overdue_action(area, staff_user):
    area.theme = ThemeFactory(name="Return home interviews", slug="return-home-interviews")
    area.save()
    return ActionItemFactory(
        improvement_area=area,
        owner=staff_user,
        title="Audit return home interviews",
        status=Status.IN_PROGRESS,
        due_date=datetime.date(2021, 9, 14),
        success_measure="Every child is offered an interview within 72 hours.",
    )


@pytest.mark.parametrize("user_fixture", ["staff_user", "leader"])
def test_staff_and_leaders_download_a_csv_with_every_column(client, request, overdue_action, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="actions-{timezone.localdate():%Y-%m-%d}.csv"'
    header, row = csv_rows(response)
    assert header == HEADERS
    assert row == [
        str(overdue_action.pk),
        "Audit return home interviews",
        "What we will do.",
        "In progress",
        "Red",
        overdue_action.owner.get_full_name(),
        "2021-09-14",
        "",
        "Yes",
        "",
        "1. Return home interviews",
        str(overdue_action.improvement_area.inspection),
        "Return home interviews",
        "Every child is offered an interview within 72 hours.",
        "Started work.",
        timezone.localdate().isoformat(),
        f"http://testserver/actions/{overdue_action.pk}/",
    ]


def test_a_completed_action_has_its_completion_date_and_is_not_overdue(client, leader, area, staff_user):
    ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.COMPLETED, due_date=days(-3))
    client.force_login(leader)
    row = csv_rows(client.get(CSV_URL))[1]
    assert row[HEADERS.index("Overdue")] == "No"
    assert row[HEADERS.index("Completion date")] == timezone.localdate().isoformat()
    assert row[HEADERS.index("RAG")] == "Amber"


def test_a_user_without_a_role_cannot_export(client, bromley, action):
    client.force_login(UserFactory(local_authority=bromley))
    assert client.get(CSV_URL).status_code == 403
    assert client.get(XLSX_URL).status_code == 403


def test_a_user_of_another_authority_exports_none_of_these_actions(client, action, other_leader):
    client.force_login(other_leader)
    assert csv_rows(client.get(CSV_URL)) == [HEADERS]
    assert xlsx_rows(client.get(XLSX_URL)) == [HEADERS]


def test_the_csv_holds_exactly_the_filtered_sorted_list_across_pages(client, leader, area, staff_user, bromley):
    owners = [UserFactory(last_name=name, staff=True, local_authority=bromley) for name in ("Cole", "Adams", "Bell")]
    for i in range(75):
        ActionItemFactory(
            improvement_area=area,
            owner=owners[i % 3],
            status=Status.BLOCKED if i % 4 == 0 else Status.IN_PROGRESS,
            due_date=days(i % 7),
        )
    client.force_login(leader)
    params = {"status": "in_progress", "sort": "-owner"}
    html_ids = listed_ids(client, params)
    assert len(html_ids) == 56
    csv_ids = [int(row[0]) for row in csv_rows(client.get(CSV_URL, params))[1:]]
    assert csv_ids == html_ids


def test_an_invalid_filter_exports_only_the_header(client, leader, action):
    client.force_login(leader)
    assert csv_rows(client.get(CSV_URL, {"due_from": "not a date"})) == [HEADERS]


def test_cells_that_would_run_as_formulas_are_escaped_in_the_csv(client, leader, area, staff_user):
    ActionItemFactory(
        improvement_area=area,
        owner=staff_user,
        title='=HYPERLINK("http://evil.example","Click")',
        success_measure="+1 more",
        description="-",
    )
    client.force_login(leader)
    row = csv_rows(client.get(CSV_URL))[1]
    assert row[HEADERS.index("Title")] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row[HEADERS.index("Success measure")] == "'+1 more"


def test_formulas_are_plain_text_in_the_xlsx(client, leader, area, staff_user):
    ActionItemFactory(improvement_area=area, owner=staff_user, title="=1+2", success_measure="@SUM(A1)")
    client.force_login(leader)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL).content)).active
    title = sheet.cell(row=2, column=HEADERS.index("Title") + 1)
    measure = sheet.cell(row=2, column=HEADERS.index("Success measure") + 1)
    assert (title.value, title.data_type) == ("=1+2", "s")
    assert (measure.value, measure.data_type) == ("@SUM(A1)", "s")


def test_the_xlsx_has_a_header_row_real_dates_and_the_same_rows_as_the_csv(client, leader, overdue_action, area):
    ActionItemFactory(improvement_area=area, owner=overdue_action.owner, status=Status.SIGNED_OFF, due_date=days(3))
    client.force_login(leader)
    params = {"sort": "-due_date"}
    response = client.get(XLSX_URL, params)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="actions-{timezone.localdate():%Y-%m-%d}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADERS
    due = sheet.cell(row=3, column=HEADERS.index("Due date") + 1)
    assert isinstance(due.value, datetime.date) and due.value.date() == datetime.date(2021, 9, 14)
    assert due.number_format == "d mmmm yyyy"
    completed = sheet.cell(row=2, column=HEADERS.index("Completion date") + 1)
    assert isinstance(completed.value, datetime.date) and completed.value.date() == timezone.localdate()

    def as_csv_text(value):
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        return "" if value is None else str(value)

    assert [[as_csv_text(v) for v in row] for row in rows] == csv_rows(client.get(CSV_URL, params))


def test_exports_answer_only_get(client, leader):
    client.force_login(leader)
    assert client.post(CSV_URL).status_code == 405


@pytest.mark.parametrize("count", [1, 60])
def test_the_csv_export_runs_a_bounded_number_of_queries(
    client, leader, area, staff_user, django_assert_max_num_queries, count
):
    for i in range(count):
        ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(i))
    client.force_login(leader)
    with django_assert_max_num_queries(6):
        rows = csv_rows(client.get(CSV_URL, {"owner": staff_user.pk, "sort": "status"}))
    assert len(rows) == count + 1


@pytest.mark.parametrize("count", [1, 60])
def test_the_xlsx_export_runs_a_bounded_number_of_queries(
    client, leader, area, staff_user, django_assert_max_num_queries, count
):
    for i in range(count):
        ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(i))
    client.force_login(leader)
    with django_assert_max_num_queries(6):
        response = client.get(XLSX_URL, {"owner": staff_user.pk})
    assert len(xlsx_rows(response)) == count + 1


def test_exports_give_the_description_both_due_dates_and_the_latest_note(client, leader, area, staff_user):
    action = create_action(
        improvement_area=area,
        owner=staff_user,
        created_by=leader,
        title="Audit return home interviews",
        description="Audit a sample of 50 interviews.\nReport to the board.",
        due_date=datetime.date(2030, 1, 31),
    )
    update_action(
        action=action,
        author=leader,
        improvement_area=area,
        title=action.title,
        description=action.description,
        owner=staff_user,
        due_date=datetime.date(2030, 3, 31),
        success_measure="",
        due_date_reason="The case system changes in February",
    )
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Sample chosen")
    client.force_login(leader)

    header, row = csv_rows(client.get(CSV_URL))
    cells = dict(zip(header, row, strict=True))
    assert cells["Description"] == "Audit a sample of 50 interviews.\nReport to the board."
    assert (cells["Due date"], cells["Original due date"]) == ("2030-03-31", "2030-01-31")
    assert cells["Latest progress note"] == "Sample chosen"
    assert cells["Latest note date"] == timezone.localdate().isoformat()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL).content)).active
    original = sheet.cell(row=2, column=HEADERS.index("Original due date") + 1)
    assert original.value.date() == datetime.date(2030, 1, 31) and original.number_format == "d mmmm yyyy"


def test_the_latest_note_date_is_the_day_in_london_when_it_was_written(client, leader, action, staff_user):
    # Half past midnight on 1 July in London is still 30 June in UTC.
    written = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Sample chosen", at=written)
    client.force_login(leader)

    header, row = csv_rows(client.get(CSV_URL))
    assert dict(zip(header, row, strict=True))["Latest note date"] == "2026-07-01"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL).content)).active
    assert sheet.cell(row=2, column=HEADERS.index("Latest note date") + 1).value.date() == datetime.date(2026, 7, 1)


def test_the_xlsx_colours_each_rag_cell_and_keeps_its_word(client, leader, area, staff_user):
    for status, due in [
        (Status.BLOCKED, days(30)),
        (Status.NOT_STARTED, days(3)),
        (Status.IN_PROGRESS, days(60)),
        (Status.SIGNED_OFF, days(5)),
    ]:
        ActionItemFactory(improvement_area=area, owner=staff_user, status=status, due_date=due)
    client.force_login(leader)

    sheet = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL, {"sort": "status"}).content)).active

    column = HEADERS.index("RAG") + 1
    cells = {sheet.cell(row=n, column=column).value: sheet.cell(row=n, column=column) for n in range(2, 6)}
    assert set(cells) == {"Red", "Amber", "Green", "Complete"}
    backgrounds = {word: cell.fill.fgColor.rgb[-6:] for word, cell in cells.items()}
    assert backgrounds == {"Red": "F6D7D2", "Amber": "FCD6C3", "Green": "CCE2D8", "Complete": "BBD4EA"}
    assert all(cell.font.b for cell in cells.values())
    # Other cells keep the sheet's plain look.
    assert sheet.cell(row=2, column=HEADERS.index("Status") + 1).fill.fill_type is None


def test_the_xlsx_has_a_filter_on_every_column_and_a_frozen_header_row(client, leader, area, staff_user):
    ActionItemFactory.create_batch(3, improvement_area=area, owner=staff_user)
    client.force_login(leader)

    sheet = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL).content)).active

    last_column = openpyxl.utils.get_column_letter(len(HEADERS))
    assert sheet.auto_filter.ref == f"A1:{last_column}4"
    assert sheet.freeze_panes == "A2"
    assert all(sheet.cell(row=1, column=n).font.b for n in range(1, len(HEADERS) + 1))


def test_withdrawn_actions_are_exported_only_with_their_filter(client, leader, action):
    archive_action(action=action, by=leader, note="Replaced")
    client.force_login(leader)

    assert csv_rows(client.get(CSV_URL)) == [HEADERS]
    [_, row] = csv_rows(client.get(CSV_URL, {"withdrawn": "yes"}))
    assert row[0] == str(action.pk)
