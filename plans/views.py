"""The pages that put what Ofsted said beside what the council does: inspections, improvement areas,
themes, the dashboard and the board report."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import get_text_list
from django.views.decorators.http import require_safe

from accounts import rules
from actions import tables
from actions.models import ActionItem, ActionProgress
from deadlines.summaries import inspection_deadlines
from inspections.models import ImprovementArea, Inspection, Theme

from . import impact
from .dashboard import Scope, build_dashboard
from .forms import DashboardFilterForm

INSPECTIONS_PER_PAGE = 25


def _get_inspection_for_user(request, pk):
    return get_object_or_404(Inspection.objects.for_user(request.user).select_related("local_authority"), pk=pk)


def _with_progress(areas, user):
    """Attach each area's ActionProgress as `area.progress`, counted in one query."""
    areas = list(areas)
    progress = ActionItem.objects.for_user(user).filter(improvement_area__in=areas).progress_by("improvement_area")
    for area in areas:
        area.progress = progress[area.pk]
    return areas


def inspection_list(request):
    inspections = Inspection.objects.for_user(request.user).with_summary().order_by("-start_date", "-pk")
    page_obj = Paginator(inspections, INSPECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    on_page = list(page_obj)
    progress = (
        ActionItem.objects.for_user(request.user)
        .filter(improvement_area__inspection__in=on_page)
        .progress_by("improvement_area__inspection")
    )
    for inspection in on_page:
        inspection.progress = progress[inspection.pk]
    return render(request, "plans/inspection_list.html", {"page_obj": page_obj})


def inspection_detail(request, pk):
    inspection = _get_inspection_for_user(request, pk)
    areas = _with_progress(inspection.improvement_areas.select_related("theme").order_by("number"), request.user)
    return render(
        request,
        "plans/inspection_detail.html",
        {
            "inspection": inspection,
            "judgements": inspection.judgements.select_related("area"),
            "areas": areas,
            "deadlines": rules.can_view_deadlines(request.user)
            and inspection_deadlines(request.user, inspection, timezone.localdate()),
            "delivery_and_impact": impact.delivery_and_impact(request.user, areas=areas),
            "can_import_plan": rules.can_import_plan(request.user, inspection),
        },
    )


def area_detail(request, pk):
    area = get_object_or_404(
        ImprovementArea.objects.for_user(request.user).select_related(
            "inspection__local_authority", "theme", "senior_lead"
        ),
        pk=pk,
    )
    actions = list(
        ActionItem.objects.for_user(request.user)
        .filter(improvement_area=area)
        .for_list()
        .with_rag()
        .order_by("due_date", "pk")
    )
    [area] = _with_progress([area], request.user)
    table = tables.ActionTable.of(tables.AREA_ACTIONS, actions, "Actions for this improvement area")
    panel = impact.delivery_and_impact(request.user, areas=[area])
    return render(
        request,
        "plans/area_detail.html",
        {"area": area, "actions": actions, "table": table, "delivery_and_impact": panel},
    )


def theme_list(request):
    themes = Theme.objects.raised_for(request.user).order_by("-inspection_count", "name")
    return render(request, "plans/theme_list.html", {"themes": themes})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    areas = (
        ImprovementArea.objects.for_user(request.user)
        .filter(theme=theme)
        .select_related("inspection", "senior_lead")
        .order_by("inspection__start_date", "inspection__pk", "number")
    )
    # Each inspection that raised the theme, oldest first, with its areas.
    inspections = []
    areas = _with_progress(areas, request.user)
    for area in areas:
        if not inspections or inspections[-1].pk != area.inspection_id:
            area.inspection.theme_areas = []
            inspections.append(area.inspection)
        inspections[-1].theme_areas.append(area)
    years = sorted({str(inspection.start_date.year) for inspection in inspections})
    return render(
        request,
        "plans/theme_detail.html",
        {
            "theme": theme,
            "inspections": inspections,
            "years": get_text_list(years, "and"),
            "delivery_and_impact": impact.delivery_and_impact(request.user, areas=areas, theme=theme),
        },
    )


def board_report(request, pk):
    if not rules.can_view_dashboard(request.user):
        raise PermissionDenied("Only leaders can produce board reports.")
    inspection = _get_inspection_for_user(request, pk)
    in_inspection = ActionItem.objects.for_user(request.user).filter(improvement_area__inspection=inspection)
    actions = in_inspection.for_list().with_rag().with_latest_note().order_by("due_date", "pk")
    progress = in_inspection.progress_by("improvement_area")
    totals = ActionProgress()
    areas = list(inspection.improvement_areas.order_by("number"))
    by_area = {area.pk: area for area in areas}
    for area in areas:
        area.report_actions = []
        area.progress = progress[area.pk]
        totals.add(area.progress)
    for action in actions:
        by_area[action.improvement_area_id].report_actions.append(action)
    for area in areas:
        area.table = tables.ActionTable.of(
            tables.BOARD_REPORT_ACTIONS,
            area.report_actions,
            f"Actions for improvement area {area.number}",
            caption_size="s",
            id=f"area-{area.number}-actions",
        )
    return render(
        request,
        "plans/board_report.html",
        {
            "inspection": inspection,
            "judgements": inspection.judgements.select_related("area"),
            "areas": areas,
            "totals": totals,
            "scorecard": impact.board_scorecard(request.user, areas=areas),
            "today": timezone.localdate(),
        },
    )


@require_safe
def dashboard(request):
    """Leaders' overview of their authority's actions, inspections and judgements."""
    if not rules.can_view_dashboard(request.user):
        raise PermissionDenied("Only leaders can see the dashboard.")
    form = DashboardFilterForm(request.GET, user=request.user)
    # A choice that is not one of the user's own is an error on the form, and nothing is shown for it.
    dashboard = build_dashboard(request.user, scope=Scope(**form.cleaned_data)) if form.is_valid() else None
    # The Impact panel is the whole council's scorecard, whichever inspection or owner the form narrows to.
    panel = impact.dashboard_impact(request.user) if dashboard else None
    return render(request, "plans/dashboard.html", {"dashboard": dashboard, "form": form, "impact": panel})
