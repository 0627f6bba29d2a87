"""Writes to measures and their values, each in one transaction, with the rules checked here.

Every door (the forms, the admin, the seed and demo data) goes through these, so no value is
overwritten without a correction that keeps what it replaced.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts import rules

from .models import Correction, Measure, MeasureValue, Unit, value_from

FUTURE_PERIOD_MESSAGE = "Period end must be today or in the past"
PERCENTAGE_MESSAGE = "Value must be a percentage between 0 and 100"
NUMERATOR_MESSAGE = "Numerator must be the same as or less than the denominator"
DENOMINATOR_MESSAGE = "Enter a denominator above 0, or leave the numerator and denominator empty"
NUMERATOR_MISSING_MESSAGE = "Enter a numerator, or leave the numerator and denominator empty"
VALUE_MISSING_MESSAGE = "Enter a value, or a numerator and denominator"
REASON_MESSAGE = "Enter the reason for the correction"
TARGET_DATE_MESSAGE = "Target date must be the same as or after the baseline date"
OWNER_MESSAGE = "Choose an owner from the same local authority as the measure"

# The fields of a measure that create_measure and update_measure set.
MEASURE_FIELDS = [
    "name",
    "description",
    "numerator_description",
    "denominator_description",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "frequency",
    "owner",
    "source",
]


def duplicate_period_message(period_end):
    return (
        f"There is already a value for the period ending {date_format(period_end)}. "
        "Correct that value instead of adding another"
    )


def resolve_value(*, unit, value, numerator, denominator, today=None) -> Decimal:
    """The value to keep: the one given, or the one its numerator and denominator give. Raises the errors
    a person can put right, by field."""
    errors = {}
    if numerator is not None and denominator is None:
        errors["denominator"] = DENOMINATOR_MESSAGE
    elif denominator is not None and numerator is None:
        errors["numerator"] = NUMERATOR_MISSING_MESSAGE
    elif denominator is not None and denominator <= 0:
        errors["denominator"] = DENOMINATOR_MESSAGE
    elif numerator is not None and numerator > denominator:
        errors["numerator"] = NUMERATOR_MESSAGE
    if errors:
        raise ValidationError(errors)
    if numerator is not None:
        value = value_from(unit=unit, numerator=numerator, denominator=denominator)
    if value is None:
        raise ValidationError({"value": VALUE_MISSING_MESSAGE})
    if unit == Unit.PERCENTAGE and not 0 <= value <= 100:
        raise ValidationError({"value": PERCENTAGE_MESSAGE})
    if value < 0:
        raise ValidationError({"value": "Value must be 0 or more"})
    return value


def check_period_end(period_end: datetime.date, *, today=None):
    if period_end > (today or timezone.localdate()):
        raise ValidationError({"period_end": FUTURE_PERIOD_MESSAGE})


@transaction.atomic
def add_value(
    *,
    measure: Measure,
    by,
    period_end: datetime.date,
    value: Decimal | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    note: str = "",
    at=None,
) -> MeasureValue:
    """Record a measure's value for a period. A period that has a value already is refused: correct it."""
    if not rules.can_add_measure_value(by, measure):
        raise PermissionDenied("Only the measure's owner or a leader can add its values.")
    check_period_end(period_end, today=timezone.localdate(at) if at else None)
    value = resolve_value(unit=measure.unit, value=value, numerator=numerator, denominator=denominator)
    # Lock the measure: two people adding the same period one after the other get one value and one refusal.
    Measure.objects.select_for_update().filter(pk=measure.pk).first()
    if MeasureValue.objects.filter(measure=measure, period_end=period_end).exists():
        raise ValidationError({"period_end": duplicate_period_message(period_end)}, code="duplicate_period")
    return MeasureValue.objects.create(
        measure=measure,
        period_end=period_end,
        value=value,
        numerator=numerator,
        denominator=denominator,
        note=(note or "").strip(),
        unit=measure.unit,
        entered_by=by,
        entered_at=at or timezone.now(),
    )


@transaction.atomic
def correct_value(
    *,
    measure_value: MeasureValue,
    by,
    reason: str,
    value: Decimal | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    note: str | None = None,
    at=None,
) -> Correction:
    """Correct a value, keeping what it replaced, who corrected it, when and why."""
    reason = (reason or "").strip()
    locked = MeasureValue.objects.select_for_update().select_related("measure").get(pk=measure_value.pk)
    if not rules.can_add_measure_value(by, locked.measure):
        raise PermissionDenied("Only the measure's owner or a leader can correct its values.")
    if not reason:
        raise ValidationError({"reason": REASON_MESSAGE})
    new_value = resolve_value(unit=locked.measure.unit, value=value, numerator=numerator, denominator=denominator)
    correction = Correction.objects.create(
        measure_value=locked,
        previous_value=locked.value,
        previous_numerator=locked.numerator,
        previous_denominator=locked.denominator,
        previous_note=locked.note,
        value=new_value,
        reason=reason,
        corrected_by=by,
        corrected_at=at or timezone.now(),
    )
    locked.value, locked.numerator, locked.denominator = new_value, numerator, denominator
    if note is not None:
        locked.note = note.strip()
    locked.save(update_fields=["value", "numerator", "denominator", "note"])
    return correction


def _check_measure(measure: Measure):
    errors = {}
    if measure.target_date and measure.baseline_date and measure.target_date < measure.baseline_date:
        errors["target_date"] = TARGET_DATE_MESSAGE
    if measure.unit == Unit.PERCENTAGE:
        for field in ("baseline_value", "target_value"):
            amount = getattr(measure, field)
            if amount is not None and not 0 <= amount <= 100:
                errors[field] = f"{field.split('_')[0].capitalize()} must be a percentage between 0 and 100"
    if measure.owner is not None and measure.owner.local_authority_id != measure.local_authority_id:
        errors["owner"] = OWNER_MESSAGE
    if errors:
        raise ValidationError(errors)


def _set_links(measure, improvement_areas, themes):
    if improvement_areas is not None:
        if any(area.inspection.local_authority_id != measure.local_authority_id for area in improvement_areas):
            raise ValidationError({"improvement_areas": "Choose improvement areas of the measure's local authority"})
        measure.improvement_areas.set(improvement_areas)
    if themes is not None:
        measure.themes.set(themes)


@transaction.atomic
def create_measure(*, local_authority, by, improvement_areas=(), themes=(), check_rules=True, **fields) -> Measure:
    """Add a measure to an authority's scorecard. check_rules=False is for the seed data, which nobody enters."""
    if check_rules and not rules.can_create_measure(by):
        raise PermissionDenied("Only a leader can add a measure.")
    measure = Measure(local_authority=local_authority, **{name: fields[name] for name in fields})
    _check_measure(measure)
    measure.save()
    _set_links(measure, list(improvement_areas), list(themes))
    return measure


@transaction.atomic
def update_measure(*, measure: Measure, by, improvement_areas=None, themes=None, **fields) -> Measure:
    """Change a measure. Its values keep its unit, so that a percentage stays between 0 and 100."""
    if not rules.can_edit_measure(by, measure):
        raise PermissionDenied("Only a leader can change a measure.")
    locked = Measure.objects.select_for_update().get(pk=measure.pk)
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"Not a measure's field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(locked, name, value)
    _check_measure(locked)
    if "unit" in fields:
        values = locked.values.all()
        if locked.unit == Unit.PERCENTAGE and values.filter(value__gt=100).exists():
            raise ValidationError(
                {"unit": "Some of this measure's values are above 100, so it cannot be a percentage"}
            )
        values.update(unit=locked.unit)
    locked.save()
    _set_links(locked, improvement_areas, themes)
    return locked
