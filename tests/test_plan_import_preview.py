"""The preview of an imported plan: the columns recognised, every row's action or problems, skipped rows,
and the summary. Nothing is saved until "Confirm import"."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import ActionItem
from inspections.models import ImprovementArea
from plans.models import PendingImport
from plans.tests.spreadsheets import HEADINGS, csv_bytes, with_formula, xlsx
from tests.factories import ActionItemFactory, UserFactory
from tests.html import error_summary, main_text, table_by_caption, table_records

# Whatever the plan's size: the session, user, permissions, inspection and upload; the Resource's four
# reads (people, areas, the actions already there, themes); and the library's savepoints around the
# stages of its dry run (before the import, the rows in bulk, after it), which are the rest.
MAX_QUERIES = 19


def upload(client, inspection, data, name="plan.xlsx"):
    """Upload `data` and follow to the preview."""
    response = client.post(
        f"/inspections/{inspection.pk}/import/", {"spreadsheet": SimpleUploadedFile(name, data)}, follow=True
    )
    return response


def plan_rows(count=3):
    return [
        [
            str(1 + n // 2),
            f"Recommendation {1 + n // 2}",
            f"Action {n}",
            "jsmith",
            "31/03/2027",
            "Measure",
            "Green",
            "",
        ]
        for n in range(count)
    ]


def test_it_shows_the_columns_it_recognised_and_what_each_was_matched_to(client, leader, inspection, jane):
    client.force_login(leader)
    response = upload(client, inspection, xlsx([HEADINGS + ["Notes for us"], *plan_rows(1)]))
    records = table_records(table_by_caption(response, "The spreadsheet's columns"))
    matched = {record["Heading"]: record["Matched to"] for record in records}
    assert matched == {
        "Rec no": "Recommendation number",
        "Recommendation": "Recommendation",
        "Action": "Action",
        "Responsible officer": "Owner",
        "By when": "Due date",
        "How we will know": "Success measure",
        "RAG": "Status",
        "Progress update": "Progress update",
        "Notes for us": "Not imported",
    }


def test_a_varied_council_spreadsheet_previews_faithfully(client, leader, inspection, area, jane):
    """Headings on row 3, a merged recommendation over two actions, a blank row, the headings repeated,
    an Excel date, text dates, a quarter, a formula, a second sheet and notes under the table."""
    client.force_login(leader)
    headings = [
        "Ref",
        "Recommendation text",
        "Key actions",
        "Lead",
        "Target date",
        "Success measure",
        "Status",
        "Commentary",
    ]
    rows = [
        [
            "1",
            "Return home interviews",
            "Audit interviews",
            "Jane Smith",
            datetime.datetime(2027, 3, 31),
            "95%",
            "On track",
            "Audit started",
        ],
        ["", "", "Train staff", "jsmith@example.org", "31 March 2027", "", "Blue", "All trained"],
        [],
        headings,
        ["2", "Hear children's voices", "Run a survey", "jsmith", "Q4 2026-27", "", "Not started", ""],
        ["3", "Plan permanence early", "Track plans", "JSMITH", 46477, "", "Red", "No analyst"],
        ["Key: Blue means complete"],
    ]
    data = xlsx(
        [headings, *rows],
        above=[["Bromley action plan"], []],
        merge=["A4:A5", "B4:B5"],
        sheets=[("Notes", [["Some notes"]])],
    )
    data = with_formula(data, "E9", "DATE(2027,3,31)")

    response = upload(client, inspection, data)

    text = main_text(response)
    assert "4 actions in 3 improvement areas will be created" in text
    assert "sheet ‘Action plan’" in text and "Other sheets not read: Notes" in text
    records = table_records(table_by_caption(response, "Actions to create"))
    assert [(r["Row"], r["Action"], r["Owner"], r["Due date"], r["Status"]) for r in records] == [
        ("4", "Audit interviews", "Jane Smith", "31 March 2027", "In progress (‘On track’)"),
        ("5", "Train staff", "Jane Smith", "31 March 2027", "Completed (‘Blue’)"),
        ("8", "Run a survey", "Jane Smith", "31 March 2027", "Not started (‘Not started’)"),
        ("9", "Track plans", "Jane Smith", "31 March 2027", "Blocked (‘Red’)"),
    ]
    assert records[0]["Improvement area"] == "1. Return home interviews Matched"
    assert records[1]["Improvement area"] == "1. Return home interviews Matched"
    assert records[2]["Improvement area"] == "2. Hear children's voices New"
    assert records[0]["First progress note"] == "Audit started"
    assert "Row 6: Blank row" in text
    assert "Row 7: Repeats the headings" in text
    assert "Row 10: No action in this row" in text
    assert ActionItem.objects.count() == 0
    assert ImprovementArea.objects.count() == 1


@pytest.mark.parametrize(
    "encoding, bom, delimiter",
    [("utf-8", b"\xef\xbb\xbf", ";"), ("utf-8", b"", ","), ("cp1252", b"", ";")],
    ids=["utf-8-bom-semicolons", "utf-8", "windows-1252-semicolons"],
)
def test_csv_previews_like_a_workbook(client, leader, inspection, jane, encoding, bom, delimiter):
    client.force_login(leader)
    rows = [HEADINGS, ["1", "Children’s voices", "Café visits – monthly", "Jane Smith", "31/03/2027", "", "Green", ""]]
    data = bom + csv_bytes(rows, encoding=encoding, delimiter=delimiter)
    response = upload(client, inspection, data, name="plan.csv")
    records = table_records(table_by_caption(response, "Actions to create"))
    assert [(r["Improvement area"], r["Action"], r["Owner"]) for r in records] == [
        ("1. Children’s voices New", "Café visits – monthly", "Jane Smith")
    ]


def test_each_problem_names_the_row_the_column_and_what_to_fix(client, leader, inspection, jane):
    client.force_login(leader)
    rows = [
        HEADINGS,
        ["1", "Area", "Action", "J Smith", "31/03/2027", "", "Green", ""],
        ["1", "Area", "Second", "jsmith", "Ongoing", "", "Purple", ""],
        ["1", "Area", "Third", "", "", "", "Blocked", ""],
        ["", "", "Orphan", "jsmith", "31/03/2027", "", "", ""],
    ]
    # The first row has no recommendation to carry down from above it.
    data = xlsx([rows[0], rows[4], *rows[1:4]])

    response = upload(client, inspection, data)

    text = main_text(response)
    assert "0 actions in 0 improvement areas will be created; 4 rows have problems" in text
    for message in [
        "Row 2, Recommendation: enter the recommendation or improvement area this action is for.",
        "Row 3, Responsible officer: no one called 'J Smith' works for Bromley. "
        "Use a username, an email address or a full name.",
        "Row 4, By when: 'Ongoing' is not a date we can read. "
        "Use a date such as 31/03/2025, 31 March 2025, March 2025 or Q4 2024-25.",
        "Row 4, RAG: 'Purple' is not a status we know.",
        "Row 5, Responsible officer: enter who owns this action.",
        "Row 5, By when: enter when this action is due",
        "Row 5, Progress update: a blocked action ('Blocked') needs a progress update saying what blocks it.",
    ]:
        assert message in text
    assert "Confirm import" not in text
    assert "Nothing can be imported while a row has a problem" in text


def test_owners_are_matched_only_among_the_authoritys_people(client, leader, inspection, other_leader):
    client.force_login(leader)
    rows = [HEADINGS, ["1", "Area", "Action", other_leader.username, "31/03/2027", "", "", ""]]
    text = main_text(upload(client, inspection, xlsx(rows)))
    assert f"Row 2, Responsible officer: no one called '{other_leader.username}' works for Bromley." in text


def test_two_people_with_the_same_name_need_a_username(client, leader, inspection, jane, bromley):
    UserFactory(username="jsmith2", first_name="Jane", last_name="Smith", staff=True, local_authority=bromley)
    client.force_login(leader)
    rows = [HEADINGS, ["1", "Area", "Action", "Jane Smith", "31/03/2027", "", "", ""]]
    text = main_text(upload(client, inspection, xlsx(rows)))
    assert "Row 2, Responsible officer: 2 people called 'Jane Smith' work for Bromley. Use a username" in text


def test_rows_already_there_are_shown_and_left_alone(client, leader, inspection, area, jane):
    ActionItemFactory(improvement_area=area, owner=jane, title="Audit interviews")
    client.force_login(leader)
    rows = [
        HEADINGS,
        ["1", "", "Audit interviews", "jsmith", "31/03/2027"],
        ["1", "", "New one", "jsmith", "31/03/2027"],
    ]
    response = upload(client, inspection, xlsx(rows))
    text = main_text(response)
    assert "1 action in 1 improvement area will be created" in text
    assert "Row 2: Audit interviews" in text.split("Already there")[1]


def test_a_long_action_keeps_its_whole_text_and_a_short_title(client, leader, inspection, jane):
    client.force_login(leader)
    long_action = "Review every plan " * 20
    rows = [HEADINGS, ["1", "Area", long_action, "jsmith", "31/03/2027"]]
    records = table_records(table_by_caption(upload(client, inspection, xlsx(rows)), "Actions to create"))
    assert len(records[0]["Action"]) <= 200 and records[0]["Action"].endswith("…")


def test_correcting_a_column_match_checks_the_plan_again(client, leader, inspection, jane):
    client.force_login(leader)
    rows = [
        ["Rec no", "Recommendation", "Action", "Who does it", "By when"],
        ["1", "Area", "Action", "jsmith", "31/03/2027"],
    ]
    response = upload(client, inspection, xlsx(rows))
    assert "Row 2, Owner: enter who owns this action." in main_text(response)
    pending = PendingImport.objects.get()

    response = client.post(
        response.request["PATH_INFO"],
        {
            "column_0": "area_number",
            "column_1": "area",
            "column_2": "title",
            "column_3": "owner",
            "column_4": "due_date",
        },
        follow=True,
    )

    text = main_text(response)
    assert "Column matches saved and the plan checked again" in text
    assert "1 action in 1 improvement area will be created" in text
    pending.refresh_from_db()
    assert pending.mapping["3"] == "owner"


def test_a_field_matched_twice_is_an_error(client, leader, inspection, jane):
    client.force_login(leader)
    response = upload(client, inspection, xlsx([HEADINGS, *plan_rows(1)]))
    data = {f"column_{n}": "" for n in range(len(HEADINGS))} | {"column_2": "title", "column_3": "title"}
    response = client.post(response.request["PATH_INFO"], data)
    assert error_summary(response) == ["Choose Action for one column only"]


def test_the_preview_takes_a_bounded_number_of_queries(
    client, leader, inspection, jane, django_assert_max_num_queries
):
    client.force_login(leader)
    response = upload(client, inspection, xlsx([HEADINGS, *plan_rows(300)]))
    url = response.request["PATH_INFO"]
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert "300 actions in 150 improvement areas will be created" in main_text(response)


def test_another_leaders_upload_is_not_found(client, leader, inspection, jane, bromley):
    client.force_login(leader)
    url = upload(client, inspection, xlsx([HEADINGS, *plan_rows(1)])).request["PATH_INFO"]
    client.force_login(UserFactory(username="leader2", leader=True, local_authority=bromley))
    response = client.get(url)
    assert response.status_code == 404


def test_an_upload_older_than_a_day_is_gone(client, leader, inspection, jane):
    client.force_login(leader)
    url = upload(client, inspection, xlsx([HEADINGS, *plan_rows(1)])).request["PATH_INFO"]
    PendingImport.objects.update(uploaded_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    response = client.get(url)
    assert response.status_code == 404
