"""factory-boy factories for every model, shared by all tests."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import LocalAuthority, User
from actions.models import ActionItem, ProgressUpdate, Status, UpdateKind
from inspections.models import (
    Framework,
    Grade,
    ImprovementArea,
    ImprovementKind,
    Inspection,
    InspectionKind,
    Judgement,
    JudgementArea,
    Theme,
)
from measures.models import Comparison, Correction, Direction, Frequency, Measure, MeasureValue, Unit

PASSWORD = "correct-horse-battery-staple"


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Borough {n}")
    code = factory.Sequence(lambda n: f"{900 - n % 900:03d}")
    region = "London"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    password = factory.django.Password(PASSWORD)

    class Params:
        staff = factory.Trait(role=roles.STAFF)
        leader = factory.Trait(role=roles.LEADERS)
        administrator = factory.Trait(role=roles.ADMINISTRATORS, is_staff=True)
        # A superuser runs the platform and belongs to no council.
        platform_administrator = factory.Trait(is_superuser=True, is_staff=True, local_authority=None)

    role = None

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        role = getattr(self, "_role", None)
        if create and role:
            self.groups.add(Group.objects.get(name=role))

    @classmethod
    def _create(cls, model_class, *args, role=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user._role = role
        return user


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    kind = InspectionKind.ILACS_STANDARD
    start_date = datetime.date(2018, 11, 5)
    end_date = factory.LazyAttribute(lambda i: i.start_date + datetime.timedelta(days=11))
    published_on = factory.LazyAttribute(lambda i: i.end_date + datetime.timedelta(days=40))
    lead_inspector = "Dawn Godfrey"
    summary = "A test inspection."


class JudgementAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JudgementArea
        django_get_or_create = ("framework", "name", "applies_from")

    name = factory.Sequence(lambda n: f"Judgement area {n}")
    short_name = factory.LazyAttribute(lambda a: a.name[:60])
    framework = Framework.ILACS
    applies_from = datetime.date(2018, 1, 1)


class JudgementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judgement

    inspection = factory.SubFactory(InspectionFactory)
    area = factory.SubFactory(JudgementAreaFactory)
    grade = Grade.GOOD


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ImprovementAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementArea

    inspection = factory.SubFactory(InspectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    short_title = factory.Sequence(lambda n: f"Improvement area {n}")
    text = "The local authority should improve this."
    kind = ImprovementKind.AREA_FOR_IMPROVEMENT


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An action whose owner belongs to the area's local authority."""

    class Meta:
        model = ActionItem

    improvement_area = factory.SubFactory(ImprovementAreaFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    description = "What we will do."
    owner = factory.SubFactory(
        UserFactory,
        staff=True,
        local_authority=factory.SelfAttribute("..improvement_area.inspection.local_authority"),
    )
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    status = Status.NOT_STARTED
    success_measure = "95% of children have a return home interview."
    completed_on = factory.LazyAttribute(
        lambda a: timezone.localdate() if a.status in (Status.COMPLETED, Status.SIGNED_OFF) else None
    )


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionItemFactory)
    author = factory.SelfAttribute("action.owner")
    kind = UpdateKind.PROGRESS
    status_before = Status.NOT_STARTED
    status_after = Status.IN_PROGRESS
    note = "Started work."


class MeasureFactory(factory.django.DjangoModelFactory):
    """A monthly percentage measure, higher is better, from 60% at the start of 2025 to 90% at the end of 2026."""

    class Meta:
        model = Measure
        skip_postgeneration_save = True

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    description = "Children who went missing and were offered a return home interview within 72 hours."
    unit = Unit.PERCENTAGE
    direction = Direction.HIGHER
    baseline_value = Decimal("60")
    baseline_date = datetime.date(2025, 1, 1)
    target_value = Decimal("90")
    target_date = datetime.date(2026, 12, 31)
    frequency = Frequency.MONTHLY
    owner = None

    @factory.post_generation
    def improvement_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.improvement_areas.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class MeasureValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureValue

    measure = factory.SubFactory(MeasureFactory)
    period_end = datetime.date(2025, 6, 30)
    value = Decimal("70")
    unit = factory.SelfAttribute("measure.unit")
    entered_by = factory.SubFactory(UserFactory, local_authority=factory.SelfAttribute("..measure.local_authority"))


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    measure_value = factory.SubFactory(MeasureValueFactory)
    previous_value = Decimal("68")
    value = factory.SelfAttribute("measure_value.value")
    reason = "The first figure left out two interviews."
    corrected_by = factory.SelfAttribute("measure_value.entered_by")


class ComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comparison

    measure = factory.SubFactory(MeasureFactory)
    label = "England average"
    value = Decimal("77")
    source = "Children looked after in England, 2024"
