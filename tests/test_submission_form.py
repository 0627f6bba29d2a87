"""The "When was it submitted?" page of an Ofsted deadline."""

import datetime

import pytest

from deadlines import services
from deadlines.models import Intervention, InterventionKind, Milestone, MilestoneKind
from tests.html import field_error, section, summary_rows

MAX_QUERIES = 14


@pytest.fixture
def plan(inspection, leader):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    return Milestone.objects.get(inspection=inspection, kind=MilestoneKind.FINAL_PLAN)


def url(milestone):
    return f"/milestones/{milestone.pk}/submission/"


def date(day, month, year):
    return {"submitted_on_0": day, "submitted_on_1": month, "submitted_on_2": year}


def test_a_leader_records_a_submission_and_the_tag_changes(client, leader, plan):
    client.force_login(leader)
    response = client.post(url(plan), date("11", "4", "2019"), follow=True)
    html = response.content.decode()
    assert "Submission recorded" in html
    value, _ = summary_rows(section(html, "deadlines"))["Final action plan to Ofsted"]
    assert value == "15 April 2019 Submitted on 11 April 2019, 2 working days early Waiting for Ofsted's response."


def test_a_submission_before_the_report_was_received_is_refused_beside_the_field(client, leader, plan):
    client.force_login(leader)
    html = client.post(url(plan), date("4", "1", "2019")).content.decode()
    assert "There is a problem" in html
    assert field_error(html, "submitted_on") == (
        "Date submitted must be on or after the date the report was received (7 January 2019)"
    )
    plan.refresh_from_db()
    assert plan.submitted_on is None


def test_an_empty_date_is_refused(client, leader, plan):
    client.force_login(leader)
    html = client.post(url(plan), date("", "", "")).content.decode()
    assert field_error(html, "submitted_on") == "Enter a date submitted"


def test_a_meeting_has_no_submission_to_record(client, leader, inspection):
    meeting = services.add_milestone(
        inspection=inspection, kind=MilestoneKind.CABINET, due_on=datetime.date(2019, 2, 1), author=leader
    )
    client.force_login(leader)
    response = client.get(url(meeting), follow=True)
    assert "There is no submission to record for this milestone." in response.content.decode()


def test_staff_may_not_record_a_submission(client, staff_user, plan):
    client.force_login(staff_user)
    assert client.post(url(plan), date("11", "4", "2019")).status_code == 403


def test_another_authoritys_leader_gets_not_found(client, other_leader, plan):
    client.force_login(other_leader)
    assert client.get(url(plan)).status_code == 404


def test_queries_are_bounded(client, leader, plan, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url(plan)).status_code == 200


def test_an_interventions_report_is_recorded_from_the_register(client, leader, bromley):
    intervention = Intervention(
        local_authority=bromley,
        kind=InterventionKind.IMPROVEMENT_NOTICE,
        started_on=datetime.date(2019, 1, 7),
        next_report_due=datetime.date(2019, 4, 8),
    )
    services.save_intervention(intervention=intervention, author=leader)
    report = Milestone.objects.get(intervention=intervention)
    client.force_login(leader)
    response = client.post(url(report), date("5", "4", "2019"), follow=True)
    assert response.redirect_chain == [("/interventions/", 302)]
    assert "Improvement notice: 8 April 2019, submitted on 5 April 2019" in response.content.decode()
