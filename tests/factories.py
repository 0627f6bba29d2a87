"""factory-boy factories for every model, shared by all tests."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles, rules
from accounts.models import LocalAuthority, User
from actions import services
from actions.models import DONE_STATUSES, ActionItem, ProgressUpdate, Status, UpdateKind
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


# Surnames that are also the ratings' words on every page: a test that a name is left out would find it.
RATING_WORDS = {"Red", "Amber", "Green"}


def plain_name(kind):
    """A generated British name without an apostrophe and that is not a rating's word: tests compare names
    with pages, which escape an apostrophe (O&#x27;Sullivan) and show "Green" as a RAG rating, so such a
    name would fail them at random."""
    faker = factory.Faker._get_faker(locale="en_GB")
    while (name := getattr(faker, kind)().replace("'", "")) in RATING_WORDS:
        pass
    return name


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyFunction(lambda: plain_name("first_name"))
    last_name = factory.LazyFunction(lambda: plain_name("last_name"))
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


def platform_administrator():
    """Who makes the factories' actions unless a test says otherwise: creates, signs off and withdraws
    them. One person, in no council, so no council's people, lists or emails count them."""
    return UserFactory(
        username="platform.admin", first_name="Platform", last_name="Administrator", platform_administrator=True
    )


# The steps an action takes from Not started to each status, as (status, note); signing off is a leader's.
_STEPS_TO = {
    Status.NOT_STARTED: [],
    Status.IN_PROGRESS: [(Status.IN_PROGRESS, "Started work.")],
    Status.BLOCKED: [(Status.IN_PROGRESS, "Started work."), (Status.BLOCKED, "Waiting for the data.")],
    Status.COMPLETED: [(Status.IN_PROGRESS, "Started work."), (Status.COMPLETED, "Delivered.")],
    Status.SIGNED_OFF: [
        (Status.IN_PROGRESS, "Started work."),
        (Status.COMPLETED, "Delivered."),
        (Status.SIGNED_OFF, "Checked and signed off."),
    ],
}
# A factory action's history starts this many days before today or its due date, whichever is earlier:
# long enough ago that its creation is no recent assignment (My actions, the at-once and weekly emails).
HISTORY_DAYS = 30


def _spaced(start, end, n):
    """n times after start, evenly spaced, the last at end."""
    return [start + (end - start) * k / n for k in range(1, n + 1)]


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An action made the way a real one is, through actions.services: created by `created_by` (by
    default platform_administrator), then taken to `status` by its owner's progress updates (signed off
    by its creator, or the platform administrator) and withdrawn at `archived_at` if given, so it has a
    real action's history.

    The history starts HISTORY_DAYS before the earliest of today, the due date (the service refuses a
    due date that has passed) and `completed_on`; the last step is dated now, and a done action was
    completed today unless `completed_on` says otherwise. `build()` makes an unsaved row with no history.
    """

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
    created_by = None
    archived_at = None

    @classmethod
    def _create(cls, model_class, *, status, completed_on, created_by, archived_at, created_at=None, **fields):
        unknown = set(fields) - {"improvement_area", "owner", "title", "description", "due_date", "success_measure"}
        if unknown:
            raise TypeError(f"ActionItemFactory makes actions through actions.services, which set {unknown} itself.")
        creator = created_by or platform_administrator()
        leader = creator if rules.can_sign_off(creator) else platform_administrator()
        now = min(timezone.now(), archived_at) if archived_at else timezone.now()
        today = timezone.localdate(now)
        # A done action is completed now, unless the test gives another day.
        completed_at = now
        if status in DONE_STATUSES and completed_on not in (None, today):
            completed_at = timezone.make_aware(datetime.datetime.combine(completed_on, datetime.time(12)))
        first_day = min(today, fields["due_date"], timezone.localdate(completed_at))
        starts_on = first_day - datetime.timedelta(days=HISTORY_DAYS)
        start = created_at or timezone.make_aware(datetime.datetime.combine(starts_on, timezone.localtime(now).time()))

        action = services.create_action(created_by=creator, at=start, **fields)
        steps = _STEPS_TO[status]
        # The steps up to completion lead to completed_at; any after it (signing off) to now.
        to_completion = next((n + 1 for n, (step, _) in enumerate(steps) if step == Status.COMPLETED), len(steps))
        times = _spaced(start, completed_at, to_completion) + _spaced(completed_at, now, len(steps) - to_completion)
        for (step, note), at in zip(steps, times, strict=True):
            author = leader if step == Status.SIGNED_OFF else action.owner
            services.record_progress(action=action, author=author, status=step, note=note, at=at)
        if archived_at:
            services.archive_action(action=action, by=leader, at=archived_at)
        return action


def after_creation(action):
    """An action's history after the row that records its creation (which every action has), newest
    first: for a not-started factory action, what the test itself then wrote."""
    return action.updates.exclude(kind=UpdateKind.CREATED)


def move_due_date(action, *, by, due_date, reason, at=None):
    """The action's due date moved by `by` through actions.services.update_action, everything else kept."""
    action.refresh_from_db()
    return services.update_action(
        action=action,
        author=by,
        improvement_area=action.improvement_area,
        title=action.title,
        description=action.description,
        owner=action.owner,
        due_date=due_date,
        success_measure=action.success_measure,
        due_date_reason=reason,
        at=at,
    )


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """A progress update recorded through actions.services.record_progress, which changes the action.

    By default its owner starts a not-started action, or adds a note at its present status; a signed-off
    action takes no updates. `status_before` must be the action's status: the service records it.
    """

    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionItemFactory)
    status_before = factory.SelfAttribute("action.status")
    status_after = factory.LazyAttribute(
        lambda u: Status.IN_PROGRESS if u.status_before == Status.NOT_STARTED else u.status_before
    )
    author = factory.LazyAttribute(
        lambda u: platform_administrator() if u.status_after == Status.SIGNED_OFF else u.action.owner
    )
    kind = factory.LazyAttribute(
        lambda u: UpdateKind.SIGNED_OFF if u.status_after == Status.SIGNED_OFF else UpdateKind.PROGRESS
    )
    note = factory.LazyAttribute(
        lambda u: "Started work." if u.status_before != u.status_after else "Work goes on as planned."
    )

    @classmethod
    def _create(cls, model_class, *, action, author, kind, status_before, status_after, note, created_at=None):
        if status_before != action.status:
            raise ValueError(
                f"The action is {action.status}, not {status_before}: record_progress records the status."
            )
        update = services.record_progress(action=action, author=author, status=status_after, note=note, at=created_at)
        if update.kind != kind:
            raise ValueError(f"record_progress wrote a {update.kind} row, not {kind}; use the service that writes it.")
        return update


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
