"""Writing values: the rules, bad input refused with its message, and corrections that keep what they replaced."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from measures.models import Correction, Measure, MeasureValue, Unit
from measures.services import add_value, correct_value, create_measure, update_measure
from tests.factories import ImprovementAreaFactory, InspectionFactory

PERIOD = datetime.date(2025, 3, 31)


@pytest.fixture
def measure(bromley, staff_user, leader):
    return create_measure(
        local_authority=bromley,
        by=leader,
        name="Return home interviews offered within 72 hours",
        unit=Unit.PERCENTAGE,
        direction="higher",
        baseline_value=Decimal("60"),
        baseline_date=datetime.date(2025, 1, 1),
        target_value=Decimal("90"),
        target_date=datetime.date(2026, 1, 1),
        frequency="monthly",
        owner=staff_user,
    )


def errors_of(excinfo):
    return excinfo.value.message_dict


def test_the_owner_adds_a_value(measure, staff_user):
    value = add_value(measure=measure, by=staff_user, period_end=PERIOD, value=Decimal("70"), note="Good month")
    assert (value.value, value.entered_by, value.note) == (Decimal("70"), staff_user, "Good month")


def test_the_value_derives_from_its_numerator_and_denominator(measure, staff_user):
    value = add_value(measure=measure, by=staff_user, period_end=PERIOD, numerator=17, denominator=24)
    assert value.value == Decimal("70.83")


def test_a_leader_adds_a_value_to_a_measure_they_do_not_own(measure, leader):
    assert add_value(measure=measure, by=leader, period_end=PERIOD, value=Decimal("70")).entered_by == leader


def test_other_staff_may_not_add_a_value(measure, other_staff_user):
    with pytest.raises(PermissionDenied):
        add_value(measure=measure, by=other_staff_user, period_end=PERIOD, value=Decimal("70"))


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"value": Decimal("140")}, "value", "Value must be a percentage between 0 and 100"),
        (
            {"numerator": 30, "denominator": 20},
            "numerator",
            "Numerator must be the same as or less than the denominator",
        ),
        ({"numerator": 3}, "denominator", "Enter a denominator above 0, or leave the numerator and denominator empty"),
        ({}, "value", "Enter a value, or a numerator and denominator"),
        (
            {"value": Decimal("50"), "period_end": datetime.date(2099, 1, 31)},
            "period_end",
            "Period end must be today or in the past",
        ),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(measure, staff_user, given, field, message):
    with pytest.raises(ValidationError) as excinfo:
        add_value(measure=measure, by=staff_user, **{"period_end": PERIOD, **given})
    assert errors_of(excinfo) == {field: [message]}
    assert not MeasureValue.objects.exists()


def test_a_second_value_for_a_period_is_refused_with_an_offer_to_correct_it(measure, staff_user):
    add_value(measure=measure, by=staff_user, period_end=PERIOD, value=Decimal("70"))
    with pytest.raises(ValidationError) as excinfo:
        add_value(measure=measure, by=staff_user, period_end=PERIOD, value=Decimal("75"))
    assert errors_of(excinfo) == {
        "period_end": [
            "There is already a value for the period ending 31 March 2025. "
            "Correct that value instead of adding another"
        ]
    }
    assert MeasureValue.objects.get().value == Decimal("70")


def test_a_correction_keeps_the_value_it_replaced_who_when_and_why(measure, staff_user, leader):
    value = add_value(measure=measure, by=staff_user, period_end=PERIOD, value=Decimal("70"))
    correction = correct_value(measure_value=value, by=leader, value=Decimal("72"), reason="Two interviews missed")
    value.refresh_from_db()
    assert value.value == Decimal("72")
    assert (correction.previous_value, correction.value, correction.corrected_by, correction.reason) == (
        Decimal("70"),
        Decimal("72"),
        leader,
        "Two interviews missed",
    )
    assert correction.corrected_at is not None


def test_a_correction_needs_a_reason(measure, staff_user):
    value = add_value(measure=measure, by=staff_user, period_end=PERIOD, value=Decimal("70"))
    with pytest.raises(ValidationError) as excinfo:
        correct_value(measure_value=value, by=staff_user, value=Decimal("72"), reason=" ")
    assert errors_of(excinfo) == {"reason": ["Enter the reason for the correction"]}
    assert not Correction.objects.exists()


def test_a_target_date_before_the_baseline_date_is_refused(measure, leader):
    with pytest.raises(ValidationError) as excinfo:
        update_measure(measure=measure, by=leader, target_date=datetime.date(2024, 1, 1))
    assert errors_of(excinfo) == {"target_date": ["Target date must be the same as or after the baseline date"]}


def test_staff_may_not_change_a_measure(measure, staff_user):
    with pytest.raises(PermissionDenied):
        update_measure(measure=measure, by=staff_user, name="Something else")


def test_a_measure_links_only_its_own_authoritys_areas(measure, leader, essex):
    other = ImprovementAreaFactory(inspection=InspectionFactory(local_authority=essex))
    with pytest.raises(ValidationError):
        update_measure(measure=measure, by=leader, improvement_areas=[other])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"value": Decimal("140")}, "A percentage must be between 0 and 100."),
        ({"numerator": 5, "denominator": 4}, "The numerator must not be more than the denominator."),
    ],
)
def test_the_database_refuses_bad_values_with_their_message(measure, staff_user, row, message):
    value = MeasureValue(
        measure=measure, period_end=PERIOD, unit=Unit.PERCENTAGE, entered_by=staff_user, **{"value": 50, **row}
    )
    with pytest.raises(ValidationError) as excinfo:
        value.full_clean()
    assert message in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        value.save()


def test_the_database_keeps_one_value_per_period(measure, staff_user):
    add_value(measure=measure, by=staff_user, period_end=PERIOD, value=Decimal("70"))
    second = MeasureValue(measure=measure, period_end=PERIOD, value=71, unit=Unit.PERCENTAGE, entered_by=staff_user)
    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    assert "This measure already has a value for this period." in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_database_refuses_a_target_date_before_the_baseline_date(measure):
    measure.target_date = datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError) as excinfo:
        measure.full_clean()
    assert "The target date must be the same as or after the baseline date." in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(target_date=datetime.date(2024, 1, 1))
