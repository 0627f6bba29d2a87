import datetime

import pytest

from actions.models import Status
from inspections.models import Grade, InspectionKind
from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    JudgementAreaFactory,
    JudgementFactory,
    ThemeFactory,
)
from tests.html import breadcrumbs, links, table_by_caption, table_records

# The page's own 8, the Deadlines section's 5 (deadlines.summaries.inspection_deadlines) and the measures' 1.
MAX_QUERIES = 14


def url(inspection):
    return f"/inspections/{inspection.pk}/"


def test_staff_see_the_inspections_facts(client, staff_user, inspection):
    inspection.other_inspectors = "Anna Gravelle, Louise Hocking"
    inspection.source = "Ofsted focused visit letter, 19 October 2021"
    inspection.published_on = datetime.date(2019, 1, 7)
    inspection.save()
    client.force_login(staff_user)
    html = client.get(url(inspection)).content.decode()
    assert "ILACS standard inspection</h1>" in html
    assert "5 to 16 November 2018" in html
    assert "Bromley" in html
    assert "7 January 2019" in html
    assert "Dawn Godfrey" in html and "Anna Gravelle, Louise Hocking" in html
    assert "Ofsted focused visit letter, 19 October 2021" in html
    assert "A test inspection." in html


def test_the_report_link_says_what_it_opens(client, staff_user, inspection):
    inspection.report_url = "https://reports.ofsted.gov.uk/provider/44/80485"
    inspection.save()
    client.force_login(staff_user)
    response = client.get(url(inspection))
    assert ("Read Ofsted's report of this inspection", "https://reports.ofsted.gov.uk/provider/44/80485") in links(
        response
    )
    assert 'target="_blank"' not in response.content.decode()


def test_judgements_are_listed_with_their_grades(client, staff_user, inspection):
    JudgementFactory(
        inspection=inspection,
        area=JudgementAreaFactory(name="The impact of leaders on social work practice", position=1),
        grade=Grade.OUTSTANDING,
    )
    client.force_login(staff_user)
    html = client.get(url(inspection)).content.decode()
    assert "The impact of leaders on social work practice" in html
    assert "Outstanding" in html


def test_visits_say_they_are_not_graded(client, staff_user, bromley):
    visit = InspectionFactory(
        local_authority=bromley,
        kind=InspectionKind.FOCUSED_VISIT,
        start_date=datetime.date(2021, 9, 14),
        end_date=datetime.date(2021, 9, 15),
    )
    client.force_login(staff_user)
    html = client.get(url(visit)).content.decode()
    assert "Focused visits and monitoring visits are not graded." in html
    assert "14 to 15 September 2021" in html


def test_each_area_shows_its_theme_and_progress(client, staff_user, area):
    area.theme = ThemeFactory(name="Children who go missing", slug="missing")
    area.save()
    ActionItemFactory.create_batch(3, improvement_area=area, status=Status.SIGNED_OFF)
    ActionItemFactory.create_batch(2, improvement_area=area, status=Status.IN_PROGRESS)
    client.force_login(staff_user)
    html = client.get(url(area.inspection)).content.decode()
    assert f'href="/areas/{area.pk}/">Return home interviews</a>' in html
    assert 'href="/themes/missing/">Children who go missing</a>' in html
    assert "3 of 5 actions signed off (60%)" in html
    assert '<rect width="60"' in html
    assert "style=" not in html


def test_an_area_without_a_theme_says_no_theme(client, staff_user, area):
    client.force_login(staff_user)
    response = client.get(url(area.inspection))
    [row] = table_records(table_by_caption(response, "Improvement areas"))
    assert row["Theme"] == "No theme"


def test_an_area_without_actions_says_so(client, staff_user, area):
    client.force_login(staff_user)
    assert "No actions yet" in client.get(url(area.inspection)).content.decode()


def test_leaders_get_the_board_report_and_add_an_action(client, leader, area):
    client.force_login(leader)
    html = client.get(url(area.inspection)).content.decode()
    assert f'href="/inspections/{area.inspection.pk}/board-report/"' in html
    assert f'href="/actions/new/?area={area.pk}"' in html


def test_staff_get_neither_board_report_nor_add_an_action(client, staff_user, area):
    client.force_login(staff_user)
    html = client.get(url(area.inspection)).content.decode()
    assert "board-report" not in html
    assert "Add an action" not in html


def test_another_authoritys_inspection_is_not_found(client, other_leader, inspection):
    client.force_login(other_leader)
    assert client.get(url(inspection)).status_code == 404


def test_it_has_breadcrumbs_back_to_the_inspections(client, staff_user, inspection):
    client.force_login(staff_user)
    assert breadcrumbs(client.get(url(inspection)))[:2] == [("Home", "/"), ("Inspections", "/inspections/")]


@pytest.mark.parametrize("count", [1, 15])
def test_queries_are_bounded(client, leader, inspection, django_assert_max_num_queries, count):
    for n in range(count):
        JudgementFactory(inspection=inspection, area=JudgementAreaFactory(position=n))
        area = ImprovementAreaFactory(inspection=inspection, theme=ThemeFactory())
        ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)
        ActionItemFactory(improvement_area=area, status=Status.BLOCKED)
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url(inspection))
    assert response.content.decode().count("1 of 2 actions signed off (50%)") == count
