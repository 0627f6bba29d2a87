"""The measure page: its chart and table of values, "Add a value" for its owner and leaders, bad input refused."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import MeasureValue
from tests.factories import ComparisonFactory, CorrectionFactory, MeasureFactory, MeasureValueFactory, UserFactory
from tests.html import table_by_caption, table_records


@pytest.fixture
def measure(bromley, staff_user, area):
    return MeasureFactory(
        local_authority=bromley,
        owner=staff_user,
        name="Return home interviews offered within 72 hours",
        baseline_date=datetime.date(2025, 1, 1),
        target_date=datetime.date(2027, 1, 1),
        improvement_areas=[area],
    )


def url(measure):
    return reverse("measure_detail", args=[measure.pk])


def add(client, measure, **fields):
    data = {"period_end_0": "31", "period_end_1": "10", "period_end_2": "2025", "value": "", "note": ""}
    data.update(fields)
    return client.post(url(measure), data)


def test_the_page_shows_the_values_in_a_table_beside_the_chart(client, staff_user, measure):
    MeasureValueFactory(measure=measure, period_end=datetime.date(2025, 6, 30), value=Decimal("70"))
    client.force_login(staff_user)

    response = client.get(url(measure))

    records = table_records(table_by_caption(response, "Values"))
    assert records[0]["Period end"] == "30 June 2025"
    assert records[0]["Value"] == "70%"
    assert "<svg" in response.content.decode()
    assert "Return home interviews" in response.content.decode()  # the improvement area it evidences


def test_the_owner_adds_a_value_and_sees_it(client, staff_user, measure):
    client.force_login(staff_user)

    response = add(client, measure, value="72.5", note="Audit done")

    assert response.status_code == 302
    page = client.get(url(measure))
    assert "Value saved" in page.content.decode()
    assert table_records(table_by_caption(page, "Values"))[0]["Value"].startswith("72.5%")


def test_the_value_can_come_from_a_numerator_and_denominator(client, staff_user, measure):
    client.force_login(staff_user)
    add(client, measure, numerator="18", denominator="24")
    assert MeasureValue.objects.get().value == Decimal("75")


def test_staff_who_do_not_own_it_see_it_read_only(client, other_staff_user, measure):
    client.force_login(other_staff_user)
    response = client.get(url(measure))
    assert "Save value" not in response.content.decode()
    assert add(client, measure, value="50").status_code == 403


def test_a_leader_may_add_a_value(client, leader, measure):
    client.force_login(leader)
    assert "Save value" in client.get(url(measure)).content.decode()
    assert add(client, measure, value="50").status_code == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": "lots"}, "Value must be a number"),
        ({"value": "140"}, "Value must be a percentage between 0 and 100"),
        ({"numerator": "30", "denominator": "20"}, "Numerator must be the same as or less than the denominator"),
        ({"period_end_2": "2099", "value": "50"}, "Period end must be today or in the past"),
        ({"period_end_0": "", "period_end_1": "", "period_end_2": "", "value": "50"}, "Enter a period end"),
        ({}, "Enter a value, or a numerator and denominator"),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_saved(client, staff_user, measure, fields, message):
    client.force_login(staff_user)
    response = add(client, measure, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not MeasureValue.objects.exists()


def test_a_second_value_for_a_period_offers_to_correct_it(client, staff_user, measure):
    existing = MeasureValueFactory(measure=measure, period_end=datetime.date(2025, 10, 31), value=Decimal("70"))
    client.force_login(staff_user)

    response = add(client, measure, value="75")

    text = response.content.decode()
    assert "There is already a value for the period ending 31 October 2025" in text
    assert reverse("measure_value_correct", args=[measure.pk, existing.pk]) in text
    assert MeasureValue.objects.get().value == Decimal("70")


def test_corrections_show_beside_the_value_they_changed(client, staff_user, measure):
    value = MeasureValueFactory(measure=measure, value=Decimal("72"))
    CorrectionFactory(measure_value=value, previous_value=Decimal("68"), reason="Two interviews left out")
    client.force_login(staff_user)

    records = table_records(table_by_caption(client.get(url(measure)), "Values"))

    assert "Corrected from 68% to 72%" in records[0]["Corrections"]
    assert "Two interviews left out" in records[0]["Corrections"]


def test_another_authority_gets_not_found(client, other_leader, measure):
    client.force_login(other_leader)
    assert client.get(url(measure)).status_code == 404


@pytest.mark.parametrize("count", [1, 40])
def test_the_page_makes_a_bounded_number_of_queries(client, staff_user, measure, count, django_assert_max_num_queries):
    entered_by = UserFactory(local_authority=measure.local_authority)
    for month in range(count):
        value = MeasureValueFactory(
            measure=measure, period_end=datetime.date(2022 + month // 12, month % 12 + 1, 28), entered_by=entered_by
        )
        CorrectionFactory(measure_value=value)
    ComparisonFactory(measure=measure)
    client.force_login(staff_user)
    with django_assert_max_num_queries(13):
        assert client.get(url(measure)).status_code == 200
