"""The figures behind the improvement dashboard, read in a fixed number of queries.

Each function reads through the user's local authority. The view only calls
`build_dashboard()` and renders what it returns; plans_tags draws the figure cells.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from accounts.models import User
from actions import shortlists, tables
from actions.filtersets import OVERDUE_ONLY, list_url
from actions.models import (
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    ActionItem,
    ActionProgress,
    ProgressUpdate,
    Rag,
    Status,
    due_soon_until,
    overdue_q,
)
from deadlines.summaries import next_deadlines
from inspections.models import ImprovementArea, InspectionKind, Judgement

# How many rows each list shows.
LIST_LIMIT = 10

# The All actions list's parameters for a due-date range (both ends included).
DUE_AFTER, DUE_BEFORE = "due_from", "due_to"

# Bar colours: GOV.UK red, orange, green and blue. Each bar also carries its label and value as text.
RAG_FILLS = {Rag.RED: "#d4351c", Rag.AMBER: "#f47738", Rag.GREEN: "#00703c", Rag.COMPLETE: "#1d70b8"}

_KIND_SHORT_NAMES = {
    InspectionKind.SIF: "SIF",
    InspectionKind.ILACS_STANDARD: "ILACS",
    InspectionKind.ILACS_SHORT: "ILACS",
    InspectionKind.FOCUSED_VISIT: "focused visit",
    InspectionKind.MONITORING_VISIT: "monitoring visit",
    InspectionKind.JTAI: "JTAI",
}


def inspection_label(inspection):
    """A short column or bar label such as "2018 ILACS"."""
    return f"{inspection.start_date.year} {_KIND_SHORT_NAMES.get(inspection.kind, inspection.get_kind_display())}"


@dataclass(frozen=True)
class Scope:
    """What the dashboard is narrowed to: one inspection, one owner, both or neither (the whole authority)."""

    inspection: object = None
    owner: object = None

    def actions(self, user):
        """The user's actions within the scope."""
        actions = ActionItem.objects.for_user(user)
        if self.inspection is not None:
            actions = actions.filter(improvement_area__inspection=self.inspection)
        if self.owner is not None:
            actions = actions.filter(owner=self.owner)
        return actions

    @property
    def filters(self):
        """The All actions list's parameters for the same scope."""
        filters = {}
        if self.inspection is not None:
            filters["inspection"] = self.inspection.pk
        if self.owner is not None:
            filters["owner"] = self.owner.pk
        return filters

    @property
    def owner_filters(self):
        """The scope's list parameters, less the owner (a workload row names its own)."""
        return {key: value for key, value in self.filters.items() if key != "owner"}


@dataclass
class Figures:
    """An ActionProgress (an area's, an inspection's or the authority's) with the All actions list
    behind each of its counts: `filters` are that list's parameters."""

    filters: dict
    progress: ActionProgress = field(default_factory=ActionProgress)

    def add(self, other):
        self.progress.add(other.progress)

    @property
    def total(self):
        return self.progress.total

    @property
    def rag_cells(self):
        """(Rag, count, url) in the order the tables show them."""
        return [
            (rag, self.progress.by_rag[rag], list_url(**self.filters, rag=rag.value))
            for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE)
        ]

    @property
    def total_url(self):
        return list_url(**self.filters)

    @property
    def overdue_url(self):
        return list_url(**self.filters, **OVERDUE_ONLY)


def count_link(count, url, *, adjective="", suffix="", where=""):
    """A count of actions linking to the list behind it; zero links nowhere. Hidden words tell screen readers
    what is counted: "2 red actions, 1. Return home interviews".

    The markup format_html would write, escaped piece by piece as it would be, without its call per argument:
    a dashboard has hundreds of these links.
    """
    described = f"{adjective} " if adjective else ""
    if not count:
        return mark_safe(
            f'0<span class="govuk-visually-hidden"> {escape(described)}actions{conditional_escape(suffix)}</span>'
        )
    words = escape(f"{described}action{'' if count == 1 else 's'}") + conditional_escape(suffix)
    if where:
        words += escape(f", {where}")
    link = f'<a class="govuk-link" href="{conditional_escape(url)}">{count}'
    return mark_safe(f'{link}<span class="govuk-visually-hidden"> {words}</span></a>')


def figures_by_area(actions, today, filters=None):
    """Each improvement area's Figures, from one grouped query (ActionItemQuerySet.progress_by);
    `filters` are the list parameters of the dashboard's scope."""
    return {
        area_id: Figures(filters={**(filters or {}), "improvement_area": area_id}, progress=progress)
        for area_id, progress in actions.progress_by("improvement_area", today).items()
    }


@dataclass
class AreaProgress:
    area: ImprovementArea
    figures: Figures

    @property
    def where(self):
        return str(self.area)


@dataclass
class InspectionProgress:
    inspection: object
    label: str
    figures: Figures
    areas: list = field(default_factory=list)

    @property
    def where(self):
        return f"all areas of the {self.label}"


def progress_by_inspection(user, today, scope=Scope()):
    """Every inspection with improvement areas, newest first, with figures per area and in total.

    Narrowed to an owner, only the areas where they own actions. Two queries: the areas with their
    inspections, and the grouped counts.
    """
    owner_filter = {"owner": scope.owner.pk} if scope.owner is not None else {}
    by_area = figures_by_area(scope.actions(user), today, owner_filter)
    areas = ImprovementArea.objects.for_user(user).select_related("inspection")
    if scope.inspection is not None:
        areas = areas.filter(inspection=scope.inspection)
    inspections = {}
    for area in areas.order_by("-inspection__start_date", "inspection_id", "number"):
        figures = by_area.get(area.pk)
        if figures is None:
            if scope.owner is not None:
                continue
            figures = Figures(filters={"improvement_area": area.pk})
        inspection = area.inspection
        if inspection.pk not in inspections:
            inspections[inspection.pk] = InspectionProgress(
                inspection=inspection,
                label=inspection_label(inspection),
                figures=Figures(filters={**owner_filter, "inspection": inspection.pk}),
            )
        progress = inspections[inspection.pk]
        progress.areas.append(AreaProgress(area=area, figures=figures))
        progress.figures.add(figures)
    return list(inspections.values())


@dataclass
class JudgementHistory:
    columns: list  # (inspection, label), oldest first
    rows: list  # (short name, [grade text or None per column])


def judgement_history(user, inspection=None):
    """The authority's graded inspections side by side (or only `inspection`'s), areas lined up by
    JudgementArea.short_name.

    Rows follow the newest inspection's order of areas; areas it no longer grades follow, in the order older
    inspections list them. One query.
    """
    judgements = Judgement.objects.for_user(user)
    if inspection is not None:
        judgements = judgements.filter(inspection=inspection)
    judgements = judgements.select_related("inspection", "area").order_by(
        "inspection__start_date", "inspection_id", "area__position", "area_id"
    )
    columns = {}
    grades = {}
    names_by_inspection = defaultdict(list)
    for judgement in judgements:
        columns.setdefault(judgement.inspection_id, judgement.inspection)
        key = (judgement.inspection_id, judgement.area.short_name)
        if key not in grades:
            grades[key] = judgement.get_grade_display()
            names_by_inspection[judgement.inspection_id].append(judgement.area.short_name)
    row_names = []
    for inspection_id in reversed(columns):
        row_names += [name for name in names_by_inspection[inspection_id] if name not in row_names]
    return JudgementHistory(
        columns=[(inspection, inspection_label(inspection)) for inspection in columns.values()],
        rows=[(name, [grades.get((pk, name)) for pk in columns]) for name in row_names],
    )


@dataclass
class Bar:
    label: str
    text: str
    width: int
    y: int
    fill: str

    @property
    def text_x(self):
        return BarChart.LABEL_WIDTH + self.width + 8


@dataclass
class BarChart:
    """A horizontal bar chart that the template draws as SVG; `description` is its text alternative.

    Positions are in the SVG's own units: labels on the left, then the bar, then its value as text.
    """

    id: str
    title: str
    description: str
    bars: list

    LABEL_WIDTH = 170
    BAR_AREA_WIDTH = 300
    TEXT_WIDTH = 170
    ROW_HEIGHT = 36

    @classmethod
    def build(cls, *, id, title, rows, maximum):
        """rows: (label, value, text, fill); a bar's length is value / maximum."""
        bars = [
            Bar(
                label=label,
                text=text,
                width=round(cls.BAR_AREA_WIDTH * value / maximum) if maximum else 0,
                y=index * cls.ROW_HEIGHT,
                fill=fill,
            )
            for index, (label, value, text, fill) in enumerate(rows)
        ]
        description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."
        return cls(id=id, title=title, description=description, bars=bars)

    @property
    def width(self):
        return self.LABEL_WIDTH + self.BAR_AREA_WIDTH + self.TEXT_WIDTH

    @property
    def height(self):
        return len(self.bars) * self.ROW_HEIGHT


def rag_chart(figures):
    def text(count):
        return f"{count} action" if count == 1 else f"{count} actions"

    return BarChart.build(
        id="chart-rag",
        title="Actions by RAG rating",
        rows=[(rag.label, count, text(count), RAG_FILLS[rag]) for rag, count, _url in figures.rag_cells],
        maximum=max(count for _rag, count, _url in figures.rag_cells),
    )


def signed_off_chart(progress):
    rows = [
        (
            item.label,
            item.figures.progress.percent_signed_off,
            f"{item.figures.progress.percent_signed_off}% "
            f"({item.figures.progress.signed_off} of {item.figures.progress.total})",
            RAG_FILLS[Rag.COMPLETE],
        )
        for item in progress
        if item.figures.total
    ]
    return BarChart.build(
        id="chart-signed-off", title="Percent of actions signed off, by inspection", rows=rows, maximum=100
    )


@dataclass
class Workload:
    """One owner's open actions, and how many of them are overdue or blocked, each linking to its list."""

    owner: object
    open: int
    overdue: int
    blocked: int
    filters: dict

    @property
    def all_url(self):
        return list_url(**self.filters, owner=self.owner.pk)

    @property
    def open_url(self):
        return list_url(**self.filters, owner=self.owner.pk, status=[status.value for status in OPEN_STATUSES])

    @property
    def overdue_url(self):
        return list_url(**self.filters, owner=self.owner.pk, **OVERDUE_ONLY)

    @property
    def blocked_url(self):
        return list_url(**self.filters, owner=self.owner.pk, status=Status.BLOCKED.value)


def workload_by_owner(user, today, scope=Scope()):
    """Each owner with open actions in the scope, most overdue first. Two queries: the counts, then the owners."""
    counts = list(
        scope.actions(user)
        .open()
        .order_by()
        .values_list("owner")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_q(today)),
            blocked=Count("pk", filter=Q(status=Status.BLOCKED)),
        )
    )
    owners = User.objects.for_user(user).in_bulk([owner_id for owner_id, *_ in counts])
    rows = [
        Workload(owner=owners[owner_id], open=n, overdue=overdue, blocked=blocked, filters=scope.owner_filters)
        for owner_id, n, overdue, blocked in counts
        if owner_id in owners
    ]
    return sorted(rows, key=lambda row: (-row.overdue, -row.blocked, -row.open, str(row.owner), row.owner.pk))


@dataclass
class Dashboard:
    today: datetime.date
    scope: Scope
    progress: list
    totals: Figures
    awaiting_sign_off: tables.Shortlist
    overdue_actions: list
    due_soon_actions: list
    due_soon_url: str
    recent_updates: list
    due_soon_days: int
    history: JudgementHistory
    workload: list
    rag_chart: BarChart | None = None
    signed_off_chart: BarChart | None = None
    next_deadlines: list = field(default_factory=list)

    @property
    def has_actions(self):
        return self.totals.total > 0

    @property
    def overdue_table(self):
        return tables.ActionTable.of(
            tables.DASHBOARD_ACTIONS, self.overdue_actions, "Overdue actions, earliest due date first", id="overdue"
        )

    @property
    def due_soon_table(self):
        return tables.ActionTable.of(
            tables.DASHBOARD_ACTIONS, self.due_soon_actions, self.due_soon_caption, id="due-soon"
        )

    @property
    def due_soon_suffix(self):
        return f" due in the next {self.due_soon_days} days"

    @property
    def due_soon_caption(self):
        return f"Open actions due in the next {self.due_soon_days} days, soonest first"

    @property
    def due_soon_empty(self):
        return f"No open actions are due in the next {self.due_soon_days} days."


def build_dashboard(user, today=None, scope=Scope()):
    """Everything the dashboard shows for the user's local authority, or the part of it in `scope`,
    in at most eight queries."""
    today = today or timezone.localdate()
    progress = progress_by_inspection(user, today, scope)
    totals = Figures(filters=scope.filters)
    for item in progress:
        totals.add(item.figures)

    actions = scope.actions(user).for_list()
    if totals.total:
        lists = actions.leaders_lists(LIST_LIMIT, today)
        updates = ProgressUpdate.objects.for_user(user)
        if scope.inspection is not None:
            updates = updates.filter(action__improvement_area__inspection=scope.inspection)
        if scope.owner is not None:
            updates = updates.filter(action__owner=scope.owner)
        recent_updates = updates.most_recent(LIST_LIMIT)
        workload = workload_by_owner(user, today, scope)
    else:
        lists, recent_updates, workload = {}, [], []

    dashboard = Dashboard(
        today=today,
        scope=scope,
        progress=progress,
        totals=totals,
        awaiting_sign_off=shortlists.awaiting_sign_off(
            actions,
            count=totals.progress.awaiting_sign_off,
            limit=LIST_LIMIT,
            filters=scope.filters,
            first=lists.get("awaiting_sign_off", []),
        ),
        overdue_actions=lists.get("overdue", []),
        due_soon_actions=lists.get("due_soon", []),
        due_soon_url=list_url(
            **scope.filters,
            status=[status.value for status in OPEN_STATUSES],
            **{
                DUE_AFTER: today.isoformat(),
                DUE_BEFORE: due_soon_until(today).isoformat(),
            },
        ),
        recent_updates=recent_updates,
        due_soon_days=DUE_SOON_DAYS,
        history=judgement_history(user, scope.inspection),
        workload=workload,
        next_deadlines=next_deadlines(user, today),
    )
    if totals.total:
        dashboard.rag_chart = rag_chart(totals)
        dashboard.signed_off_chart = signed_off_chart(progress)
    return dashboard
