"""The impact rating: the model's function and the queryset's SQL agree, and each rating means what it says."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measures.models import Direction, Frequency, Impact, Measure, MeasureValue, Unit, impact_for, in_attention_order
from tests.factories import LocalAuthorityFactory, UserFactory

TODAY = datetime.date(2026, 6, 15)


def rate(**overrides):
    arguments = {
        "direction": Direction.HIGHER,
        "frequency": Frequency.MONTHLY,
        "baseline_value": Decimal("60"),
        "baseline_date": datetime.date(2026, 1, 1),
        "target_value": Decimal("90"),
        "target_date": datetime.date(2026, 12, 31),
        "latest_value": Decimal("75"),
        "latest_date": datetime.date(2026, 5, 31),
        "today": TODAY,
    }
    return impact_for(**{**arguments, **overrides})


def test_a_value_at_or_past_the_target_is_met():
    assert rate(latest_value=Decimal("90")) == Impact.MET


def test_a_value_on_or_above_the_line_from_baseline_to_target_is_on_track():
    # By 31 May, 150 of 364 days: 60 + 30 * 150 / 364 = 72.4 expected.
    assert rate(latest_value=Decimal("72.5")) == Impact.ON_TRACK


def test_a_value_below_the_line_but_above_the_baseline_is_behind():
    assert rate(latest_value=Decimal("65")) == Impact.BEHIND


def test_a_value_no_better_than_the_baseline_is_off_track():
    assert rate(latest_value=Decimal("60")) == Impact.OFF_TRACK


def test_a_target_date_passed_unmet_is_off_track():
    assert rate(target_date=datetime.date(2026, 6, 1), latest_value=Decimal("89")) == Impact.OFF_TRACK


def test_lower_is_better_turns_the_comparison_round():
    fewer = {"direction": Direction.LOWER, "baseline_value": Decimal("90"), "target_value": Decimal("60")}
    assert rate(**fewer, latest_value=Decimal("95")) == Impact.OFF_TRACK
    assert rate(**fewer, latest_value=Decimal("75")) == Impact.ON_TRACK
    assert rate(**fewer, latest_value=Decimal("85")) == Impact.BEHIND
    assert rate(**fewer, latest_value=Decimal("60")) == Impact.MET


def test_no_value_in_the_last_two_periods_is_no_data():
    assert rate(latest_value=None, latest_date=None) == Impact.NO_DATA
    assert rate(latest_date=datetime.date(2026, 4, 1)) == Impact.NO_DATA
    assert rate(frequency=Frequency.QUARTERLY, latest_date=datetime.date(2026, 4, 1)) != Impact.NO_DATA


amounts = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2027, 12, 31))


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    direction=st.sampled_from(Direction.values),
    frequency=st.sampled_from(Frequency.values),
    baseline_value=amounts,
    target_value=amounts,
    baseline_date=dates,
    days_to_target=st.integers(min_value=0, max_value=900),
    latest=st.one_of(st.none(), st.tuples(amounts, dates)),
    today=dates,
)
def test_the_model_and_the_sql_give_the_same_rating(
    direction, frequency, baseline_value, target_value, baseline_date, days_to_target, latest, today
):
    authority = LocalAuthorityFactory(code="305")
    measure = Measure.objects.create(
        local_authority=authority,
        name="Reviews held on time",
        unit=Unit.PERCENTAGE,
        direction=direction,
        frequency=frequency,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=baseline_date + datetime.timedelta(days=days_to_target),
    )
    if latest:
        MeasureValue.objects.create(
            measure=measure,
            period_end=latest[1],
            value=latest[0],
            unit=Unit.PERCENTAGE,
            entered_by=UserFactory(username="enterer", local_authority=authority),
        )
    in_python = impact_for(
        direction=direction,
        frequency=frequency,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=measure.target_date,
        latest_value=latest[0] if latest else None,
        latest_date=latest[1] if latest else None,
        today=today,
    )
    in_sql = Measure.objects.with_impact(today).get(pk=measure.pk).impact_value
    MeasureValue.objects.filter(measure=measure).delete()
    measure.delete()

    assert in_sql == in_python


@pytest.mark.django_db
def test_a_list_rated_in_python_is_in_the_same_order_with_the_same_ratings_as_in_sql():
    authority = LocalAuthorityFactory(code="306")
    enterer = UserFactory(username="enterer", local_authority=authority)
    today = datetime.date.today()
    latest = {
        "Met": (Decimal("95"), today.replace(day=1) - datetime.timedelta(days=1)),
        "Behind": (Decimal("60"), today.replace(day=1) - datetime.timedelta(days=1)),
        "Off track": (Decimal("40"), today.replace(day=1) - datetime.timedelta(days=1)),
        "Stale": (Decimal("80"), today - datetime.timedelta(days=400)),
        "Empty": None,
        "Also off track": (Decimal("10"), today.replace(day=1) - datetime.timedelta(days=1)),
    }
    for name, value in latest.items():
        measure = Measure.objects.create(
            local_authority=authority,
            name=name,
            unit=Unit.PERCENTAGE,
            direction=Direction.HIGHER,
            frequency=Frequency.MONTHLY,
            baseline_value=Decimal("50"),
            baseline_date=today - datetime.timedelta(days=700),
            target_value=Decimal("90"),
            target_date=today + datetime.timedelta(days=300),
        )
        if value:
            MeasureValue.objects.create(
                measure=measure, period_end=value[1], value=value[0], unit=Unit.PERCENTAGE, entered_by=enterer
            )

    in_sql = list(Measure.objects.with_impact().attention_first())
    in_python = in_attention_order(Measure.objects.with_latest().order_by("name", "pk"))

    assert [(m.name, m.impact) for m in in_python] == [(m.name, m.impact) for m in in_sql]
    assert len({m.impact for m in in_sql}) >= 4
