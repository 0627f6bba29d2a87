"""Correcting a value: the owner or a leader gives the right figure and the reason; the old one is kept."""

from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Correction
from tests.factories import MeasureFactory, MeasureValueFactory


@pytest.fixture
def value(bromley, staff_user):
    return MeasureValueFactory(measure=MeasureFactory(local_authority=bromley, owner=staff_user), value=Decimal("70"))


def url(value):
    return reverse("measure_value_correct", args=[value.measure_id, value.pk])


def test_the_owner_corrects_a_value_and_the_old_one_is_kept(client, staff_user, value):
    client.force_login(staff_user)
    assert "Reason for the correction" in client.get(url(value)).content.decode()

    response = client.post(url(value), {"value": "74", "reason": "Two interviews were recorded late"})

    assert response.status_code == 302
    value.refresh_from_db()
    correction = Correction.objects.get()
    assert (value.value, correction.previous_value, correction.corrected_by) == (
        Decimal("74"),
        Decimal("70"),
        staff_user,
    )
    assert "Correction saved" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": "74", "reason": ""}, "Enter the reason for the correction"),
        ({"value": "140", "reason": "Typo"}, "Value must be a percentage between 0 and 100"),
        ({"value": "x", "reason": "Typo"}, "Value must be a number"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(client, staff_user, value, data, message):
    client.force_login(staff_user)
    response = client.post(url(value), data)
    assert message in response.content.decode()
    value.refresh_from_db()
    assert value.value == Decimal("70")
    assert not Correction.objects.exists()


def test_other_staff_may_not_correct(client, other_staff_user, value):
    client.force_login(other_staff_user)
    assert client.post(url(value), {"value": "74", "reason": "Typo"}).status_code == 403


def test_the_page_makes_a_bounded_number_of_queries(client, staff_user, value, django_assert_max_num_queries):
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        assert client.get(url(value)).status_code == 200
