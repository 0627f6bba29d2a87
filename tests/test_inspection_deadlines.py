"""The inspection page's Deadlines section: the date received, Ofsted's deadlines and the plan's milestones."""

import datetime

import pytest
from django.utils import timezone

from deadlines import services
from deadlines.models import Intervention, InterventionKind, Milestone, MilestoneKind, OfstedResponse
from deadlines.working_days import add_working_days, working_days_between
from inspections.models import ImprovementKind, InspectionKind
from tests.factories import ImprovementAreaFactory, InspectionFactory
from tests.html import section, summary_rows

MAX_QUERIES = 13  # as tests/test_inspection_detail.py: the page's 8 and the section's 5


def url(inspection):
    return f"/inspections/{inspection.pk}/"


def deadlines(client, inspection):
    return summary_rows(section(client.get(url(inspection)).content.decode(), "deadlines"))


def received_for_due_in(working_days):
    """A receipt date whose final plan falls due `working_days` working days from today."""
    today = timezone.localdate()
    day = today
    while working_days_between(today, add_working_days(day, 70)) > working_days:
        day -= datetime.timedelta(days=1)
    return day


@pytest.fixture
def received(inspection, leader):
    """The final plan is due in 10 working days."""
    day = received_for_due_in(10)
    services.record_receipt(inspection=inspection, received_on=day, author=leader)
    return day


def test_before_the_date_received_it_says_what_ofsted_expects(client, staff_user, inspection):
    client.force_login(staff_user)
    html = section(client.get(url(inspection)).content.decode(), "deadlines")
    assert "Ofsted expects the final action plan 70 working days after the council receives the report" in html
    assert summary_rows(html) == {"Report received": ("Not recorded", [])}


def test_a_leader_is_offered_to_record_the_date_received(client, leader, inspection):
    client.force_login(leader)
    assert deadlines(client, inspection)["Report received"] == ("Not recorded", ["Record the date received"])


def test_the_final_plan_shows_its_due_date_and_working_days_to_go(client, staff_user, inspection, received):
    client.force_login(staff_user)
    rows = deadlines(client, inspection)
    due = Milestone.objects.get(inspection=inspection).due_on
    assert rows["Report received"][0] == f"{received.day} {received:%B %Y}"
    assert rows["Final action plan to Ofsted"] == (f"{due.day} {due:%B %Y} Due in 10 working days", [])


def test_a_deadline_within_five_working_days_shows_the_days_left(client, staff_user, inspection, leader):
    services.record_receipt(inspection=inspection, received_on=received_for_due_in(3), author=leader)
    client.force_login(staff_user)
    # Its colour is the status's (deadlines/tests/test_deadline_status.py); the page shows the tag's words.
    value, _ = deadlines(client, inspection)["Final action plan to Ofsted"]
    assert value.endswith(" Due in 3 working days")


def test_an_overdue_deadline_says_by_how_much(client, staff_user, inspection, leader):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    client.force_login(staff_user)
    value, _ = deadlines(client, inspection)["Final action plan to Ofsted"]
    assert value.startswith("15 April 2019 Overdue by ")


def test_a_submitted_plan_and_ofsteds_response_are_shown(client, leader, inspection):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    plan = Milestone.objects.get(inspection=inspection)
    services.record_submission(milestone=plan, submitted_on=datetime.date(2019, 4, 11), author=leader)
    services.record_response(
        milestone=plan,
        response=OfstedResponse.CHANGES_REQUESTED,
        responded_on=datetime.date(2019, 5, 1),
        note="Say who leads recommendation 3.",
        author=leader,
    )
    client.force_login(leader)
    value, links = deadlines(client, inspection)["Final action plan to Ofsted"]
    # Due Monday 15 April 2019; sent Thursday the 11th.
    assert value == (
        "15 April 2019 Submitted on 11 April 2019, 2 working days early "
        "Ofsted asked for changes on 1 May 2019: Say who leads recommendation 3."
    )
    assert links == ["Record a new submission", "Record Ofsted's response"]


def test_a_focused_visit_with_priority_actions_shows_the_early_draft_first(client, staff_user, bromley, leader):
    visit = InspectionFactory(
        local_authority=bromley,
        kind=InspectionKind.FOCUSED_VISIT,
        start_date=datetime.date(2021, 9, 14),
        end_date=datetime.date(2021, 9, 15),
    )
    ImprovementAreaFactory(inspection=visit, kind=ImprovementKind.AREA_FOR_PRIORITY_ACTION)
    services.record_receipt(inspection=visit, received_on=datetime.date(2021, 10, 19), author=leader)
    client.force_login(staff_user)
    rows = deadlines(client, visit)
    assert list(rows) == ["Report received", "Early draft of the action plan to Ofsted", "Final action plan to Ofsted"]
    assert rows["Early draft of the action plan to Ofsted"][0].startswith("16 November 2021 Overdue by")
    assert rows["Final action plan to Ofsted"][0].startswith("28 January 2022 Overdue by")


def test_a_focused_visit_without_priority_actions_has_no_deadline(client, staff_user, bromley):
    visit = InspectionFactory(local_authority=bromley, kind=InspectionKind.FOCUSED_VISIT)
    client.force_login(staff_user)
    html = section(client.get(url(visit)).content.decode(), "deadlines")
    assert "Ofsted sets no action plan deadline after this focused visit." in html


def test_governance_milestones_are_listed_by_date(client, staff_user, inspection, leader):
    services.add_milestone(
        inspection=inspection,
        kind=MilestoneKind.SCRUTINY,
        due_on=datetime.date(2019, 3, 5),
        description="Children's scrutiny",
        author=leader,
    )
    client.force_login(staff_user)
    assert deadlines(client, inspection)["Scrutiny committee: Children's scrutiny"] == ("5 March 2019 Passed", [])


def test_the_inspection_links_to_the_intervention_it_led_to(client, staff_user, inspection, bromley):
    Intervention.objects.create(
        local_authority=bromley,
        kind=InterventionKind.STATUTORY_DIRECTION,
        inspection=inspection,
        started_on=datetime.date(2016, 6, 1),
    )
    client.force_login(staff_user)
    html = section(client.get(url(inspection)).content.decode(), "deadlines")
    assert "Government intervention after this inspection:" in html
    assert 'href="/interventions/#intervention-' in html


def test_leaders_are_offered_an_action_due_by_the_final_plans_deadline(client, leader, inspection):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    client.force_login(leader)
    html = section(client.get(url(inspection)).content.decode(), "deadlines")
    assert 'href="/actions/new/?due=2019-04-15">Add an action due by the final plan\'s deadline</a>' in html


@pytest.mark.parametrize("count", [1, 12])
def test_queries_are_bounded(client, leader, bromley, django_assert_max_num_queries, count):
    visit = InspectionFactory(local_authority=bromley, kind=InspectionKind.FOCUSED_VISIT)
    ImprovementAreaFactory(inspection=visit, kind=ImprovementKind.AREA_FOR_PRIORITY_ACTION)
    services.record_receipt(inspection=visit, received_on=visit.end_date, author=leader)
    for n in range(count):
        services.add_milestone(
            inspection=visit,
            kind=MilestoneKind.IMPROVEMENT_BOARD,
            due_on=visit.end_date + datetime.timedelta(days=30 * (n + 1)),
            author=leader,
        )
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url(visit))
    assert response.content.decode().count("Improvement board meeting") == count
