"""The pages the benchmark requests, shared by the load generator and the probe."""

import random
import re

MY_ACTIONS = "My actions"
LEADER_HOME = "Leaders' home"
ALL_FILTERED = "All actions, filtered"
ALL_DEEP = "All actions, deep page"
ACTION_PAGE = "Action page"
SAVE_PROGRESS = "Save progress"
DASHBOARD = "Dashboard"
INSPECTION = "Inspection page"
THEME = "Theme page"
INTERVENTIONS = "Intervention register"
CSV_EXPORT = "CSV export"
EMAIL_SETTINGS = "Email settings"
MEASURES = "Measures scorecard"
MEASURE_PAGE = "Measure page"
ADMIN = "Admin changelist"
# The floor: the lightest request through the same stack (the middleware and one query), no session.
HEALTHZ = "Floor (/healthz)"

# In the order the results list them; the admin changelist is the baseline.
PAGES = [
    MY_ACTIONS,
    LEADER_HOME,
    ALL_FILTERED,
    ALL_DEEP,
    ACTION_PAGE,
    SAVE_PROGRESS,
    DASHBOARD,
    INSPECTION,
    THEME,
    INTERVENTIONS,
    CSV_EXPORT,
    EMAIL_SETTINGS,
    MEASURES,
    MEASURE_PAGE,
]
ALL_PAGES = [*PAGES, ADMIN]
# Every page measured at one user with no pause, as a multiple of the floor's time.
MEASURED = [HEALTHZ, *ALL_PAGES]

# Who requests each page when it is requested on its own.
PAGE_ROLE = {LEADER_HOME: "leader", DASHBOARD: "leader", CSV_EXPORT: "leader", ADMIN: "admin"}

# The filters a leader might use every day: open work that is late or stuck, earliest due first.
FILTERED_QUERY = "?status=in_progress&status=blocked&overdue=yes&sort=due_date"


def url_for(page, slot, rng=random):
    """The URL a signed-in session (a slot of the pool) requests for a page; Save progress posts to it."""
    if page in (MY_ACTIONS, LEADER_HOME):
        return "/"
    if page == ALL_FILTERED:
        return f"/actions/{FILTERED_QUERY}"
    if page == ALL_DEEP:
        return f"/actions/?page={slot['deep_page']}"
    if page == ACTION_PAGE:
        return f"/actions/{rng.choice(slot['actions'])}/"
    if page == SAVE_PROGRESS:
        return f"/actions/{rng.choice(slot['save_actions'] or slot['actions'])}/"
    if page == DASHBOARD:
        return "/dashboard/"
    if page == INSPECTION:
        return f"/inspections/{rng.choice(slot['inspections'])}/"
    if page == INTERVENTIONS:
        return "/interventions/"
    if page == THEME:
        return f"/themes/{rng.choice(slot['themes'])}/"
    if page == CSV_EXPORT:
        return "/actions/export.csv"
    if page == EMAIL_SETTINGS:
        return "/accounts/email-settings/"
    if page == MEASURES:
        return "/measures/"
    if page == MEASURE_PAGE:
        return f"/measures/{rng.choice(slot['measures'])}/"
    if page == ADMIN:
        return "/admin/actions/actionitem/"
    if page == HEALTHZ:
        return "/healthz"
    raise ValueError(page)


# What Save progress posts: the form's hidden fields (CSRF token, version), its status unchanged, and a note.
NOTE = "Checked progress with the team."
HIDDEN_INPUT = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>")
ATTRIBUTE = re.compile(r"(name|value)=\"([^\"]*)\"")
SELECTED_STATUS = re.compile(r"<select[^>]*name=\"status\"[^>]*>.*?<option value=\"([^\"]*)\"[^>]*selected", re.S)


def form_fields(html):
    """The Update progress form's hidden fields and selected status, from the action page."""
    fields = {}
    for tag in HIDDEN_INPUT.findall(html):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    status = SELECTED_STATUS.search(html)
    fields["status"] = status.group(1) if status else "in_progress"
    return fields
