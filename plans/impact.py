"""Delivery and impact side by side: the measures that evidence the areas a page shows, beside their actions."""

from collections import defaultdict

from django.db.models import Q, prefetch_related_objects

from actions.models import ActionProgress
from measures import charts
from measures.models import Measure, MeasureValue, impact_counts, in_attention_order

# The dashboard's Impact panel lists this many measures, those that need attention first.
DASHBOARD_MEASURES = 10


def measures_evidencing(user, *, areas=(), theme=None):
    """The user's authority's measures linked to any of `areas` or to `theme`, with their ratings, off track
    and behind first. Two queries."""
    return evidencing(Measure.objects.for_user(user), areas=areas, theme=theme)


def evidencing(measures, *, areas=(), theme=None, today=None):
    """Those of `measures` (one authority's) linked to any of `areas` or to `theme`, rated, attention first."""
    links = Q(improvement_areas__in=list(areas))
    if theme is not None:
        links |= Q(themes=theme)
    linked = measures.filter(links).values("pk")
    return in_attention_order(
        measures.filter(pk__in=linked).with_latest().for_list().order_by("name", "pk"), today=today
    )


def with_charts(measures):
    """Give each measure its `chart`, from its values and comparisons. Two queries."""
    prefetch_related_objects(measures, "comparisons")
    values = defaultdict(list)
    for value in MeasureValue.objects.filter(measure__in=measures).order_by("period_end"):
        values[value.measure_id].append(value)
    for measure in measures:
        measure.chart = charts.line_chart(measure, values[measure.pk])
    return measures


def delivery_and_impact(user, *, areas, theme=None):
    """What the "Delivery and impact" panel shows: the areas' actions' progress and their measures' ratings.
    Each area needs `progress` (plans.views._with_progress)."""
    progress = ActionProgress()
    for area in areas:
        progress.add(area.progress)
    measures = measures_evidencing(user, areas=areas, theme=theme)
    return {"progress": progress, "measures": measures, "impact_counts": impact_counts(measures)}


def board_scorecard(user, *, areas):
    """The board report's scorecard: each measure that evidences `areas`, with its chart. Four queries."""
    measures = with_charts(measures_evidencing(user, areas=areas))
    return {"measures": measures, "impact_counts": impact_counts(measures)}


def dashboard_impact(user):
    """The dashboard's Impact panel: every rating's count, and the measures that need attention first."""
    measures = in_attention_order(Measure.objects.for_user(user).with_latest().for_list().order_by("name", "pk"))
    return {
        "measures": measures[:DASHBOARD_MEASURES],
        "total": len(measures),
        "impact_counts": impact_counts(measures),
    }
