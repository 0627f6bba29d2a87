"""The clocks an inspection starts: the date the council received the report, the milestones that follow,
and the government's interventions in an authority.

This app builds on `accounts` and `inspections` and imports no app beside or above it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format

from accounts.models import LocalAuthority
from accounts.scoping import ScopedQuerySet
from inspections.models import ImprovementKind, Inspection, InspectionKind

from .working_days import WorkingCalendar

# Ofsted's expectations after an inspection, in working days from the council receiving the report or letter.
FINAL_PLAN_WORKING_DAYS = 70
EARLY_DRAFT_WORKING_DAYS = 20
# A deadline not yet met turns red this many working days before it.
DUE_SOON_WORKING_DAYS = 5

# Inspections after which Ofsted expects an action plan whatever they found; a focused visit only when it
# names areas for priority action. Monitoring visits follow a plan already written.
PLAN_AFTER = {InspectionKind.SIF, InspectionKind.ILACS_STANDARD, InspectionKind.ILACS_SHORT}


class ClosureDayQuerySet(ScopedQuerySet):
    def applying_to(self, local_authority_id):
        """The closure days of one authority: its own and those for every council."""
        return self.filter(Q(local_authority__isnull=True) | Q(local_authority_id=local_authority_id))

    def calendar_for(self, local_authority_id) -> WorkingCalendar:
        """The authority's working-day calendar. One query."""
        return WorkingCalendar(self.applying_to(local_authority_id).values_list("date", flat=True))


class ClosureDay(models.Model):
    """A day that is not a working day beyond weekends and the bank holidays the `holidays` package knows:
    a one-off bank holiday announced late, or a council's own closure day."""

    local_authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closure_days",
        help_text="Leave empty for a day closed across England and Wales, such as a one-off bank holiday.",
    )
    date = models.DateField()
    name = models.CharField(max_length=100, help_text="For example, “Council closure day”.")

    objects = ClosureDayQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "date"],
                condition=Q(local_authority__isnull=False),
                name="closure_day_unique_per_authority",
                violation_error_message="This council already has a closure day on this date.",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(local_authority__isnull=True),
                name="closure_day_unique_nationally",
                violation_error_message="There is already a closure day for every council on this date.",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {date_format(self.date)}"


def statutory_milestones(inspection, *, names_priority_actions):
    """The milestones Ofsted expects after an inspection, as (kind, working days after receipt)."""
    if inspection.kind == InspectionKind.FOCUSED_VISIT and names_priority_actions:
        return [
            (MilestoneKind.EARLY_DRAFT, EARLY_DRAFT_WORKING_DAYS),
            (MilestoneKind.FINAL_PLAN, FINAL_PLAN_WORKING_DAYS),
        ]
    if inspection.kind in PLAN_AFTER:
        return [(MilestoneKind.FINAL_PLAN, FINAL_PLAN_WORKING_DAYS)]
    return []


def names_priority_actions(inspection):
    """Whether the report names areas for priority action. One query."""
    return inspection.improvement_areas.filter(kind=ImprovementKind.AREA_FOR_PRIORITY_ACTION).exists()


class ReportReceiptQuerySet(ScopedQuerySet):
    local_authority_field = "inspection__local_authority"


class ReportReceipt(models.Model):
    """When the council received the inspection's report or letter: Ofsted's deadlines count from it."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="receipt")
    received_on = models.DateField("date received")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportReceiptQuerySet.as_manager()

    def __str__(self):
        return f"{self.inspection.title}: received {date_format(self.received_on)}"


class MilestoneKind(models.TextChoices):
    EARLY_DRAFT = "early_draft", "Early draft of the action plan to Ofsted"
    FINAL_PLAN = "final_plan", "Final action plan to Ofsted"
    IMPROVEMENT_BOARD = "improvement_board", "Improvement board meeting"
    SCRUTINY = "scrutiny", "Scrutiny committee"
    CABINET = "cabinet", "Cabinet"
    DFE_REVIEW = "dfe_review", "Department for Education review meeting"
    SELF_EVALUATION = "self_evaluation", "Annual self-evaluation"
    ENGAGEMENT_MEETING = "engagement_meeting", "Annual engagement meeting with Ofsted"
    INTERVENTION_REPORT = "intervention_report", "Progress report to the Department for Education"


# Worked out from the receipt date, one of each per inspection, submitted to Ofsted.
STATUTORY_KINDS = (MilestoneKind.EARLY_DRAFT, MilestoneKind.FINAL_PLAN)
# The plan's own milestones that leaders add.
GOVERNANCE_KINDS = (
    MilestoneKind.IMPROVEMENT_BOARD,
    MilestoneKind.SCRUTINY,
    MilestoneKind.CABINET,
    MilestoneKind.DFE_REVIEW,
    MilestoneKind.SELF_EVALUATION,
    MilestoneKind.ENGAGEMENT_MEETING,
)
# Milestones met by sending something, so "submitted on" applies and lateness counts.
SUBMITTED_KINDS = (*STATUTORY_KINDS, MilestoneKind.INTERVENTION_REPORT)


class OfstedResponse(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    CHANGES_REQUESTED = "changes_requested", "Asked for changes"


class MilestoneQuerySet(ScopedQuerySet):
    def ahead(self, today):
        """Still to come or still to meet: a date from today on, or a submission not yet made."""
        return self.filter(Q(due_on__gte=today) | Q(kind__in=SUBMITTED_KINDS, submitted_on__isnull=True))


class Milestone(models.Model):
    """A dated step of the plan: a deadline Ofsted set, a meeting of the plan's governance, or a report the
    Department for Education requires. For the kinds in SUBMITTED_KINDS the council records when it sent it
    and, for Ofsted's, Ofsted's response."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="milestones")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="milestones"
    )
    intervention = models.ForeignKey(
        "Intervention", on_delete=models.CASCADE, null=True, blank=True, related_name="milestones"
    )
    kind = models.CharField(max_length=30, choices=MilestoneKind.choices)
    description = models.CharField(max_length=200, blank=True, help_text="For example, “March board: quarter 3”.")
    due_on = models.DateField("date")
    submitted_on = models.DateField(null=True, blank=True)
    response = models.CharField("Ofsted's response", max_length=20, choices=OfstedResponse.choices, blank=True)
    response_on = models.DateField("date of Ofsted's response", null=True, blank=True)
    response_note = models.TextField("what Ofsted asked to change", blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "kind"],
                condition=Q(kind__in=STATUTORY_KINDS),
                name="milestone_statutory_once_per_inspection",
                violation_error_message="This inspection already has this deadline.",
            ),
            models.CheckConstraint(
                condition=Q(response="") | Q(submitted_on__isnull=False, response_on__isnull=False),
                name="milestone_response_after_submission",
                violation_error_message="Record the submission and the date of the response first.",
            ),
            models.CheckConstraint(
                condition=Q(response_on__isnull=True) | Q(response_on__gte=F("submitted_on")),
                name="milestone_response_not_before_submission",
                violation_error_message="The response must be on or after the date it was submitted.",
            ),
        ]
        indexes = [
            # The dashboard reads an authority's next milestones, earliest first.
            models.Index(fields=["local_authority", "due_on"], name="milestone_la_due_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        label = self.get_kind_display()
        return f"{label}: {self.description}" if self.description else label

    @property
    def is_statutory(self):
        return self.kind in STATUTORY_KINDS

    @property
    def is_submitted_kind(self):
        return self.kind in SUBMITTED_KINDS

    @property
    def awaits_response(self):
        return self.is_statutory and self.submitted_on is not None and not self.response

    def status(self, today, calendar: WorkingCalendar) -> "DeadlineStatus":
        return DeadlineStatus.of(self, today, calendar)


def _days(count):
    return f"{count} working day{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class DeadlineStatus:
    """How a milestone stands today, in working days, as the tag beside it says it.

    Red when a submission is overdue or due within DUE_SOON_WORKING_DAYS; green once submitted.
    """

    text: str
    colour: str  # a GOV.UK tag colour

    @property
    def is_urgent(self):
        return self.colour == "red"

    @classmethod
    def of(cls, milestone, today, calendar):
        due = milestone.due_on
        if milestone.is_submitted_kind and milestone.submitted_on:
            submitted = milestone.submitted_on
            margin = calendar.between(submitted, due)
            when = f"submitted on {date_format(submitted)}"
            if margin > 0:
                return cls(f"{when}, {_days(margin)} early", "green")
            if margin < 0:
                return cls(f"{when}, {_days(-margin)} late", "orange")
            return cls(f"{when}, on the day it was due", "green")
        ahead = calendar.between(today, due)
        if milestone.is_submitted_kind:
            if due < today:
                return cls(f"overdue by {_days(calendar.between(due, today))}", "red")
            if due == today:
                return cls("due today", "red")
            return cls(f"due in {_days(ahead)}", "red" if ahead <= DUE_SOON_WORKING_DAYS else "blue")
        if due < today:
            return cls("passed", "grey")
        if due == today:
            return cls("today", "blue")
        return cls(f"in {_days(ahead)}", "blue")


class MilestoneEventKind(models.TextChoices):
    DUE_DATE_SET = "due_date_set", "Date worked out"
    ADDED = "added", "Added"
    SUBMITTED = "submitted", "Submission recorded"
    RESPONSE = "response", "Ofsted's response recorded"


class MilestoneEvent(models.Model):
    """A milestone's append-only history, written by deadlines.services alone."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=MilestoneEventKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    note = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.note}"


class InterventionKind(models.TextChoices):
    DFE_ADVISER = "dfe_adviser", "Department for Education adviser"
    IMPROVEMENT_NOTICE = "improvement_notice", "Improvement notice"
    STATUTORY_DIRECTION = "statutory_direction", "Statutory direction (s.497A Education Act 1996)"
    COMMISSIONER = "commissioner", "Commissioner"
    IMPROVEMENT_PARTNER = "improvement_partner", "Improvement partner"
    SECTOR_LED_SUPPORT = "sector_led_support", "Sector-led support"


class DatePrecision(models.TextChoices):
    DAY = "day", "The exact day"
    MONTH = "month", "The month only (the source gives no day)"
    YEAR = "year", "The year only (the source gives no month)"


def describe_date(day, precision):
    """ "9 January 2019", or "January 2019" when only the month is known, "2016" when only the year."""
    if day is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    return f"{day:%B %Y}" if precision == DatePrecision.MONTH else date_format(day)


class InterventionQuerySet(ScopedQuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)


class Intervention(models.Model):
    """Government intervention in or support for an authority's children's services."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="interventions")
    kind = models.CharField(max_length=30, choices=InterventionKind.choices)
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name="inspection that led to it",
    )
    who = models.CharField(
        max_length=200, blank=True, help_text="The commissioner's, adviser's or partner's name, if it has one."
    )
    requires = models.TextField(
        "what it requires", blank=True, help_text="For example, quarterly progress reports to the Department."
    )
    started_on = models.DateField("start date")
    started_precision = models.CharField(
        "start date known to", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended_on = models.DateField("end date", null=True, blank=True, help_text="Leave empty while it is in place.")
    ended_precision = models.CharField(
        "end date known to", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_reason = models.CharField(
        "why it ended",
        max_length=300,
        blank=True,
        help_text="For example, “Lifted after the November 2018 inspection”.",
    )
    next_report_due = models.DateField(
        null=True,
        blank=True,
        help_text="When it requires reports, the next one's due date: it becomes a milestone on the dashboard.",
    )
    source = models.CharField(
        max_length=500, blank=True, help_text="Where this record came from, and what the source leaves unsaid."
    )

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["local_authority", "-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="intervention_end_not_before_start",
                violation_error_message="The end date must be the same as or after the start date.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.started}"

    def get_absolute_url(self):
        return f"{reverse('intervention_list')}#intervention-{self.pk}"

    def clean(self):
        # The same rule as the constraint, said beside the end date in the admin.
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be the same as or after the start date."})
        if self.next_report_due and self.ended_on:
            raise ValidationError({"next_report_due": "An intervention that has ended requires no more reports."})

    @property
    def started(self):
        return describe_date(self.started_on, self.started_precision)

    @property
    def ended(self):
        return describe_date(self.ended_on, self.ended_precision)


class InterventionReviewQuerySet(ScopedQuerySet):
    local_authority_field = "intervention__local_authority"


class InterventionReview(models.Model):
    """A review of an intervention: a commissioner's report, a review meeting."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("date")
    precision = models.CharField(
        "date known to", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    summary = models.TextField(help_text="What the review found or recommended.")
    source = models.CharField(max_length=500, blank=True)

    objects = InterventionReviewQuerySet.as_manager()

    class Meta:
        ordering = ["reviewed_on", "pk"]

    def __str__(self):
        return f"Review, {self.when}"

    @property
    def when(self):
        return describe_date(self.reviewed_on, self.precision)
