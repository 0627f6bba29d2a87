"""Add about 20 measures, each with three years of monthly values, to every authority that has none yet.

    python manage.py generate_scale_data && python manage.py generate_scale_measures

For sizing the service (make bench runs it after generate_scale_data). Bromley and Essex, whose data is
real or demo, are left alone. Rows are written in bulk, not through measures.services, which write one value
at a time; the generator keeps their rules itself: percentages between 0 and 100, one value per period, no
period end in the future, each measure's owner one of its authority's people, target not before baseline.
"""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import LocalAuthority
from inspections.models import ImprovementArea
from measures.models import Direction, Frequency, Measure, MeasureValue, Unit, month_end

MONTHS = 36
# The measures councils commonly report to their improvement boards.
NAMES = [
    ("Return home interviews offered within 72 hours", Unit.PERCENTAGE, Direction.HIGHER),
    ("Return home interviews that took place", Unit.PERCENTAGE, Direction.HIGHER),
    ("Children's reviews held on time", Unit.PERCENTAGE, Direction.HIGHER),
    ("Children in care with an up-to-date medical", Unit.PERCENTAGE, Direction.HIGHER),
    ("Children in care with an up-to-date dental check", Unit.PERCENTAGE, Direction.HIGHER),
    ("Personal education plans up to date", Unit.PERCENTAGE, Direction.HIGHER),
    ("Permanent social workers", Unit.PERCENTAGE, Direction.HIGHER),
    ("Social workers' average caseload", Unit.NUMBER, Direction.LOWER),
    ("Assessments completed within 45 working days", Unit.PERCENTAGE, Direction.HIGHER),
    ("Child protection visits within timescale", Unit.PERCENTAGE, Direction.HIGHER),
    ("Re-referrals within 12 months", Unit.PERCENTAGE, Direction.LOWER),
    ("Children with three or more placements in a year", Unit.PERCENTAGE, Direction.LOWER),
    ("Care leavers in education, employment or training", Unit.PERCENTAGE, Direction.HIGHER),
    ("Care leavers in suitable accommodation", Unit.PERCENTAGE, Direction.HIGHER),
    ("Care leavers with a pathway plan", Unit.PERCENTAGE, Direction.HIGHER),
    ("Days from referral to strategy discussion", Unit.DAYS, Direction.LOWER),
    ("Initial child protection conferences within 15 days", Unit.PERCENTAGE, Direction.HIGHER),
    ("Supervision held on time", Unit.PERCENTAGE, Direction.HIGHER),
    ("Audits rated good or better", Unit.PERCENTAGE, Direction.HIGHER),
    ("Children seen alone on visits", Unit.PERCENTAGE, Direction.HIGHER),
]
BATCH_SIZE = 2000


def _path(rng, baseline, target, months, unit):
    """A believable monthly path from the baseline towards (or away from) the target."""
    pace = rng.choice([1.1, 0.9, 0.6, -0.2])
    for month in range(months):
        amount = baseline + (target - baseline) * pace * (month + 1) / months + rng.uniform(-2, 2)
        amount = max(0.0, min(100.0, amount)) if unit == Unit.PERCENTAGE else max(0.0, amount)
        yield Decimal(str(round(amount, 1)))


class Command(BaseCommand):
    help = "Add about 20 measures with three years of monthly values to every authority that has none."

    def add_arguments(self, parser):
        parser.add_argument("--measures-per-authority", type=int, default=len(NAMES))
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        started = time.monotonic()
        rng = random.Random(options["seed"])
        today = timezone.localdate()
        start = month_end(today, -MONTHS - 1)
        User = get_user_model()
        authorities = LocalAuthority.objects.exclude(code__in=["305", "881"]).filter(measures__isnull=True)
        measures_made = values_made = 0
        for authority in authorities:
            people = list(User.objects.filter(local_authority=authority, is_active=True).values_list("pk", flat=True))
            if not people:
                continue
            areas = list(
                ImprovementArea.objects.filter(inspection__local_authority=authority).values_list("pk", flat=True)
            )
            with transaction.atomic():
                measures = []
                for name, unit, direction in NAMES[: options["measures_per_authority"]]:
                    low, high = (40, 95) if unit == Unit.PERCENTAGE else (5, 30)
                    baseline, target = sorted([rng.uniform(low, high), rng.uniform(low, high)])
                    if direction == Direction.LOWER:
                        baseline, target = target, baseline
                    measures.append(
                        Measure(
                            local_authority=authority,
                            name=name,
                            unit=unit,
                            direction=direction,
                            baseline_value=Decimal(str(round(baseline, 1))),
                            baseline_date=start,
                            target_value=Decimal(str(round(target, 1))),
                            target_date=start + datetime.timedelta(days=rng.choice([3, 4]) * 365),
                            frequency=Frequency.MONTHLY,
                            owner_id=rng.choice(people),
                        )
                    )
                Measure.objects.bulk_create(measures)
                links = Measure.improvement_areas.through
                link_rows = [
                    links(measure_id=measure.pk, improvementarea_id=area)
                    for measure in measures
                    for area in (rng.sample(areas, min(2, len(areas))) if areas else [])
                ]
                links.objects.bulk_create(link_rows)
                # Some measures stop reporting a few months before today: no recent data.
                rows = []
                for measure in measures:
                    months = MONTHS - rng.choice([0, 0, 0, 0, 4])
                    amounts = _path(
                        rng, float(measure.baseline_value), float(measure.target_value), months, measure.unit
                    )
                    for month, amount in enumerate(amounts):
                        period_end = month_end(start, month + 1)
                        if period_end > today:
                            break
                        rows.append(
                            MeasureValue(
                                measure=measure,
                                period_end=period_end,
                                value=amount,
                                unit=measure.unit,
                                entered_by_id=measure.owner_id,
                                entered_at=timezone.make_aware(
                                    datetime.datetime.combine(period_end, datetime.time(12))
                                ),
                            )
                        )
                MeasureValue.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            measures_made += len(measures)
            values_made += len(rows)
        elapsed = round(time.monotonic() - started, 1)
        self.stdout.write(f"Added {measures_made} measures and {values_made} values in {elapsed} s.")
