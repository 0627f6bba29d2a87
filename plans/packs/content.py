"""What a board pack holds: one council's plan, cut for one audience, in a fixed number of queries.

Figures "at the changes-since date" come from the append-only history (ActionItemQuerySet.progress_on), never
from a stored snapshot. Everything is read through the council's scoped querysets (`for_local_authority`):
a leader's pack reads their own council, the public page the council whose page it is.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from actions import tables
from actions.models import DONE_STATUSES, ActionItem, ActionProgress, ProgressUpdate, Rag, Status, end_of
from deadlines.models import SUBMITTED_KINDS, ClosureDay, Milestone, MilestoneKind
from inspections.models import ImprovementArea, Inspection
from measures.models import Impact, Measure, impact_counts

from .. import impact
from .audiences import Audience

# Without a board meeting recorded before today, "Changes since" goes back this many days.
DEFAULT_PERIOD_DAYS = 28

# What a plain English summary calls each rating, for readers who do not read RAG tables.
PLAIN_WORDS = {
    Rag.COMPLETE: "finished and checked",
    Rag.GREEN: "on track",
    Rag.AMBER: "due soon or waiting to be checked",
    Rag.RED: "late or held up",
}


def default_since(local_authority, today):
    """The last improvement board meeting recorded as a milestone before today, else DEFAULT_PERIOD_DAYS ago."""
    last_board = (
        Milestone.objects.for_local_authority(local_authority.pk)
        .filter(kind=MilestoneKind.IMPROVEMENT_BOARD, due_on__lt=today)
        .order_by("-due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    return last_board or today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS)


def plain_summary(progress):
    """One sentence on an area's actions in plain English, for the public version."""
    if not progress.total:
        return "No actions have been planned for this area yet."
    parts = [
        f"{count} {'is' if count == 1 else 'are'} {PLAIN_WORDS[rag]}"
        for rag, _label, count in reversed(progress.rag_counts)
        if count
    ]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"The council has planned {progress.total} action{'' if progress.total == 1 else 's'} here: {listed}."


@dataclass
class Movement:
    rag: str
    label: str
    then: int
    now: int

    @property
    def change(self):
        difference = self.now - self.then
        if not difference:
            return "No change"
        return f"+{difference}" if difference > 0 else f"−{-difference}"


@dataclass
class Done:
    """An action completed or signed off within the period: its history row saying so."""

    action: object
    update: object

    @property
    def what(self):
        return "Signed off" if self.update.status_after == Status.SIGNED_OFF else "Completed"


@dataclass
class MilestoneRow:
    milestone: object
    status: object
    today: datetime.date

    @property
    def missed(self):
        """A deadline met by sending something, overdue and not sent, or sent late."""
        milestone = self.milestone
        if milestone.kind not in SUBMITTED_KINDS:
            return False
        if milestone.submitted_on:
            return milestone.submitted_on > milestone.due_on
        return milestone.due_on < self.today


@dataclass
class AreaSection:
    area: object
    progress: ActionProgress
    table: object
    measures: list = field(default_factory=list)
    summary: str = ""

    @property
    def id(self):
        return f"area-{self.area.pk}"


@dataclass
class InspectionSection:
    inspection: object
    areas: list = field(default_factory=list)

    @property
    def id(self):
        return f"inspection-{self.inspection.pk}"


@dataclass
class Pack:
    local_authority: object
    audience: Audience
    since: datetime.date
    today: datetime.date
    produced_at: datetime.datetime
    whole_authority: bool
    inspections: list
    progress: ActionProgress
    progress_then: ActionProgress
    measures: list
    overdue: object
    blocked: object
    completed: list
    milestones: list

    @property
    def movement(self):
        return [
            Movement(rag, label, self.progress_then.by_rag[rag], self.progress.by_rag[rag])
            for rag, label, _count in self.progress.rag_counts
        ]

    @property
    def total_movement(self):
        return Movement("", "All actions", self.progress_then.total, self.progress.total)

    @property
    def impact_counts(self):
        return impact_counts(self.measures)

    @property
    def off_track(self):
        return [measure for measure in self.measures if measure.impact == Impact.OFF_TRACK]

    @property
    def missed_deadlines(self):
        return [row for row in self.milestones if row.missed]

    @property
    def listed_milestones(self):
        return [row for row in self.milestones if row.milestone.kind in self.audience.milestone_kinds]

    @property
    def has_exceptions(self):
        return bool(self.overdue.actions or self.blocked.actions or self.off_track or self.missed_deadlines)


def build_pack(*, local_authority, audience, since, inspections=None, today=None) -> Pack:
    """The pack for `local_authority` and `audience`: `inspections` (all with improvement areas when None),
    with what changed since the end of `since`. About a dozen queries, however many actions there are."""
    today = today or timezone.localdate()
    whole_authority = not inspections
    if whole_authority:
        inspections = list(
            Inspection.objects.for_local_authority(local_authority.pk)
            .filter(improvement_areas__isnull=False)
            .distinct()
            .order_by("start_date", "pk")
        )
    inspections = sorted(inspections, key=lambda inspection: (inspection.start_date, inspection.pk))
    areas = list(
        ImprovementArea.objects.for_local_authority(local_authority.pk)
        .filter(inspection__in=inspections)
        .select_related("inspection", "theme", "senior_lead")
        .order_by("inspection__start_date", "inspection__pk", "number")
    )
    in_pack = ActionItem.objects.for_local_authority(local_authority.pk).in_use().filter(improvement_area__in=areas)
    actions = in_pack.for_list().with_rag(today).with_is_overdue(today).order_by("due_date", "pk")
    if audience.notes:
        actions = actions.with_latest_note(internal=audience.internal_notes)
    actions = list(actions)
    progress_by_area = in_pack.progress_by("improvement_area", today)
    measures = impact.with_charts(
        impact.evidencing(Measure.objects.for_local_authority(local_authority.pk), areas=areas, today=today)
    )

    by_area = defaultdict(list)
    for action in actions:
        by_area[action.improvement_area_id].append(action)
    measures_by_area = _measures_by_area(measures, areas)
    sections = {inspection.pk: InspectionSection(inspection) for inspection in inspections}
    progress = ActionProgress()
    for area in areas:
        area_progress = progress_by_area[area.pk]
        progress.add(area_progress)
        table = tables.ActionTable.of(
            audience.columns(tables.BOARD_REPORT_ACTIONS),
            by_area[area.pk],
            f"Actions for improvement area {area.number}",
            caption_size="s",
            id=f"area-{area.pk}-actions",
            links=audience.signed_in,
        )
        sections[area.inspection_id].areas.append(
            AreaSection(
                area=area,
                progress=area_progress,
                table=table,
                measures=measures_by_area[area.pk],
                summary=plain_summary(area_progress) if audience.plain_summary else "",
            )
        )

    def exception_table(rows, caption, table_id):
        keys = audience.columns(tables.NEEDS_A_LEADER)
        return tables.ActionTable.of(keys, rows, caption, caption_size="s", id=table_id, links=audience.signed_in)

    return Pack(
        local_authority=local_authority,
        audience=audience,
        since=since,
        today=today,
        produced_at=timezone.localtime(),
        whole_authority=whole_authority,
        inspections=list(sections.values()),
        progress=progress,
        progress_then=in_pack.progress_on(since),
        measures=measures,
        overdue=exception_table(
            [action for action in actions if action.is_overdue], "Overdue actions", "overdue-actions"
        ),
        blocked=exception_table(
            [action for action in actions if action.status == Status.BLOCKED], "Blocked actions", "blocked-actions"
        ),
        completed=_completed(in_pack, actions, since=since, today=today, names=audience.names),
        milestones=_milestones(local_authority, inspections, today, audience),
    )


def _measures_by_area(measures, areas):
    """{area pk: [its measures]}, attention first as `measures` are. One query."""
    links = Measure.improvement_areas.through.objects.filter(measure__in=measures, improvementarea__in=areas)
    by_pk = {measure.pk: measure for measure in measures}
    by_area = defaultdict(list)
    for measure_id, area_id in links.values_list("measure_id", "improvementarea_id"):
        by_area[area_id].append(by_pk[measure_id])
    order = {measure.pk: position for position, measure in enumerate(measures)}
    for area_measures in by_area.values():
        area_measures.sort(key=lambda measure: order[measure.pk])
    return by_area


def _completed(in_pack, actions, *, since, today, names):
    """The history rows that completed or signed off an action of the pack after `since`, oldest first."""
    rows = (
        ProgressUpdate.objects.filter(action__in=in_pack.values("pk"))
        .filter(created_at__gte=end_of(since), created_at__lt=end_of(today), status_after__in=DONE_STATUSES)
        .exclude(status_before=F("status_after"))
        .order_by("created_at", "pk")
    )
    if names:
        rows = rows.select_related("author")
    by_pk = {action.pk: action for action in actions}
    return [Done(by_pk[row.action_id], row) for row in rows if row.action_id in by_pk]


def _milestones(local_authority, inspections, today, audience):
    """The inspections' milestones the pack lists or counts as missed, with how each stands. Two queries."""
    kinds = {*audience.milestone_kinds, *SUBMITTED_KINDS}
    milestones = list(
        Milestone.objects.for_local_authority(local_authority.pk)
        .filter(inspection__in=inspections, kind__in=kinds)
        .select_related("inspection")
        .order_by("due_on", "pk")
    )
    if not milestones:
        return []
    calendar = ClosureDay.objects.calendar_for(local_authority.pk)
    return [MilestoneRow(milestone, milestone.status(today, calendar), today) for milestone in milestones]
