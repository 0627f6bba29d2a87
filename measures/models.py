"""Whether the plan is making a difference: measures, their values and the corrections to them.

This app builds on `accounts` and `inspections` and never imports the apps beside or above it.
"""

import datetime
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import BigIntegerField, Case, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Greatest, Least, Round
from django.urls import reverse
from django.utils import timezone

from accounts.models import LocalAuthority
from accounts.scoping import ScopedQuerySet
from inspections.models import ImprovementArea, Theme

# Values are kept to two decimal places; the rating compares them in hundredths, exactly, in Python and SQL.
DECIMAL_PLACES = 2
MAX_DIGITS = 10
SCALE = 10**DECIMAL_PLACES


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    NUMBER = "number", "Number"
    DAYS = "days", "Days"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"


# The length of one reporting period in days, generously: "two periods" covers a value that comes in late.
PERIOD_DAYS = {Frequency.MONTHLY: 31, Frequency.QUARTERLY: 92, Frequency.ANNUALLY: 366}


class Impact(models.TextChoices):
    """A measure's impact rating, best first. Derived, never typed in."""

    MET = "met", "Met"
    ON_TRACK = "on_track", "On track"
    BEHIND = "behind", "Behind"
    OFF_TRACK = "off_track", "Off track"
    NO_DATA = "no_data", "No data"


# Lists show the measures that need attention first.
ATTENTION_ORDER = [Impact.OFF_TRACK, Impact.BEHIND, Impact.NO_DATA, Impact.ON_TRACK, Impact.MET]


def scaled(value):
    """A value in hundredths, as an integer: what the rating compares."""
    return int((Decimal(value) * SCALE).to_integral_value(rounding=ROUND_HALF_UP))


def stale_before(frequency, today):
    """A latest value for a period that ended before this date is too old to rate: no value in two periods."""
    return today - datetime.timedelta(days=2 * PERIOD_DAYS[frequency])


def impact_for(
    *, direction, frequency, baseline_value, baseline_date, target_value, target_date, latest_value, latest_date, today
):
    """The impact rating of a measure's latest value; MeasureQuerySet.with_impact() says the same in SQL.

    The value expected at a date is the straight line from the baseline (at its date) to the target (at its
    date). No data: no value in the last two reporting periods. Met: the target is reached. Off track: no better
    than the baseline, or the target date has passed unmet. On track: at or better than expected at the latest
    value's period end. Behind: worse than expected but better than the baseline.

    Compared without dividing (multiplied across by the number of days), so that nothing is rounded.
    """
    if latest_value is None or latest_date < stale_before(frequency, today):
        return Impact.NO_DATA
    sign = 1 if direction == Direction.HIGHER else -1
    latest, baseline, target = scaled(latest_value), scaled(baseline_value), scaled(target_value)
    if sign * (latest - target) >= 0:
        return Impact.MET
    if target_date < today or sign * (latest - baseline) <= 0:
        return Impact.OFF_TRACK
    span = (target_date - baseline_date).days
    elapsed = min(max((latest_date - baseline_date).days, 0), span)
    if sign * (latest - baseline) * span >= sign * (target - baseline) * elapsed:
        return Impact.ON_TRACK
    return Impact.BEHIND


class DaysBetween(Func):
    """The whole number of days from `start` to `end` (negative if `end` is earlier)."""

    output_field = BigIntegerField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)", arg_joiner=") - julianday("
        )


def _scaled_sql(expression):
    return Cast(Round(expression * Value(SCALE)), BigIntegerField())


class MeasureQuerySet(ScopedQuerySet):
    def with_latest(self):
        """Annotate `latest_value` and `latest_date`: the value of the latest period, and that period's end."""
        values = MeasureValue.objects.filter(measure=OuterRef("pk")).order_by("-period_end")
        return self.annotate(
            latest_value=Subquery(values.values("value")[:1]),
            latest_date=Subquery(values.values("period_end")[:1]),
        )

    def with_impact(self, today=None):
        """Annotate `impact_value` in SQL, so that lists can filter, count and order by it; `measure.impact`
        reads it. The same rule as impact_for(), in the same integer arithmetic."""
        today = today or timezone.localdate()
        sign = Case(When(direction=Direction.HIGHER, then=Value(1)), default=Value(-1), output_field=BigIntegerField())
        latest, baseline, target = (
            _scaled_sql(F(name)) for name in ("latest_value", "baseline_value", "target_value")
        )
        span = DaysBetween(F("target_date"), F("baseline_date"))
        elapsed = Least(Greatest(DaysBetween(F("latest_date"), F("baseline_date")), Value(0)), span)
        stale = Q()
        for frequency in Frequency:
            stale |= Q(frequency=frequency, latest_date__lt=stale_before(frequency, today))
        rules = [
            (Q(latest_value__isnull=True) | stale, Impact.NO_DATA),
            (Q(_to_target__gte=0), Impact.MET),
            (Q(target_date__lt=today) | Q(_gain__lte=0), Impact.OFF_TRACK),
            (Q(_on_line__gte=0), Impact.ON_TRACK),
        ]

        def rating(value, output_field):
            return Case(
                *[When(condition, then=Value(value(impact))) for condition, impact in rules],
                default=Value(value(Impact.BEHIND)),
                output_field=output_field,
            )

        return (
            self.with_latest()
            .alias(
                _gain=sign * (latest - baseline),
                _to_target=sign * (latest - target),
                _on_line=sign * (latest - baseline) * span - sign * (target - baseline) * elapsed,
            )
            .annotate(impact_value=rating(lambda impact: impact.value, models.CharField()))
            # The rating's place in ATTENTION_ORDER by the same rules: ordering by a Case over impact_value
            # would write the whole rating into the SQL once per rating.
            .alias(_attention=rating(ATTENTION_ORDER.index, models.IntegerField()))
        )

    def attention_first(self):
        """Off track first, then behind, no data, on track and met; by name within each. Needs with_impact()."""
        return self.order_by("_attention", "name", "pk")

    def for_list(self):
        return self.select_related("owner", "local_authority")


def in_attention_order(measures, today=None):
    """Measures already in order by name (after with_latest()), rated on `today` in Python and put in
    attention_first()'s order: a short list needs no rating compiled into its SQL."""
    today = today or timezone.localdate()
    measures = list(measures)
    for measure in measures:
        # Rated once, kept as with_impact() would have annotated it.
        measure.impact_value = measure.impact_on(today)
    return sorted(measures, key=lambda measure: ATTENTION_ORDER.index(measure.impact_value))


class Measure(models.Model):
    """Something the council counts to show whether its plan is making a difference for children."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="measures")
    name = models.CharField(max_length=200)
    description = models.TextField("what it counts", blank=True)
    numerator_description = models.CharField("numerator", max_length=300, blank=True)
    denominator_description = models.CharField("denominator", max_length=300, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.PERCENTAGE)
    direction = models.CharField("which is better", max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    baseline_value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    baseline_date = models.DateField()
    target_value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    target_date = models.DateField()
    frequency = models.CharField("how often it is reported", max_length=20, choices=Frequency.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="owned_measures"
    )
    improvement_areas = models.ManyToManyField(ImprovementArea, blank=True, related_name="measures")
    themes = models.ManyToManyField(Theme, blank=True, related_name="measures")
    source = models.CharField(
        max_length=500, blank=True, help_text="Where the baseline came from, for example the report's name."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        permissions = [("add_measure_value", "Can add and correct any measure's values")]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gte=F("baseline_date")),
                name="measure_target_not_before_baseline",
                violation_error_message="The target date must be the same as or after the baseline date.",
            ),
            models.CheckConstraint(
                condition=~Q(unit=Unit.PERCENTAGE)
                | Q(baseline_value__gte=0, baseline_value__lte=100, target_value__gte=0, target_value__lte=100),
                name="measure_percentages_in_range",
                violation_error_message="A percentage must be between 0 and 100.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("measure_detail", args=[self.pk])

    @property
    def impact(self):
        """Its impact rating: as the list's query annotated it (with_impact), or worked out here from the
        latest value (annotated by with_latest(), or else read: one query)."""
        if hasattr(self, "impact_value"):
            return self.impact_value
        return self.impact_on(timezone.localdate())

    def impact_on(self, today):
        """Its impact rating on `today`, worked out here (impact_for)."""
        if hasattr(self, "latest_value"):  # annotated by with_latest()
            latest_value, latest_date = self.latest_value, self.latest_date
        else:
            latest = self.latest
            latest_value, latest_date = (latest.value, latest.period_end) if latest else (None, None)
        return impact_for(
            direction=self.direction,
            frequency=self.frequency,
            baseline_value=self.baseline_value,
            baseline_date=self.baseline_date,
            target_value=self.target_value,
            target_date=self.target_date,
            latest_value=latest_value,
            latest_date=latest_date,
            today=today,
        )

    @property
    def latest(self):
        """The value of the latest period, or None. One query."""
        return self.values.order_by("-period_end").first()

    def expected_at(self, date):
        """The value expected at `date`: the straight line from baseline to target, level outside them."""
        span = (self.target_date - self.baseline_date).days
        if span <= 0 or date >= self.target_date:
            return self.target_value if date >= self.target_date else self.baseline_value
        elapsed = max((date - self.baseline_date).days, 0)
        return self.baseline_value + (self.target_value - self.baseline_value) * elapsed / span

    def next_due(self, latest_date=None):
        """When the next value is due: one period after the latest (or the baseline), at the period's end."""
        start = latest_date or self.baseline_date
        months = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUALLY: 12}[self.frequency]
        return month_end(start, months)

    def format(self, value):
        """A value as the pages write it: "95%", "12.5 days", "84"."""
        if value is None:
            return ""
        text = f"{Decimal(value).normalize():f}"
        if self.unit == Unit.PERCENTAGE:
            return f"{text}%"
        if self.unit == Unit.DAYS:
            return f"{text} day" if Decimal(value) == 1 else f"{text} days"
        return text


def month_end(date, months_after):
    """The last day of the month `months_after` months after `date`'s month."""
    index = date.year * 12 + date.month - 1 + months_after + 1
    first_of_next = datetime.date(index // 12, index % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


class Comparison(models.Model):
    """A value to compare a measure with, such as the England average or statistical neighbours'."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="comparisons")
    label = models.CharField(max_length=100, help_text="For example, England average.")
    value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    source = models.CharField(max_length=300, blank=True)
    as_at = models.DateField("date", null=True, blank=True)

    class Meta:
        ordering = ["label", "pk"]

    def __str__(self):
        return f"{self.label}: {self.value}"


class MeasureValueQuerySet(ScopedQuerySet):
    local_authority_field = "measure__local_authority"


class MeasureValue(models.Model):
    """A measure's value for one period. Changed only by a correction, which keeps what it replaced."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    period_end = models.DateField()
    value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    # The measure's unit, kept here so that the database can hold a percentage between 0 and 100.
    unit = models.CharField(max_length=20, choices=Unit.choices, editable=False)
    # Empty for a value taken from a published source (the seed data), which nobody entered here.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = MeasureValueQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_end"],
                name="measure_value_one_per_period",
                violation_error_message="This measure already has a value for this period.",
            ),
            models.CheckConstraint(
                condition=~Q(unit=Unit.PERCENTAGE) | Q(value__gte=0, value__lte=100),
                name="measure_value_percentage_in_range",
                violation_error_message="A percentage must be between 0 and 100.",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=True) | Q(numerator__lte=F("denominator")),
                name="measure_value_numerator_not_above_denominator",
                violation_error_message="The numerator must not be more than the denominator.",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__gt=0),
                name="measure_value_numerator_with_denominator",
                violation_error_message="Enter both a numerator and a denominator above 0, or neither.",
            ),
        ]

    def __str__(self):
        return f"{self.period_end:%B %Y}: {self.value}"


def value_from(*, unit, numerator, denominator):
    """The value a numerator and denominator give: a percentage, or their ratio, to two decimal places."""
    ratio = Decimal(numerator) / Decimal(denominator)
    if unit == Unit.PERCENTAGE:
        ratio *= 100
    return ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class CorrectionQuerySet(ScopedQuerySet):
    local_authority_field = "measure_value__measure__local_authority"


class Correction(models.Model):
    """A correction of a value: what it replaced, who corrected it, when and why. Never changed or deleted."""

    measure_value = models.ForeignKey(MeasureValue, on_delete=models.PROTECT, related_name="corrections")
    previous_value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    previous_numerator = models.PositiveIntegerField(null=True, blank=True)
    previous_denominator = models.PositiveIntegerField(null=True, blank=True)
    previous_note = models.TextField(blank=True)
    value = models.DecimalField("corrected value", max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    reason = models.TextField()
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="correction_has_reason",
                violation_error_message="Enter the reason for the correction.",
            ),
        ]

    def __str__(self):
        return f"{self.previous_value} → {self.value}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError("Corrections are history; they are never changed.")
        super().save(*args, **kwargs)


def impact_counts(measures):
    """[(impact, label, count)] for every rating, best first, over measures rated by with_impact() or
    annotated by with_latest()."""
    counts = Counter(measure.impact for measure in measures)
    return [(value, label, counts[value]) for value, label in Impact.choices]
