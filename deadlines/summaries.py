"""What the pages show of deadlines: an inspection's Deadlines section and the dashboard's next deadlines.

Each reads through the user's scoped querysets in a fixed number of queries; the pages in `plans` call these
and include the templates in templates/deadlines/includes/.
"""

from dataclasses import dataclass, field

from inspections.models import InspectionKind

from .models import (
    ClosureDay,
    DeadlineStatus,
    Intervention,
    Milestone,
    MilestoneKind,
    ReportReceipt,
    names_priority_actions,
    statutory_milestones,
)

NEXT_DEADLINES_LIMIT = 5


@dataclass
class Row:
    milestone: Milestone
    status: DeadlineStatus


@dataclass
class InspectionDeadlines:
    inspection: object
    receipt: ReportReceipt | None
    rows: list = field(default_factory=list)
    # What Ofsted expects after this inspection: (kind, working days after receipt).
    expected: list = field(default_factory=list)
    # The government's interventions that followed it.
    interventions: list = field(default_factory=list)

    @property
    def expects_plan(self):
        return bool(self.expected)

    @property
    def expected_text(self):
        """ "early draft of the action plan 20 working days and the final action plan 70 working days" """
        parts = [
            f"{MilestoneKind(kind).label.lower().removesuffix(' to ofsted')} {days} working days"
            for kind, days in self.expected
        ]
        return " and the ".join(parts)

    @property
    def final_plan(self):
        return next((row.milestone for row in self.rows if row.milestone.kind == MilestoneKind.FINAL_PLAN), None)


def inspection_deadlines(user, inspection, today) -> InspectionDeadlines:
    """The inspection's receipt date and milestones with how each stands today. At most five queries."""
    receipt = ReportReceipt.objects.for_user(user).filter(inspection=inspection).first()
    milestones = list(Milestone.objects.for_user(user).filter(inspection=inspection).order_by("due_on", "pk"))
    rows = []
    if milestones:
        calendar = ClosureDay.objects.calendar_for(inspection.local_authority_id)
        rows = [Row(milestone, milestone.status(today, calendar)) for milestone in milestones]
    # Only a focused visit's deadlines depend on what it names.
    priority = inspection.kind == InspectionKind.FOCUSED_VISIT and names_priority_actions(inspection)
    return InspectionDeadlines(
        inspection=inspection,
        receipt=receipt,
        rows=rows,
        expected=statutory_milestones(inspection, names_priority_actions=priority),
        interventions=list(Intervention.objects.for_user(user).filter(inspection=inspection)),
    )


def next_deadlines(user, today, limit=NEXT_DEADLINES_LIMIT) -> list[Row]:
    """The authority's next milestones, earliest first, with those overdue and not yet submitted. Two queries."""
    milestones = list(
        Milestone.objects.for_user(user).ahead(today).select_related("inspection").order_by("due_on", "pk")[:limit]
    )
    if not milestones:
        return []
    calendar = ClosureDay.objects.calendar_for(user.local_authority_id)
    return [Row(milestone, milestone.status(today, calendar)) for milestone in milestones]
