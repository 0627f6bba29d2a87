"""The dashboard's Next deadlines: the authority's milestones still to come or still to meet."""

import datetime

import pytest
from django.utils import timezone

from deadlines import services
from deadlines.models import Milestone, MilestoneKind
from tests.factories import InspectionFactory
from tests.html import document, section, summary_rows
from tests.test_dashboard import MAX_QUERIES

URL = "/dashboard/"


def next_deadlines(client):
    return summary_rows(section(client.get(URL).content.decode(), "next-deadlines"))


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_with_no_deadlines_it_says_where_they_come_from(client, leader):
    client.force_login(leader)
    html = section(client.get(URL).content.decode(), "next-deadlines")
    assert "No deadlines are coming up." in html


def test_the_next_deadlines_come_earliest_first_with_the_overdue_plan(client, leader, inspection):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    for kind, days in [(MilestoneKind.CABINET, 40), (MilestoneKind.IMPROVEMENT_BOARD, 10)]:
        services.add_milestone(inspection=inspection, kind=kind, due_on=in_days(days), author=leader)
    # A meeting that has passed is not a next deadline.
    services.add_milestone(inspection=inspection, kind=MilestoneKind.SCRUTINY, due_on=in_days(-3), author=leader)
    client.force_login(leader)
    rows = next_deadlines(client)
    assert list(rows) == [
        f"Final action plan to Ofsted {inspection.title}",
        f"Improvement board meeting {inspection.title}",
        f"Cabinet {inspection.title}",
    ]
    assert rows[f"Final action plan to Ofsted {inspection.title}"][0].startswith("15 April 2019 Overdue by")


def test_a_submitted_plan_is_no_longer_a_next_deadline(client, leader, inspection):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    plan = Milestone.objects.get(inspection=inspection)
    services.record_submission(milestone=plan, submitted_on=datetime.date(2019, 4, 11), author=leader)
    client.force_login(leader)
    assert next_deadlines(client) == {}


def test_another_authoritys_deadlines_are_not_shown(client, leader, other_leader, essex):
    theirs = InspectionFactory(local_authority=essex)
    services.add_milestone(inspection=theirs, kind=MilestoneKind.CABINET, due_on=in_days(5), author=other_leader)
    client.force_login(leader)
    assert next_deadlines(client) == {}


def test_it_links_to_the_intervention_register(client, leader):
    client.force_login(leader)
    assert 'href="/interventions/">Government intervention and support</a>' in client.get(URL).content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_queries_are_bounded(client, leader, bromley, django_assert_max_num_queries, count):
    for n in range(count):
        inspection = InspectionFactory(local_authority=bromley)
        services.record_receipt(inspection=inspection, received_on=inspection.end_date, author=leader)
        services.add_milestone(inspection=inspection, kind=MilestoneKind.CABINET, due_on=in_days(n), author=leader)
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL)
    # One term (the milestone) for each deadline shown.
    shown = len(document(section(response.content.decode(), "next-deadlines")).find_all("dt"))
    assert shown == min(count * 2, 5)
