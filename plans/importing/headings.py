"""Which column of a council's spreadsheet holds what: headings differ from council to council."""

import re

# Each field the import reads, with its label and the headings councils give it (normalised: lower case,
# words only). A heading matches a field exactly, or contains one of its longer headings as words.
FIELDS = {
    "area_number": (
        "Recommendation number",
        [
            "recommendation number",
            "recommendation no",
            "rec no",
            "rec number",
            "area number",
            "ref",
            "reference",
            "number",
            "no",
            "item",
        ],
    ),
    "area": (
        "Recommendation",
        [
            "recommendation",
            "recommendations",
            "recommendation text",
            "area for improvement",
            "areas for improvement",
            "improvement area",
            "area",
            "what needs to improve",
            "ofsted recommendation",
            "area for priority action",
            "finding",
        ],
    ),
    "title": (
        "Action",
        [
            "action",
            "actions",
            "action to be taken",
            "actions to be taken",
            "what we will do",
            "key actions",
            "key action",
            "action required",
            "what will we do",
            "task",
        ],
    ),
    "description": ("Description", ["description", "detail", "details", "action detail", "sub actions", "tasks"]),
    "owner": (
        "Owner",
        [
            "owner",
            "lead",
            "responsible officer",
            "lead officer",
            "responsible",
            "who",
            "responsible lead",
            "action owner",
            "accountable officer",
            "lead person",
        ],
    ),
    "due_date": (
        "Due date",
        [
            "timescale",
            "timescales",
            "by when",
            "target date",
            "due date",
            "deadline",
            "completion date",
            "date",
            "when",
            "due",
            "target",
            "date due",
        ],
    ),
    "success_measure": (
        "Success measure",
        [
            "how we will know",
            "success measure",
            "success measures",
            "outcome",
            "outcomes",
            "measure of success",
            "measures of success",
            "success criteria",
            "impact",
            "evidence",
            "how will we know",
        ],
    ),
    "status": ("Status", ["rag", "status", "rag status", "rag rating", "rating", "progress rating"]),
    "progress": (
        "Progress update",
        [
            "progress update",
            "commentary",
            "update",
            "progress",
            "comments",
            "comment",
            "notes",
            "progress commentary",
            "latest update",
            "status update",
        ],
    ),
    "theme": ("Theme", ["theme", "workstream", "work stream", "priority area"]),
}
FIELD_LABELS = {field: label for field, (label, _) in FIELDS.items()}
# A heading that contains a shorter alias ("no", "who") is not taken for it: "Date of note" is no date.
CONTAINS_AT_LEAST = 5
# Headings are looked for in the first rows of each sheet.
HEADING_ROWS = 20


def normalise(text):
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).lower()).split())


def _candidates(heading):
    """(score, field) for every field the heading could be: an exact match beats a longer contained one."""
    heading = normalise(heading)
    if not heading:
        return
    for field, (_, aliases) in FIELDS.items():
        for alias in aliases:
            if heading == alias:
                yield (2, len(alias)), field
            elif len(alias) >= CONTAINS_AT_LEAST and re.search(rf"\b{re.escape(alias)}\b", heading):
                yield (1, len(alias)), field


def match_headings(headings):
    """{column index: field} for the headings recognised, each field taken by its best column only."""
    candidates = sorted(
        ((score, -index, field) for index, heading in enumerate(headings) for score, field in _candidates(heading)),
        reverse=True,
    )
    mapping, taken = {}, set()
    for _, minus_index, field in candidates:
        index = -minus_index
        if index not in mapping and field not in taken:
            mapping[index] = field
            taken.add(field)
    return dict(sorted(mapping.items()))


def is_heading_row(cells):
    """A row of headings names the action and at least one other field."""
    fields = set(match_headings(cells).values())
    return "title" in fields and len(fields) >= 2
