from django import template
from django.utils.html import format_html, format_html_join

from actions.models import Rag
from plans.dashboard import count_link as build_count_link

register = template.Library()


@register.simple_tag
def count_link(count, url, adjective="", suffix="", where=""):
    """{% count_link count url adjective="red" %}: see plans.dashboard.count_link."""
    return build_count_link(count, url, adjective=adjective, suffix=suffix, where=where)


@register.simple_tag
def figure_cells(figures, where):
    """{% figure_cells figures where %}: one dashboard table row's figure cells, each linking to its list;
    `where` names the row for screen readers.

    Built here rather than by an include per cell: a council's dashboard has hundreds of cells.
    """
    progress = figures.progress
    cells = []
    for rag, count, url in figures.rag_cells:
        cell = build_count_link(count, url, adjective=rag.label.lower(), where=where)
        # Complete means signed off: its cell gives the share of all actions too, so no column repeats it.
        if rag == Rag.COMPLETE:
            cell = format_html("{} ({}%)", cell, progress.percent_signed_off)
        cells.append(cell)
    cells.append(build_count_link(progress.total, figures.total_url, suffix=" in total", where=where))
    cells.append(build_count_link(progress.overdue, figures.overdue_url, adjective="overdue", where=where))
    return _numeric_cells(cells)


@register.simple_tag
def workload_cells(row):
    """{% workload_cells row %}: a workload row's open, overdue and blocked cells (plans.dashboard.Workload),
    each linking to its list; built here, as figure_cells, rather than by a tag per cell."""
    cells = [
        build_count_link(row.open, row.open_url, adjective="open", where=row.owner),
        build_count_link(row.overdue, row.overdue_url, adjective="overdue", where=row.owner),
        build_count_link(row.blocked, row.blocked_url, adjective="blocked", where=row.owner),
    ]
    return _numeric_cells(cells)


def _numeric_cells(cells):
    """Table cells of figures, right-aligned."""
    return format_html_join(
        "", '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>', ((cell,) for cell in cells)
    )
