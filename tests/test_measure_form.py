"""New and edit measure: leaders fill in the form; bad input is refused beside its field and nothing is saved."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import MeasureFactory

CREATE = reverse("measure_create")


def form_data(owner, area, **overrides):
    data = {
        "name": "Return home interviews offered within 72 hours",
        "description": "Children back from a missing episode offered an interview within 72 hours.",
        "unit": "percentage",
        "direction": "higher",
        "baseline_value": "62",
        "baseline_date_0": "31",
        "baseline_date_1": "3",
        "baseline_date_2": "2025",
        "target_value": "90",
        "target_date_0": "31",
        "target_date_1": "3",
        "target_date_2": "2027",
        "frequency": "monthly",
        "owner": owner.pk,
        "improvement_areas": [area.pk],
    }
    data.update(overrides)
    return data


def test_a_leader_adds_a_measure(client, leader, staff_user, area):
    client.force_login(leader)

    response = client.post(CREATE, form_data(staff_user, area))

    measure = Measure.objects.get()
    assert response.url == measure.get_absolute_url()
    assert (measure.baseline_value, measure.target_date, measure.owner) == (
        Decimal("62"),
        datetime.date(2027, 3, 31),
        staff_user,
    )
    assert list(measure.improvement_areas.all()) == [area]
    assert "Measure added" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"target_date_2": "2024"}, "Target date must be the same as or after the baseline date"),
        ({"target_value": "140"}, "Target must be a percentage between 0 and 100"),
        ({"baseline_value": "many"}, "Baseline must be a number"),
        ({"name": ""}, "Enter a name"),
        ({"frequency": ""}, "Select how often it is reported"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client, leader, staff_user, area, overrides, message):
    client.force_login(leader)
    response = client.post(CREATE, form_data(staff_user, area, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Measure.objects.exists()


def test_a_leader_edits_a_measure(client, leader, staff_user, area, bromley):
    measure = MeasureFactory(local_authority=bromley, owner=staff_user)
    client.force_login(leader)
    assert client.get(reverse("measure_edit", args=[measure.pk])).status_code == 200

    client.post(reverse("measure_edit", args=[measure.pk]), form_data(staff_user, area, name="Reviews on time"))

    measure.refresh_from_db()
    assert measure.name == "Reviews on time"


def test_staff_may_not_add_a_measure(client, staff_user, area):
    client.force_login(staff_user)
    assert client.post(CREATE, form_data(staff_user, area)).status_code == 403
    assert not Measure.objects.exists()


def test_the_form_makes_a_bounded_number_of_queries(client, leader, bromley, django_assert_max_num_queries):
    measure = MeasureFactory(local_authority=bromley)
    client.force_login(leader)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("measure_edit", args=[measure.pk])).status_code == 200
