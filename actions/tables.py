"""The action tables: each page's columns declared once, all drawn by templates/actions/includes/action_table.html.

A column's key names how its cell is written (CELLS); the rows are actions from `for_list()`, annotated
`with_rag()` (and `with_latest_note()` where the latest note is shown). The cells are written here rather
than by the template, which chose and drew each of a page's hundreds of cells in turn.
"""

from dataclasses import dataclass, field

from django.template.defaultfilters import date
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import template_localtime

from .templatetags.actions_tags import overdue_tag, rag_tag


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    numeric: bool = False


COLUMNS = {
    column.key: column
    for column in [
        Column("rag", "RAG"),
        Column("title", "Action"),
        Column("area", "Improvement area"),
        Column("inspection", "Inspection"),
        Column("owner", "Owner"),
        Column("due_date", "Due date"),
        Column("status", "Status"),
        Column("completed_on", "Completed on"),
        Column("latest_note", "Latest progress note"),
    ]
}

MY_ACTIONS = ["rag", "title", "due_date", "status", "area", "inspection"]
ALL_ACTIONS = ["rag", "title", "area", "owner", "due_date", "status"]
AREA_ACTIONS = ["rag", "title", "owner", "due_date", "status"]
DASHBOARD_ACTIONS = ["rag", "title", "area", "owner", "due_date", "status"]
# The leaders' lists on My actions and the dashboard: what waits for sign-off, and what is late or stuck.
AWAITING_SIGN_OFF = ["title", "area", "owner", "completed_on", "due_date"]
NEEDS_A_LEADER = ["rag", "title", "area", "owner", "due_date", "status"]
BOARD_REPORT_ACTIONS = ["rag", "title", "owner", "due_date", "status", "latest_note"]


class Paths:
    """Detail pages' paths, each reversed once and filled in with a row's id: a table of 50 actions links
    to 50 actions and as many improvement areas and inspections. `links` as the table's (ActionTable.links)."""

    def __init__(self, links=True):
        self.links = links
        self.patterns = {}

    def __call__(self, name, pk):
        pattern = self.patterns.get(name)
        if pattern is None:
            head, tail = reverse(name, args=[0]).rsplit("/0/", 1)
            pattern = self.patterns[name] = (f"{head}/", f"/{tail}")
        return f"{pattern[0]}{pk}{pattern[1]}"


def _due_date(action):
    revised = action.revised_from
    return format_html(
        '<td class="govuk-table__cell"><span class="app-nowrap">{}</span>{}{}</td>',
        date(action.due_date),
        format_html(' (revised from <span class="app-nowrap">{}</span>)', date(revised)) if revised else "",
        format_html(" {}", overdue_tag()) if action.is_overdue else "",
    )


def _latest_note(action, paths):
    if not action.latest_note:
        return format_html('<td class="govuk-table__cell app-table__text">{}</td>', "No progress notes yet")
    note = render_to_string(
        "includes/short_note.html",
        {"note": action.latest_note, "url": f"{paths('action_detail', action.pk)}#history", "about": action.title},
    )
    return format_html(
        '<td class="govuk-table__cell app-table__text">{} <span class="app-history__meta app-nowrap">({})</span></td>',
        note,
        # As the template's date filter does, in local time.
        date(template_localtime(action.latest_note_at)),
    )


def _linked(text, paths, name, pk):
    """The text linking to its page, or only the text where the table has no links."""
    if not paths.links:
        return format_html("{}", text)
    return format_html('<a class="govuk-link" href="{}">{}</a>', paths(name, pk), text)


# How each column's cell is written: (action, paths) -> HTML.
CELLS = {
    "title": lambda action, paths: format_html(
        '<th scope="row" class="govuk-table__header app-table__text">{}</th>',
        _linked(action.title, paths, "action_detail", action.pk),
    ),
    "rag": lambda action, paths: format_html('<td class="govuk-table__cell">{}</td>', rag_tag(action.rag)),
    "area": lambda action, paths: format_html(
        '<td class="govuk-table__cell">{}</td>',
        _linked(action.improvement_area, paths, "area_detail", action.improvement_area_id),
    ),
    "inspection": lambda action, paths: format_html(
        '<td class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a></td>',
        paths("inspection_detail", action.improvement_area.inspection_id),
        action.improvement_area.inspection.title,
    ),
    "owner": lambda action, paths: format_html('<td class="govuk-table__cell">{}</td>', action.owner),
    "due_date": lambda action, paths: _due_date(action),
    "status": lambda action, paths: format_html('<td class="govuk-table__cell">{}</td>', action.get_status_display()),
    "completed_on": lambda action, paths: format_html(
        '<td class="govuk-table__cell">{}</td>', date(action.completed_on)
    ),
    "latest_note": _latest_note,
}


@dataclass
class Header:
    column: Column
    # For a sortable column: {"aria_sort": ..., "query_string": ...}; see actions.views.listing.
    sort: dict | None = None


@dataclass
class ActionTable:
    """What action_table.html needs: the columns, the rows and a caption (visually hidden unless `caption_size`)."""

    columns: list
    actions: object
    caption: str
    caption_size: str = ""
    sort_headers: dict = field(default_factory=dict)
    id: str = "actions"
    # Links to each action's and area's page; off where the reader cannot sign in (the public version).
    links: bool = True

    @classmethod
    def of(cls, keys, actions, caption, **kwargs):
        return cls(columns=[COLUMNS[key] for key in keys], actions=actions, caption=caption, **kwargs)

    @property
    def headers(self):
        return [Header(column, self.sort_headers.get(column.key)) for column in self.columns]

    @property
    def keys(self):
        return [column.key for column in self.columns]

    @property
    def rows(self):
        """Each action's cells, in the columns' order."""
        paths = Paths(links=self.links)
        cells = [CELLS[key] for key in self.keys]
        for action in self.actions:
            yield format_html_join("", "{}", ((cell(action, paths),) for cell in cells))


@dataclass
class Shortlist:
    """The first few of a list of actions under a heading, with how many there are and a link to them all
    in All actions; templates/actions/includes/shortlist.html draws it."""

    title: str
    count: int
    table: ActionTable
    view_all_url: str
    view_all_text: str
    empty: str

    @property
    def id(self):
        return self.table.id
