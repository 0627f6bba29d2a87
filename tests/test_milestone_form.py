"""The "Add a milestone" page: the plan's own governance milestones."""

import pytest

from deadlines.models import Milestone, MilestoneKind
from tests.html import field_error, section, summary_rows

MAX_QUERIES = 14


def url(inspection):
    return f"/inspections/{inspection.pk}/milestones/new/"


def data(kind=MilestoneKind.IMPROVEMENT_BOARD, description="Quarter 3 review", day="20", month="3", year="2019"):
    return {"kind": kind, "description": description, "due_on_0": day, "due_on_1": month, "due_on_2": year}


def test_a_leader_adds_a_board_meeting_and_sees_it_in_the_deadlines(client, leader, inspection):
    client.force_login(leader)
    html = client.post(url(inspection), data(), follow=True).content.decode()
    assert "Milestone added" in html
    rows = summary_rows(section(html, "deadlines"))
    assert rows["Improvement board meeting: Quarter 3 review"] == ("20 March 2019 Passed", [])


def test_the_page_offers_only_the_plans_own_kinds(client, leader, inspection):
    client.force_login(leader)
    html = client.get(url(inspection)).content.decode()
    for label in ["Improvement board meeting", "Scrutiny committee", "Cabinet", "Annual self-evaluation"]:
        assert label in html
    assert "Final action plan to Ofsted" not in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select a kind of milestone"),
        ({"kind": MilestoneKind.FINAL_PLAN}, "kind", "Select a kind of milestone"),
        ({"day": "", "month": "", "year": ""}, "due_on", "Enter a date"),
        ({"description": "x" * 201}, "description", "Description must be 200 characters or fewer"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, leader, inspection, fields, field, message):
    client.force_login(leader)
    html = client.post(url(inspection), data(**fields)).content.decode()
    assert "There is a problem" in html
    assert field_error(html, field) == message
    assert not Milestone.objects.exists()


def test_staff_may_not_add_milestones(client, staff_user, inspection):
    client.force_login(staff_user)
    assert client.post(url(inspection), data()).status_code == 403
    assert not Milestone.objects.exists()


def test_queries_are_bounded(client, leader, inspection, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url(inspection)).status_code == 200
