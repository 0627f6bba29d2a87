import datetime

import pytest

from actions.models import Status
from inspections.models import InspectionKind
from tests.factories import ActionItemFactory, ImprovementAreaFactory, InspectionFactory, ThemeFactory
from tests.html import page_text

LIST_MAX_QUERIES = 5
PAGE_MAX_QUERIES = 8


@pytest.fixture
def missing(db):
    return ThemeFactory(name="Children who go missing and return home interviews", slug="missing")


def raise_theme(theme, local_authority, year, **area):
    inspection = InspectionFactory(local_authority=local_authority, start_date=datetime.date(year, 4, 4))
    return ImprovementAreaFactory(inspection=inspection, theme=theme, **area)


def test_the_list_says_how_many_inspections_raised_each_theme(client, staff_user, bromley, missing):
    for year in (2016, 2018, 2021):
        raise_theme(missing, bromley, year)
    raise_theme(ThemeFactory(name="Homeless 16- and 17-year-olds"), bromley, 2018)
    client.force_login(staff_user)
    html = client.get("/themes/").content.decode()
    assert 'href="/themes/missing/"' in html
    assert "Raised by 3 inspections" in html and "Recurring" in html
    assert "Raised by 1 inspection<" in html
    assert html.index("Children who go missing") < html.index("Homeless 16- and 17-year-olds")


def test_the_list_counts_only_the_users_authority(client, other_leader, bromley, essex, missing):
    raise_theme(missing, bromley, 2016)
    raise_theme(missing, bromley, 2018)
    raise_theme(missing, essex, 2018)
    raise_theme(ThemeFactory(name="Care leavers' health histories"), bromley, 2018)
    client.force_login(other_leader)
    html = client.get("/themes/").content.decode()
    assert "Raised by 1 inspection<" in html
    assert "Care leavers" not in html


def test_the_list_has_an_empty_state(client, staff_user, missing):
    client.force_login(staff_user)
    html = client.get("/themes/").content.decode()
    assert "No improvement area of your council's inspections has a theme yet" in html
    assert "/themes/missing/" not in html


def test_the_theme_page_shows_each_inspection_oldest_first_with_its_areas(client, staff_user, bromley, missing):
    later = raise_theme(missing, bromley, 2021, text="Missing episodes data is not collated.")
    earlier = raise_theme(missing, bromley, 2016, text="Return home interviews are not offered to every child.")
    raise_theme(missing, bromley, 2018)
    client.force_login(staff_user)
    html = client.get("/themes/missing/").content.decode()
    assert "Raised in 2016, 2018 and 2021" in html
    assert html.index("Return home interviews are not offered") < html.index("Missing episodes data")
    assert f'href="/areas/{earlier.pk}/"' in html and f'href="/inspections/{later.inspection.pk}/"' in html


def test_the_theme_page_shows_the_state_of_each_areas_actions(client, staff_user, bromley, missing):
    area = raise_theme(missing, bromley, 2018)
    ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)
    ActionItemFactory(improvement_area=area, status=Status.BLOCKED)
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS)
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS)
    client.force_login(staff_user)
    html = " ".join(client.get("/themes/missing/").content.decode().split())
    assert "1 of 4 actions signed off (25%)" in html
    assert "<li>In progress: 2</li>" in html and "<li>Blocked: 1</li>" in html
    assert "Red</strong> 1" in html and "Green</strong> 2" in html and "Complete</strong> 1" in html


def test_the_theme_page_shows_only_the_users_authoritys_areas(client, other_leader, bromley, essex, missing):
    raise_theme(missing, bromley, 2016, text="Bromley's own words.")
    raise_theme(missing, essex, 2018, text="Essex's own words.")
    client.force_login(other_leader)
    html = client.get("/themes/missing/").content.decode()
    assert "Essex&#x27;s own words." in html
    assert "Bromley" not in html
    assert "Raised in 2018," in html


def test_a_theme_this_authority_never_raised_shows_an_empty_state(client, staff_user, missing):
    client.force_login(staff_user)
    response = client.get("/themes/missing/")
    assert response.status_code == 200
    assert "No inspection of Bromley has raised this theme." in response.content.decode()


def test_an_unknown_theme_is_not_found(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/themes/no-such-theme/").status_code == 404


def test_visits_raise_themes_too(client, staff_user, bromley, missing):
    visit = InspectionFactory(
        local_authority=bromley,
        kind=InspectionKind.FOCUSED_VISIT,
        start_date=datetime.date(2021, 9, 14),
        end_date=datetime.date(2021, 9, 15),
    )
    ImprovementAreaFactory(inspection=visit, theme=missing)
    client.force_login(staff_user)
    assert "Focused visit, 14 to 15 September 2021" in client.get("/themes/missing/").content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_runs_bounded_queries(client, staff_user, bromley, django_assert_max_num_queries, count):
    for n in range(count):
        raise_theme(ThemeFactory(), bromley, 2000 + n)
    client.force_login(staff_user)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get("/themes/")
    assert response.content.decode().count("Raised by 1 inspection<") == count


@pytest.mark.parametrize("count", [1, 12])
def test_the_theme_page_runs_bounded_queries(
    client, staff_user, bromley, missing, django_assert_max_num_queries, count
):
    for n in range(count):
        area = raise_theme(missing, bromley, 2000 + n)
        ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)
    client.force_login(staff_user)
    with django_assert_max_num_queries(PAGE_MAX_QUERIES):
        response = client.get("/themes/missing/")
    assert response.content.decode().count("1 of 1 action signed off (100%)") == count


def test_the_ratings_counted_on_the_theme_page_are_explained(client, staff_user, bromley, missing):
    ActionItemFactory(improvement_area=raise_theme(missing, bromley, 2018), status=Status.BLOCKED)
    client.force_login(staff_user)
    text = page_text(client.get("/themes/missing/"))
    assert "What the ratings mean" in text
    assert "Green On track: neither blocked nor overdue" in text
