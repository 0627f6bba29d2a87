"""Each audience's pack leaves out what it must: internal notes outside the Board's, and for the public every
staff name and every progress note. Checked over the whole text of the page."""

import datetime

import pytest

from deadlines import services as deadlines
from deadlines.models import MilestoneKind
from tests.board_packs import ALL_NOTES, INTERNAL_NOTE, PUBLIC_NOTE, TODAY, make_plan, pack_url
from tests.html import document, headings, links, main_text, page_text, table_by_caption, table_records


@pytest.fixture
def plan(area, leader, staff_user):
    area.senior_lead = leader
    area.save()
    plan = make_plan(area, leader, staff_user)
    deadlines.add_milestone(
        inspection=area.inspection,
        kind=MilestoneKind.SCRUTINY,
        due_on=TODAY + datetime.timedelta(days=20),
        author=leader,
    )
    return plan


def pack(client, leader, audience):
    client.force_login(leader)
    response = client.get(pack_url(audience))
    assert response.status_code == 200
    return response


def latest_notes(response):
    rows = table_records(table_by_caption(response, "Actions for improvement area 1"))
    return {row["Action"]: row["Latest progress note"] for row in rows}


def test_the_board_sees_everything_internal_notes_and_names_included(client, leader, staff_user, plan):
    response = pack(client, leader, "board")
    assert latest_notes(response)["Audit return home interviews"].startswith(INTERNAL_NOTE)
    text = page_text(response)
    assert str(staff_user) in text and f"senior lead: {leader}" in text


@pytest.mark.parametrize("audience", ["scrutiny", "dfe", "public"])
def test_no_audience_but_the_board_sees_an_internal_note(client, leader, plan, audience):
    assert INTERNAL_NOTE not in page_text(pack(client, leader, audience))


def test_scrutiny_sees_the_latest_note_that_is_not_internal(client, leader, staff_user, plan):
    response = pack(client, leader, "scrutiny")
    assert latest_notes(response)["Audit return home interviews"].startswith(PUBLIC_NOTE)
    assert str(staff_user) in page_text(response)


def test_the_department_and_ofsted_see_the_statutory_deadlines_only(client, leader, plan):
    response = pack(client, leader, "dfe")
    assert headings(response, 1) == ["Pack for the Department for Education and Ofsted"]
    rows = table_records(table_by_caption(response, "Ofsted's statutory deadlines"))
    assert [row["Deadline or meeting"] for row in rows] == ["Final action plan to Ofsted"]


def test_the_board_sees_the_governance_meetings_too(client, leader, plan):
    rows = table_records(table_by_caption(pack(client, leader, "board"), "Ofsted's deadlines and the plan's"))
    assert [row["Deadline or meeting"] for row in rows] == ["Final action plan to Ofsted", "Scrutiny committee"]


def test_the_public_version_has_no_staff_names_and_no_notes(client, leader, staff_user, plan):
    response = pack(client, leader, "public")
    # The page's header names whoever is signed in; the pack is the main content.
    text = main_text(response)
    for name in (str(staff_user), str(leader), leader.last_name, staff_user.last_name):
        assert name not in text
    for note in ALL_NOTES:
        assert note not in text
    table = table_by_caption(response, "Actions for improvement area 1")
    assert [header for header, _href in table["rows"][0]] == ["RAG", "Action", "Due date", "Status"]


def test_the_public_version_links_to_no_page_behind_the_sign_in(client, leader, plan):
    response = pack(client, leader, "public")
    hrefs = [href for _text, href in links(document(response).find("main"))]
    assert not [href for href in hrefs if href.startswith(("/actions/", "/areas/", "/measures/"))]


def test_the_public_version_sums_up_each_area_in_plain_english(client, leader, plan):
    text = page_text(pack(client, leader, "public"))
    assert "The council has planned 3 actions here: 1 is finished and checked and 2 are late or held up." in text
