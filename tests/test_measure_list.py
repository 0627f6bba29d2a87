"""The Measures scorecard: each measure's latest value, target, rating and trend, worst first, with filters."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ImprovementAreaFactory,
    MeasureFactory,
    MeasureValueFactory,
    ThemeFactory,
    UserFactory,
)
from tests.html import table_by_caption, table_records

URL = reverse("measure_list")


def month_ends(count):
    """The ends of the `count` months before this one, oldest first."""
    first = timezone.localdate().replace(day=1)
    ends = []
    for _ in range(count):
        first -= datetime.timedelta(days=1)
        ends.append(first)
        first = first.replace(day=1)
    return ends[::-1]


def measure_with(bromley, name, amounts, **kwargs):
    ends = month_ends(len(amounts))
    defaults = {"baseline_date": ends[0] if ends else datetime.date(2025, 1, 1)}
    defaults["target_date"] = defaults["baseline_date"] + datetime.timedelta(days=730)
    measure = MeasureFactory(local_authority=bromley, name=name, **{**defaults, **kwargs})
    for end, amount in zip(ends, amounts, strict=True):
        MeasureValueFactory(measure=measure, period_end=end, value=Decimal(amount))
    return measure


def rows(response):
    return table_records(table_by_caption(response, ""))


def test_measures_are_listed_off_track_and_behind_first_with_their_ratings(client, staff_user, bromley):
    measure_with(bromley, "Reviews held on time", ["60", "70", "95"])
    measure_with(bromley, "Medicals up to date", ["60", "58"])
    measure_with(bromley, "Permanent social workers", [])
    client.force_login(staff_user)

    records = rows(client.get(URL))

    assert [(r["Measure"], r["Rating"]) for r in records] == [
        ("Medicals up to date", "Off track"),
        ("Permanent social workers", "No data"),
        ("Reviews held on time", "Met"),
    ]
    assert records[2]["Latest value"].startswith("95%")
    assert records[2]["Better when"] == "Higher"


def test_filters_by_rating_area_theme_and_owner(client, staff_user, bromley, area):
    theme = ThemeFactory(name="Children who go missing")
    owner = UserFactory(local_authority=bromley, first_name="Ada", last_name="Ng")
    linked = measure_with(bromley, "Return home interviews", ["60", "58"], owner=owner)
    linked.improvement_areas.set([area])
    linked.themes.set([theme])
    measure_with(bromley, "Reviews held on time", ["60", "95"])
    client.force_login(staff_user)

    for params in ({"rating": "off_track"}, {"improvement_area": area.pk}, {"theme": theme.pk}, {"owner": owner.pk}):
        assert [r["Measure"] for r in rows(client.get(URL, params))] == ["Return home interviews"]


def test_a_filter_choice_that_is_not_offered_is_refused_with_a_message(client, staff_user, essex):
    other_area = ImprovementAreaFactory(inspection__local_authority=essex)
    client.force_login(staff_user)
    response = client.get(URL, {"improvement_area": other_area.pk})
    assert "Select improvement area from the list" in response.content.decode()


def test_another_authoritys_measures_are_not_shown(client, other_leader, bromley):
    measure_with(bromley, "Reviews held on time", ["60"])
    client.force_login(other_leader)
    assert "Reviews held on time" not in client.get(URL).content.decode()


def test_leaders_see_add_a_measure_and_staff_do_not(client, staff_user, leader):
    client.force_login(staff_user)
    assert "Add a measure" not in client.get(URL).content.decode()
    client.force_login(leader)
    assert "Add a measure" in client.get(URL).content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_the_page_makes_a_bounded_number_of_queries(client, staff_user, bromley, count, django_assert_max_num_queries):
    for n in range(count):
        measure_with(bromley, f"Measure {n}", ["60", "65", "70", "72"], owner=staff_user)
    client.force_login(staff_user)
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"rating": ""}) if count == 1 else client.get(URL)
    assert len(rows(response)) == count
