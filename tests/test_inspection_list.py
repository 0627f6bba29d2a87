import datetime

import pytest
from django.utils import timezone

from actions.models import Status
from inspections.models import Grade, InspectionKind
from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    JudgementAreaFactory,
    JudgementFactory,
)

MAX_QUERIES = 7


def overall_effectiveness(grade, inspection):
    area = JudgementAreaFactory(name="Overall effectiveness", short_name="Overall effectiveness")
    return JudgementFactory(inspection=inspection, area=area, grade=grade)


def test_staff_see_their_authoritys_inspections_newest_first(client, staff_user, bromley):
    InspectionFactory(local_authority=bromley, kind=InspectionKind.SIF, start_date=datetime.date(2016, 4, 4))
    InspectionFactory(
        local_authority=bromley,
        kind=InspectionKind.FOCUSED_VISIT,
        start_date=datetime.date(2021, 9, 14),
        end_date=datetime.date(2021, 9, 15),
    )
    client.force_login(staff_user)
    html = client.get("/inspections/").content.decode()
    assert html.index("Focused visit") < html.index("SIF inspection")
    assert "14 to 15 September 2021" in html


def test_a_row_shows_dates_lead_inspector_grade_and_counts(client, staff_user, inspection):
    overall_effectiveness(Grade.GOOD, inspection)
    area = ImprovementAreaFactory(inspection=inspection)
    ImprovementAreaFactory(inspection=inspection)
    ActionItemFactory.create_batch(3, improvement_area=area)
    ActionItemFactory(improvement_area=area, archived_at=timezone.now())
    client.force_login(staff_user)
    response = client.get("/inspections/")
    html = response.content.decode()
    assert "5 to 16 November 2018" in html
    assert "Dawn Godfrey" in html
    assert ">Good<" in html
    row = response.context["page_obj"][0]
    assert (row.area_count, row.progress.total) == (2, 3)  # archived actions are not counted
    assert f'href="/inspections/{inspection.pk}/"' in html


def test_visits_say_not_graded(client, staff_user, bromley):
    InspectionFactory(local_authority=bromley, kind=InspectionKind.MONITORING_VISIT)
    client.force_login(staff_user)
    assert "Not graded" in client.get("/inspections/").content.decode()


def test_another_authoritys_inspections_are_not_listed(client, other_leader, inspection):
    client.force_login(other_leader)
    html = client.get("/inspections/").content.decode()
    assert f"/inspections/{inspection.pk}/" not in html
    assert "No inspections have been recorded for your council yet" in html


def test_the_empty_state_says_who_adds_inspections(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/inspections/").content.decode()
    assert "Ask your administrator to add the latest one" in html


def test_it_links_to_the_themes(client, leader):
    client.force_login(leader)
    assert 'href="/themes/"' in client.get("/inspections/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    assert client.get("/inspections/").status_code == 302


@pytest.mark.parametrize("count", [1, 20])
def test_queries_are_bounded(client, staff_user, bromley, django_assert_max_num_queries, count):
    for n in range(count):
        inspection = InspectionFactory(local_authority=bromley, start_date=datetime.date(2000 + n, 1, 1))
        overall_effectiveness(Grade.OUTSTANDING, inspection)
        area = ImprovementAreaFactory(inspection=inspection)
        ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS)
    client.force_login(staff_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/inspections/")
    assert response.content.decode().count(">Outstanding<") == count
