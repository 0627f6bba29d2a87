"""The board pack as a web page: cover, contents, summary with the movement since a date, exceptions first, each
improvement area with its actions and measures, and what was completed and signed off in the period."""

import datetime

import pytest
from django.utils.formats import date_format

from tests.board_packs import PUBLIC_NOTE, SINCE, TODAY, days_ago, make_plan, pack_url
from tests.factories import ActionItemFactory, ImprovementAreaFactory, InspectionFactory
from tests.html import (
    document,
    error_summary,
    headings,
    links,
    main_text,
    summary_list,
    table_by_caption,
    table_records,
)

# The pack's own reads (inspections, areas, actions, progress now and then, completions, milestones and the
# calendar) and its measures' (four), whatever the number of actions.
MAX_QUERIES = 17


@pytest.fixture
def plan(area, leader, staff_user):
    return make_plan(area, leader, staff_user)


def test_the_cover_names_the_authority_audience_period_and_when_it_was_produced(client, leader, plan):
    client.force_login(leader)
    response = client.get(pack_url("board"))
    assert headings(response, 1) == ["Improvement board pack"]
    cover = summary_list(response)
    assert cover["Local authority"] == "Bromley"
    assert cover["For"] == "Improvement board"
    assert cover["Covers"] == "The whole authority's plan"
    assert cover["Period"] == f"Changes since {date_format(SINCE)}, to {date_format(TODAY)}"
    assert cover["Produced"].startswith(date_format(TODAY))


def test_the_contents_link_to_every_part_and_area(client, leader, plan, area):
    client.force_login(leader)
    response = client.get(pack_url("board"))
    contents = links(document(response).find("nav", **{"aria-labelledby": "contents"}))
    assert [text for text, _href in contents] == [
        "Summary",
        "Exceptions",
        area.inspection.title,
        "1. Return home interviews",
        "Completed and signed off",
        "Deadlines",
    ]
    assert ("1. Return home interviews", f"#area-{area.pk}") in contents


def test_the_summary_gives_each_rating_on_the_changes_since_date_and_now_with_the_movement(client, leader, plan):
    client.force_login(leader)
    response = client.get(pack_url("board"))
    rows = table_records(table_by_caption(response, "Actions by RAG rating"))
    then = f"On {date_format(SINCE)}"
    assert [(row["Rating"], row[then], row["Now"], row["Movement"]) for row in rows] == [
        ("Red", "0", "2", "+2"),
        ("Amber", "1", "0", "−1"),
        ("Green", "2", "0", "−2"),
        ("Complete", "0", "1", "+1"),
        ("All actions", "3", "3", "No change"),
    ]


def test_an_action_created_since_counts_only_now(client, leader, plan, area, staff_user):
    ActionItemFactory(improvement_area=area, owner=staff_user, created_at=days_ago(5))
    client.force_login(leader)
    rows = table_records(table_by_caption(client.get(pack_url("board")), "Actions by RAG rating"))
    total = rows[-1]
    assert (total["Rating"], total[f"On {date_format(SINCE)}"], total["Now"]) == ("All actions", "3", "4")


def test_exceptions_come_first_overdue_blocked_off_track_and_missed_deadlines(client, leader, plan):
    client.force_login(leader)
    response = client.get(pack_url("board"))
    titles = headings(response, 2)
    assert titles.index("Exceptions") < titles.index(plan["audit"].improvement_area.inspection.title)
    [overdue] = table_records(table_by_caption(response, "Overdue actions"))
    assert overdue["Action"] == "Train staff on missing episodes"
    [blocked] = table_records(table_by_caption(response, "Blocked actions"))
    assert blocked["Action"] == "Audit return home interviews"
    [off_track] = table_records(table_by_caption(response, "Measures off track"))
    assert off_track["Measure"] == "Return home interviews offered within 72 hours"
    [missed] = table_records(table_by_caption(response, "Missed deadlines"))
    assert missed["Deadline or meeting"] == "Final action plan to Ofsted"
    assert missed["Where it stands"].startswith("Overdue by")


def test_each_area_has_its_verbatim_text_actions_with_their_latest_note_and_its_measures(client, leader, plan, area):
    area.text = "Ensure that every child who goes missing is offered a return home interview."
    area.save()
    client.force_login(leader)
    response = client.get(pack_url("scrutiny"))
    assert "Ensure that every child who goes missing is offered a return home interview." in main_text(response)
    rows = {row["Action"]: row for row in table_records(table_by_caption(response, "Actions for improvement area 1"))}
    audit = rows["Audit return home interviews"]
    assert (audit["RAG"], audit["Status"]) == ("Red", "Blocked")
    assert audit["Owner"] == str(plan["audit"].owner)
    assert audit["Latest progress note"].startswith(PUBLIC_NOTE)
    measures = table_records(table_by_caption(response, "Measures for improvement area Return home interviews"))
    assert [(row["Measure"], row["Rating"]) for row in measures] == [
        ("Return home interviews offered within 72 hours", "Off track")
    ]
    assert "Return home interviews offered within 72 hours: Off track" in headings(response, 5)
    assert document(response).find("svg", role="img")


def test_what_was_completed_and_signed_off_in_the_period(client, leader, plan):
    client.force_login(leader)
    response = client.get(pack_url("board"))
    rows = table_records(table_by_caption(response, "Actions completed or signed off"))
    assert [(row["Action"], row["What happened"], row["When"], row["By"]) for row in rows] == [
        ("Publish a guide for families", "Signed off", date_format(days_ago(3).date()), str(leader))
    ]


def test_changes_since_an_earlier_date_counts_the_completion_before_it(client, leader, plan):
    client.force_login(leader)
    response = client.get(pack_url("board", since=TODAY - datetime.timedelta(days=45)))
    rows = table_records(table_by_caption(response, "Actions completed or signed off"))
    assert [row["What happened"] for row in rows] == ["Completed", "Signed off"]


def test_one_inspection_only(client, leader, plan, bromley):
    other = ImprovementAreaFactory(
        inspection=InspectionFactory(local_authority=bromley, start_date=datetime.date(2023, 1, 9))
    )
    ActionItemFactory(improvement_area=other, title="Another inspection's action")
    client.force_login(leader)
    response = client.get(pack_url("board", inspections=[plan["audit"].improvement_area.inspection]))
    assert summary_list(response)["Covers"] == plan["audit"].improvement_area.inspection.title
    assert "Another inspection's action" not in main_text(response)
    assert "Audit return home interviews" in main_text(response)


def test_the_pack_downloads_as_a_pdf_with_the_same_choices(client, leader, plan):
    client.force_login(leader)
    url = pack_url("scrutiny")
    response = client.get(url)
    assert ("Download as PDF", url.replace("/board-packs/?", "/board-packs/pdf/?")) in links(response)


def test_nothing_planned_yet_says_so(client, leader, bromley):
    client.force_login(leader)
    response = client.get(pack_url("board"))
    assert "No actions have been planned yet." in main_text(response)
    assert "No inspections with improvement areas have been recorded yet." in main_text(response)
    assert "No actions were completed or signed off in this period." in main_text(response)


def test_a_bad_date_is_shown_on_the_form_with_its_error(client, leader, plan):
    client.force_login(leader)
    response = client.get("/board-packs/?audience=board&since_0=31&since_1=2&since_2=2026")
    assert headings(response, 1) == ["Create a board pack"]
    assert error_summary(response) == ["Changes since must be a real date"]


def test_no_date_is_asked_for_in_words(client, leader, plan):
    client.force_login(leader)
    response = client.get("/board-packs/?audience=board")
    assert error_summary(response) == ["Enter the date to show changes since"]


def test_a_date_in_the_future_is_refused(client, leader, plan):
    client.force_login(leader)
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = client.get(pack_url("board", since=tomorrow))
    assert error_summary(response) == ["Changes since must be today or in the past"]


def test_no_audience_is_refused(client, leader, plan):
    client.force_login(leader)
    response = client.get(pack_url("nobody"))
    assert error_summary(response) == ["Select who the pack is for"]


def test_another_authoritys_inspection_cannot_be_chosen(client, other_leader, plan, area):
    client.force_login(other_leader)
    response = client.get(pack_url("board", inspections=[area.inspection]))
    assert error_summary(response) == ["Select inspections from the list"]


def test_another_authority_sees_nothing_of_this_one(client, other_leader, plan):
    client.force_login(other_leader)
    text = main_text(client.get(pack_url("board")))
    assert "Audit return home interviews" not in text
    assert "Essex" in text


def test_staff_cannot_make_board_packs(client, staff_user, plan):
    client.force_login(staff_user)
    assert client.get(pack_url("board")).status_code == 403


@pytest.mark.parametrize("audience", ["board", "scrutiny", "dfe", "public"])
def test_the_queries_do_not_grow_with_the_actions(
    client, leader, plan, area, staff_user, audience, django_assert_max_num_queries
):
    ActionItemFactory.create_batch(30, improvement_area=area, owner=staff_user)
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(pack_url(audience))
    assert response.status_code == 200
