import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from actions.models import Status
from actions.services import create_action, import_action, record_progress, update_action
from inspections.models import Grade, InspectionKind
from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    JudgementAreaFactory,
    JudgementFactory,
    UserFactory,
)
from tests.html import headings, links, main_text, page_text, table_by_caption, table_records

# The board report's own and its scorecard's (four: the measures, their comparisons and values).
MAX_QUERIES = 13


def url(inspection):
    return f"/inspections/{inspection.pk}/board-report/"


def test_leaders_get_a_dated_report_for_the_inspection(client, leader, inspection):
    client.force_login(leader)
    response = client.get(url(inspection))
    html = response.content.decode()
    assert headings(response, 1) == [f"Board report, {timezone.localdate():%-d %B %Y}"]
    assert "Bromley: ILACS standard inspection, 5 to 16 November 2018" in main_text(response)
    # That the hint is left out of the printout is checked in the browser (tests/browser/test_board_report.py).
    assert "Use your browser's print command (Ctrl+P" in main_text(response)
    assert "<script>" not in html


def test_each_area_has_its_text_and_its_actions(client, leader, area, staff_user):
    area.text = "Ensure that return home interviews are offered to every child."
    area.save()
    ActionItemFactory(
        improvement_area=area,
        owner=staff_user,
        title="Audit return home interviews",
        status=Status.BLOCKED,
        due_date=datetime.date(2030, 3, 31),
    )
    client.force_login(leader)
    html = client.get(url(area.inspection)).content.decode()
    assert "1. Return home interviews</h2>" in html
    assert "Ensure that return home interviews are offered to every child." in html
    assert "Audit return home interviews" in html
    assert escape(str(staff_user)) in html and "31 March 2030" in html
    assert "Blocked" in html and ">Red<" in html


def test_each_action_shows_its_latest_progress_note_and_its_date(client, leader, action, staff_user):
    record_progress(
        action=action,
        author=staff_user,
        status=Status.IN_PROGRESS,
        note="Started the audit.",
        at=timezone.make_aware(datetime.datetime(2025, 2, 3, 10)),
    )
    record_progress(
        action=action,
        author=staff_user,
        status=Status.IN_PROGRESS,
        note="Waiting for police data.",
        at=timezone.make_aware(datetime.datetime(2025, 3, 4, 10)),
    )
    # A later update with no note does not hide the last one that says something.
    record_progress(
        action=action,
        author=staff_user,
        status=Status.IN_PROGRESS,
        note="",
        at=timezone.make_aware(datetime.datetime(2025, 3, 5, 10)),
    )
    client.force_login(leader)
    html = client.get(url(action.improvement_area.inspection)).content.decode()
    assert "Waiting for police data." in html and "(4 March 2025)" in html
    assert "Started the audit." not in html


def test_an_action_without_a_progress_note_says_so(client, leader, action):
    client.force_login(leader)
    [row] = table_records(table_by_caption(client.get(url(action.improvement_area.inspection)), "Actions"))
    assert row["Latest progress note"] == "No progress notes yet"


def test_what_the_tracker_wrote_on_creating_editing_or_reassigning_is_not_a_progress_note(
    client, leader, area, staff_user
):
    other = UserFactory(staff=True, local_authority=area.inspection.local_authority)
    action = create_action(
        improvement_area=area,
        owner=staff_user,
        created_by=leader,
        title="Audit return home interviews",
        due_date=datetime.date(2030, 1, 31),
    )
    update_action(
        action=action,
        author=leader,
        improvement_area=area,
        title=action.title,
        description="",
        owner=other,
        due_date=datetime.date(2030, 3, 31),
        success_measure="",
        due_date_reason="The case system changes in February",
    )
    client.force_login(leader)

    [row] = table_records(table_by_caption(client.get(url(area.inspection)), "Actions"))

    assert row["Latest progress note"] == "No progress notes yet"


def test_an_imported_actions_progress_update_from_its_plan_is_its_latest_note(client, leader, area, staff_user):
    import_action(
        improvement_area=area,
        owner=staff_user,
        imported_by=leader,
        source_name="plan.xlsx",
        title="Audit return home interviews",
        due_date=datetime.date(2030, 1, 31),
        status=Status.IN_PROGRESS,
        status_word="Green",
        progress_note="Audit tool agreed with the police.",
    )
    client.force_login(leader)

    [row] = table_records(table_by_caption(client.get(url(area.inspection)), "Actions"))

    assert row["Latest progress note"].startswith("Imported from plan.xlsx by ")
    assert "Status in the plan: Green. Audit tool agreed" in row["Latest progress note"]


def test_a_long_latest_note_is_shortened_with_a_link_to_the_whole_note(client, leader, action, staff_user):
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Police data awaited. " * 30)
    client.force_login(leader)
    response = client.get(url(action.improvement_area.inspection))
    [row] = table_records(table_by_caption(response, "Actions"))
    note = row["Latest progress note"]
    assert note.startswith("Police data awaited.") and note.endswith(
        f"… Read the full note ({timezone.localdate():%-d %B %Y})"
    )
    assert len(note) < 200
    assert ("Read the full note on Audit return home interviews", f"/actions/{action.pk}/#history") in links(response)


def test_the_summary_line_totals_the_actions_by_rag(client, leader, area):
    ActionItemFactory.create_batch(2, improvement_area=area, status=Status.BLOCKED)
    ActionItemFactory(improvement_area=area, status=Status.COMPLETED)
    ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS)
    client.force_login(leader)
    html = " ".join(client.get(url(area.inspection)).content.decode().split())
    assert "5 actions across 1 improvement area: 2 red, 1 amber, 1 green, 1 complete (20% signed off)." in html


def test_an_area_without_actions_says_so(client, leader, area):
    client.force_login(leader)
    html = client.get(url(area.inspection)).content.decode()
    assert "No actions planned yet." in html


def test_staff_cannot_see_the_board_report(client, staff_user, inspection):
    client.force_login(staff_user)
    assert client.get(url(inspection)).status_code == 403


def test_another_authoritys_inspection_is_not_found(client, other_leader, inspection):
    client.force_login(other_leader)
    assert client.get(url(inspection)).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_queries_are_bounded(client, leader, inspection, bromley, django_assert_max_num_queries, count):
    for _ in range(count):
        area = ImprovementAreaFactory(inspection=inspection)
        for status in (Status.IN_PROGRESS, Status.BLOCKED):
            action = ActionItemFactory(
                improvement_area=area,
                status=Status.NOT_STARTED,
                owner=UserFactory(staff=True, local_authority=bromley),
            )
            record_progress(action=action, author=leader, status=status, note="A note worth reading.")
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url(inspection))
    assert response.content.decode().count("A note worth reading.") == 2 * count


def test_the_summary_line_counts_overdue_actions(client, leader, area):
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, due_date=datetime.date(2020, 1, 1))
    client.force_login(leader)
    text = page_text(client.get(url(area.inspection)))
    assert (
        "1 action across 1 improvement area: 1 red, 0 amber, 0 green, 0 complete (0% signed off); 1 overdue." in text
    )


def test_each_action_shows_its_rating_and_an_overdue_flag_and_links_to_its_page(client, leader, area, staff_user):
    late = ActionItemFactory(
        improvement_area=area, owner=staff_user, title="Late audit", due_date=datetime.date(2020, 11, 26)
    )
    ActionItemFactory(
        improvement_area=area, owner=staff_user, title="Later survey", due_date=datetime.date(2099, 1, 1)
    )
    client.force_login(leader)
    response = client.get(url(area.inspection))
    table = table_by_caption(response, "Actions for improvement area 1")
    rows = table_records(table)
    assert [(row["RAG"], row["Action"], row["Due date"]) for row in rows] == [
        ("Red", "Late audit", "26 November 2020 Overdue"),
        ("Green", "Later survey", "1 January 2099"),
    ]
    assert table["rows"][1][1] == ("Late audit", late.get_absolute_url())


def test_each_area_has_a_rag_summary(client, leader, area):
    ActionItemFactory.create_batch(2, improvement_area=area, status=Status.BLOCKED)
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, due_date=datetime.date(2020, 1, 1))
    ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)
    other = ImprovementAreaFactory(inspection=area.inspection, number=2, short_title="Care leavers")
    ActionItemFactory(improvement_area=other, status=Status.COMPLETED)
    client.force_login(leader)
    text = page_text(client.get(url(area.inspection)))
    assert "1. Return home interviews" in text
    assert "RAG summary Red 3 Amber 0 Green 0 Complete 1 Overdue 1" in text
    assert "RAG summary Red 0 Amber 1 Green 0 Complete 0 Actions for improvement area 2" in text


def test_the_report_gives_the_inspections_judgements(client, leader, inspection, essex):
    JudgementFactory(
        inspection=inspection,
        area=JudgementAreaFactory(name="The experiences and progress of children in care"),
        grade=Grade.GOOD,
    )
    JudgementFactory(inspection=InspectionFactory(local_authority=essex), grade=Grade.INADEQUATE)
    client.force_login(leader)
    response = client.get(url(inspection))
    assert table_records(table_by_caption(response, "Ofsted's judgements")) == [
        {"Judgement": "The experiences and progress of children in care", "Grade": "Good"}
    ]
    assert "Inadequate" not in page_text(response)


def test_a_visit_that_is_not_graded_says_so(client, leader, bromley):
    visit = InspectionFactory(local_authority=bromley, kind=InspectionKind.FOCUSED_VISIT)
    client.force_login(leader)
    assert "Focused visits and monitoring visits are not graded." in page_text(client.get(url(visit)))


def test_the_report_explains_the_ratings_in_full(client, leader, action):
    client.force_login(leader)
    text = page_text(client.get(url(action.improvement_area.inspection)))
    assert "What the ratings mean Red Blocked, or overdue: not completed by its due date." in text
