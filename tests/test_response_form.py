"""The "Record Ofsted's response" page of a submitted plan."""

import datetime

import pytest

from deadlines import services
from deadlines.models import Milestone, MilestoneKind, OfstedResponse
from tests.html import error_summary, field_error, section, summary_rows

MAX_QUERIES = 14


@pytest.fixture
def submitted(inspection, leader):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    plan = Milestone.objects.get(inspection=inspection, kind=MilestoneKind.FINAL_PLAN)
    services.record_submission(milestone=plan, submitted_on=datetime.date(2019, 4, 11), author=leader)
    return plan


def url(milestone):
    return f"/milestones/{milestone.pk}/response/"


def data(response, day="2", month="5", year="2019", note=""):
    return {
        "response": response,
        "responded_on_0": day,
        "responded_on_1": month,
        "responded_on_2": year,
        "note": note,
    }


def test_a_leader_records_that_ofsted_accepted_the_plan(client, leader, submitted):
    client.force_login(leader)
    html = client.post(url(submitted), data(OfstedResponse.ACCEPTED), follow=True).content.decode()
    assert "Ofsted&#x27;s response recorded" in html
    value, links = summary_rows(section(html, "deadlines"))["Final action plan to Ofsted"]
    assert value.endswith("Ofsted accepted on 2 May 2019")
    assert links == []


def test_asking_for_changes_needs_a_note_beside_the_field(client, leader, submitted):
    client.force_login(leader)
    html = client.post(url(submitted), data(OfstedResponse.CHANGES_REQUESTED)).content.decode()
    assert field_error(html, "note") == "Enter what Ofsted asked to change"
    submitted.refresh_from_db()
    assert submitted.response == ""


def test_an_over_long_note_gives_only_that_error(client, leader, submitted):
    client.force_login(leader)
    response = client.post(url(submitted), data(OfstedResponse.CHANGES_REQUESTED, note="x" * 10_000))
    assert error_summary(response) == ["What Ofsted asked to change must be 5,000 characters or fewer"]
    submitted.refresh_from_db()
    assert submitted.response == ""


def test_a_response_before_the_submission_is_refused_beside_the_field(client, leader, submitted):
    client.force_login(leader)
    html = client.post(url(submitted), data(OfstedResponse.ACCEPTED, day="10", month="4")).content.decode()
    assert field_error(html, "responded_on") == (
        "Date of the response must be on or after the date it was submitted (11 April 2019)"
    )
    submitted.refresh_from_db()
    assert submitted.response == ""


def test_no_answer_is_refused(client, leader, submitted):
    client.force_login(leader)
    html = client.post(url(submitted), data("")).content.decode()
    assert "Select Ofsted&#x27;s response" in html


def test_a_plan_not_yet_submitted_has_no_response_to_record(client, leader, inspection):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    plan = Milestone.objects.get(inspection=inspection)
    client.force_login(leader)
    response = client.get(url(plan), follow=True)
    assert "Record the submission to Ofsted first." in response.content.decode()


def test_staff_may_not_record_the_response(client, staff_user, submitted):
    client.force_login(staff_user)
    assert client.post(url(submitted), data(OfstedResponse.ACCEPTED)).status_code == 403


def test_queries_are_bounded(client, leader, submitted, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url(submitted)).status_code == 200
