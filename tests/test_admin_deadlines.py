"""The admin's closure days and intervention register: changes go through deadlines.services."""

import datetime

import pytest

from deadlines import services
from deadlines.models import ClosureDay, Intervention, Milestone, MilestoneKind


@pytest.fixture
def plan(inspection, leader):
    services.record_receipt(inspection=inspection, received_on=datetime.date(2019, 1, 7), author=leader)
    return Milestone.objects.get(inspection=inspection, kind=MilestoneKind.FINAL_PLAN)


def closure_data(bromley, day="2019-03-01", name="Council closure day"):
    return {"local_authority": bromley.pk, "date": day, "name": name}


def test_a_closure_day_added_in_the_admin_moves_the_councils_deadline(client, administrator, bromley, plan):
    client.force_login(administrator)
    response = client.post("/admin/deadlines/closureday/add/", closure_data(bromley))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.due_on == datetime.date(2019, 4, 16)  # a day later than 15 April
    assert "moved for Council closure day, 1 March 2019" in plan.events.last().note


def test_deleting_a_closure_day_in_the_admin_moves_the_deadline_back(client, administrator, bromley, plan):
    closure = services.save_closure_day(
        closure=ClosureDay(local_authority=bromley, date=datetime.date(2019, 3, 1), name="Closed"), author=None
    )
    client.force_login(administrator)
    client.post(f"/admin/deadlines/closureday/{closure.pk}/delete/", {"post": "yes"})
    plan.refresh_from_db()
    assert plan.due_on == datetime.date(2019, 4, 15)


def test_the_same_closure_day_twice_is_refused(client, administrator, bromley):
    client.force_login(administrator)
    client.post("/admin/deadlines/closureday/add/", closure_data(bromley))
    response = client.post("/admin/deadlines/closureday/add/", closure_data(bromley, name="Again"))
    assert response.status_code == 200
    assert "This council already has a closure day on this date." in response.content.decode()
    assert ClosureDay.objects.count() == 1


def intervention_data(bromley, **overrides):
    data = {
        "local_authority": bromley.pk,
        "kind": "improvement_notice",
        "inspection": "",
        "who": "",
        "requires": "Quarterly progress reports to the Department.",
        "next_report_due": "",
        "started_on": "2019-06-03",
        "started_precision": "day",
        "ended_on": "",
        "ended_precision": "day",
        "end_reason": "",
        "source": "",
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_an_intervention_that_ends_before_it_starts_is_refused_beside_the_end_date(client, administrator, bromley):
    client.force_login(administrator)
    response = client.post("/admin/deadlines/intervention/add/", intervention_data(bromley, ended_on="2019-06-02"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {"ended_on": ["The end date must be the same as or after the start date."]}
    assert not Intervention.objects.exists()


def test_an_interventions_next_report_becomes_a_milestone(client, administrator, bromley):
    client.force_login(administrator)
    response = client.post(
        "/admin/deadlines/intervention/add/", intervention_data(bromley, next_report_due="2019-09-02")
    )
    assert response.status_code == 302
    report = Milestone.objects.get(kind=MilestoneKind.INTERVENTION_REPORT)
    assert (report.due_on, report.local_authority) == (datetime.date(2019, 9, 2), bromley)
    assert report.name == "Progress report to the Department for Education: Improvement notice"


def test_moving_and_clearing_the_next_report_moves_and_removes_its_milestone(leader, bromley):
    intervention = Intervention(
        local_authority=bromley,
        kind="dfe_adviser",
        started_on=datetime.date(2019, 6, 3),
        next_report_due=datetime.date(2019, 9, 2),
    )
    services.save_intervention(intervention=intervention, author=leader)
    intervention.next_report_due = datetime.date(2019, 9, 9)
    services.save_intervention(intervention=intervention, author=leader)
    assert Milestone.objects.get().due_on == datetime.date(2019, 9, 9)
    intervention.next_report_due = None
    services.save_intervention(intervention=intervention, author=leader)
    assert not Milestone.objects.exists()
