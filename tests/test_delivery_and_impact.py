"""Delivery and impact side by side: the area, inspection and theme pages and the dashboard's Impact panel show
the actions' RAG beside the ratings of the measures that evidence the same areas."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Status
from measures.models import month_end
from tests.factories import ActionItemFactory, MeasureFactory, MeasureValueFactory, ThemeFactory, UserFactory
from tests.html import table_by_caption, table_records


def rated_measure(bromley, name, amount, entered_by, **links):
    """A measure from 60% a year ago to 90% a year from now, with one value last month."""
    today = timezone.localdate()
    measure = MeasureFactory(
        local_authority=bromley,
        name=name,
        baseline_date=today - datetime.timedelta(days=365),
        target_date=today + datetime.timedelta(days=365),
        **links,
    )
    MeasureValueFactory(measure=measure, period_end=month_end(today, -1), value=Decimal(amount), entered_by=entered_by)
    return measure


@pytest.fixture
def measures(bromley, area, staff_user):
    return [
        rated_measure(bromley, "Interviews offered", "85", staff_user, improvement_areas=[area]),
        rated_measure(bromley, "Interviews held", "55", staff_user, improvement_areas=[area]),
    ]


def measures_shown(response, caption):
    return [(row["Measure"], row["Rating"]) for row in table_records(table_by_caption(response, caption))]


def test_the_area_page_shows_its_actions_beside_its_measures(client, staff_user, area, measures):
    ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.BLOCKED)
    client.force_login(staff_user)

    response = client.get(area.get_absolute_url())

    text = response.content.decode()
    assert "Delivery: actions" in text and "Impact: measures" in text
    assert measures_shown(response, "Measures that evidence this") == [
        ("Interviews held", "Off track"),
        ("Interviews offered", "On track"),
    ]


def test_the_inspection_page_shows_the_measures_of_its_areas(client, staff_user, inspection, measures):
    client.force_login(staff_user)
    response = client.get(inspection.get_absolute_url())
    assert [name for name, _ in measures_shown(response, "Measures that evidence this")] == [
        "Interviews held",
        "Interviews offered",
    ]


def test_the_theme_page_shows_measures_of_its_areas_and_of_the_theme(client, staff_user, bromley, area, measures):
    theme = ThemeFactory(slug="missing")
    area.theme = theme
    area.save()
    rated_measure(bromley, "Police notifications on time", "95", staff_user, themes=[theme])
    client.force_login(staff_user)

    response = client.get(reverse("theme_detail", args=[theme.slug]))

    assert ("Police notifications on time", "Met") in measures_shown(response, "Measures that evidence this")


def test_another_authoritys_measures_stay_out_of_the_panels(client, other_leader, essex, area, measures):
    client.force_login(other_leader)
    assert client.get(area.get_absolute_url()).status_code == 404
    response = client.get(reverse("dashboard"))
    assert "Interviews held" not in response.content.decode()


def test_the_dashboard_lists_measures_off_track_and_behind_first(client, leader, measures):
    client.force_login(leader)
    response = client.get(reverse("dashboard"))
    assert measures_shown(response, "Measures, off track and behind first") == [
        ("Interviews held", "Off track"),
        ("Interviews offered", "On track"),
    ]


@pytest.mark.parametrize("count", [1, 20])
def test_the_pages_with_measures_run_bounded_queries(
    client, leader, bromley, area, inspection, count, django_assert_max_num_queries
):
    entered_by = UserFactory(local_authority=bromley)
    for n in range(count):
        rated_measure(bromley, f"Measure {n}", "70", entered_by, improvement_areas=[area])
    client.force_login(leader)
    # Each page's own bound (as in test_area_detail, test_inspection_detail, test_dashboard), at many measures.
    pages = [(area.get_absolute_url(), 8), (inspection.get_absolute_url(), 14), (reverse("dashboard"), 18)]
    for url, most in pages:
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200


def test_the_board_report_has_the_scorecard_with_each_measures_chart(client, leader, inspection, measures):
    client.force_login(leader)
    response = client.get(reverse("board_report", args=[inspection.pk]))
    assert measures_shown(response, "Measures, off track and behind first") == [
        ("Interviews held", "Off track"),
        ("Interviews offered", "On track"),
    ]
    text = response.content.decode()
    assert "Interviews held: values over time" in text
    assert "Interviews offered: values over time" in text


@pytest.mark.parametrize("count", [1, 20])
def test_the_board_report_runs_bounded_queries(
    client, leader, bromley, area, inspection, count, django_assert_max_num_queries
):
    entered_by = UserFactory(local_authority=bromley)
    for n in range(count):
        rated_measure(bromley, f"Measure {n}", "70", entered_by, improvement_areas=[area])
    client.force_login(leader)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("board_report", args=[inspection.pk])).status_code == 200
