"""The action tables: each page's columns declared once, all drawn by templates/actions/includes/action_table.html.

A column's key names how the template draws its cell; the rows are actions from `for_list()`, annotated
`with_rag()` (and `with_latest_note()` where the latest note is shown).
"""

from dataclasses import dataclass, field


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
