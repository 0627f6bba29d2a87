"""Load the demo measures of measures/demo.py and their values. Safe to run again.

    python manage.py load_demo_data && python manage.py load_demo_measures

Needs the seed data and the demo accounts that load_demo_data creates. A measure that exists already
(same authority and name) is not created again; a period that has a value keeps it.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import LocalAuthority
from inspections.models import ImprovementArea, Theme
from measures import demo
from measures.models import Frequency, Measure, MeasureValue, month_end
from measures.services import add_value, create_measure


def path(measure: demo.DemoMeasure, months: int):
    """The demo's values, oldest first: along the line from baseline, `progress` of the way to target by now."""
    for month in range(months):
        share = measure.progress * (month + 1) / demo.MONTHS
        amount = measure.baseline + (measure.target - measure.baseline) * share + demo.WOBBLE[month % len(demo.WOBBLE)]
        low, high = (0, 100) if measure.unit == "percentage" else (0, 10**6)
        yield Decimal(str(round(min(max(amount, low), high), 1)))


class Command(BaseCommand):
    help = "Create the demo measures and three years of monthly values for them."

    def handle(self, *args, **options):
        authority = LocalAuthority.objects.filter(code=demo.BROMLEY).first()
        users = {u.username: u for u in get_user_model().objects.filter(username__in={"leader", "staff", "staff2"})}
        if authority is None or "leader" not in users:
            raise CommandError("Run manage.py load_demo_data first: the demo measures need its accounts.")
        today = timezone.localdate()
        # The month before the first value: three years back.
        start = month_end(today, -demo.MONTHS - 1)
        created = values = 0
        with transaction.atomic():
            for item in demo.MEASURES:
                measure = Measure.objects.filter(local_authority=authority, name=item.name).first()
                if measure is None:
                    measure = create_measure(
                        local_authority=authority,
                        by=users["leader"],
                        name=item.name,
                        description=item.description,
                        numerator_description=item.numerator,
                        denominator_description=item.denominator,
                        unit=item.unit,
                        direction=item.direction,
                        baseline_value=Decimal(str(item.baseline)),
                        baseline_date=start,
                        target_value=Decimal(str(item.target)),
                        target_date=start + datetime.timedelta(days=4 * 365),
                        frequency=Frequency.MONTHLY,
                        owner=users[item.owner],
                        source=demo.DEMO_SOURCE,
                        improvement_areas=ImprovementArea.objects.filter(pk__in=item.area_pks),
                        themes=Theme.objects.filter(pk__in=item.theme_pks),
                    )
                    created += 1
                months = demo.MONTHS - item.months_since_last + 1
                existing = set(MeasureValue.objects.filter(measure=measure).values_list("period_end", flat=True))
                for month, amount in enumerate(path(item, months)):
                    period_end = month_end(start, month + 1)
                    if period_end in existing or period_end > today:
                        continue
                    # Entered a few days after the period ended, as figures are.
                    entered = datetime.datetime.combine(period_end + datetime.timedelta(days=6), datetime.time(10))
                    at = min(timezone.make_aware(entered), timezone.now())
                    add_value(measure=measure, by=users[item.owner], period_end=period_end, value=amount, at=at)
                    values += 1
        self.stdout.write(f"Demo measures ready: {created} created, {values} values added.")
