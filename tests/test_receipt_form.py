"""The "When did the council receive the report?" page."""

import pytest

from deadlines.models import Milestone, MilestoneEvent, ReportReceipt
from tests.html import field_error

MAX_QUERIES = 14


def url(inspection):
    return f"/inspections/{inspection.pk}/date-received/"


def date(day, month, year):
    return {"received_on_0": day, "received_on_1": month, "received_on_2": year}


def test_a_leader_records_the_date_and_sees_the_deadline(client, leader, inspection):
    client.force_login(leader)
    response = client.post(url(inspection), date("7", "1", "2019"), follow=True)
    assert response.redirect_chain == [(f"/inspections/{inspection.pk}/#deadlines", 302)]
    html = response.content.decode()
    assert "Date received saved and deadlines worked out" in html
    assert "15 April 2019" in html
    assert Milestone.objects.get(inspection=inspection).events.count() == 1


def test_the_page_asks_one_question(client, leader, inspection):
    client.force_login(leader)
    html = client.get(url(inspection)).content.decode()
    assert "When did the council receive the report?" in html
    assert "Save date received" in html


def test_a_date_before_the_inspection_ended_is_refused_beside_the_field(client, leader, inspection):
    client.force_login(leader)
    response = client.post(url(inspection), date("10", "11", "2018"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    message = "Date received must be on or after the inspection ended (16 November 2018)"
    assert field_error(html, "received_on") == message
    assert html.count(message) == 2  # beside the field and in the summary
    assert not ReportReceipt.objects.exists()
    assert not MilestoneEvent.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (date("", "", ""), "Enter a date received"),
        (date("31", "2", "2019"), "Date received must be a real date"),
        (date("7", "", "2019"), "Date received must include a month"),
    ],
)
def test_a_missing_or_impossible_date_is_refused(client, leader, inspection, data, message):
    client.force_login(leader)
    html = client.post(url(inspection), data).content.decode()
    assert field_error(html, "received_on") == message
    assert not ReportReceipt.objects.exists()


def test_staff_may_not_record_the_date(client, staff_user, inspection):
    client.force_login(staff_user)
    assert client.post(url(inspection), date("7", "1", "2019")).status_code == 403
    assert not ReportReceipt.objects.exists()


def test_another_authoritys_leader_gets_not_found(client, other_leader, inspection):
    client.force_login(other_leader)
    assert client.get(url(inspection)).status_code == 404


def test_queries_are_bounded(client, leader, inspection, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url(inspection)).status_code == 200
