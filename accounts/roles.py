"""The three roles, as Django groups, and the permissions each holds.

The data migration `accounts.0002_roles` creates them from this table, so the
table is the one place to read what a role may do.
"""

# The permissions that accounts/rules.py builds its rules on.
VIEW_ACTIONS = "actions.view_actionitem"
ADD_ACTION = "actions.add_actionitem"
CHANGE_ACTION = "actions.change_actionitem"
SIGN_OFF_ACTION = "actions.sign_off_actionitem"
VIEW_DASHBOARD = "actions.view_dashboard"
VIEW_DEADLINES = "deadlines.view_milestone"
ADD_MILESTONE = "deadlines.add_milestone"
RECORD_SUBMISSION = "deadlines.change_milestone"
RECORD_RECEIPT = "deadlines.change_reportreceipt"
VIEW_INTERVENTIONS = "deadlines.view_intervention"
VIEW_MEASURES = "measures.view_measure"
ADD_MEASURE = "measures.add_measure"
CHANGE_MEASURE = "measures.change_measure"
# Add and correct the values of any measure; a measure's owner may always add its own.
ADD_MEASURE_VALUE = "measures.add_measure_value"

STAFF = "Staff"
LEADERS = "Leaders"
ADMINISTRATORS = "Administrators"

_STAFF_PERMISSIONS = [
    "accounts.view_localauthority",
    "inspections.view_inspection",
    "inspections.view_judgementarea",
    "inspections.view_judgement",
    "inspections.view_theme",
    "inspections.view_improvementarea",
    VIEW_ACTIONS,
    "actions.view_progressupdate",
    "actions.add_progressupdate",
    VIEW_DEADLINES,
    VIEW_INTERVENTIONS,
    "deadlines.view_interventionreview",
    VIEW_MEASURES,
    "measures.view_measurevalue",
    "measures.view_correction",
    "measures.view_comparison",
]

_LEADER_PERMISSIONS = _STAFF_PERMISSIONS + [
    ADD_ACTION,
    CHANGE_ACTION,
    SIGN_OFF_ACTION,
    VIEW_DASHBOARD,
    ADD_MILESTONE,
    RECORD_SUBMISSION,
    "deadlines.add_reportreceipt",
    RECORD_RECEIPT,
    ADD_MEASURE,
    CHANGE_MEASURE,
    ADD_MEASURE_VALUE,
]

ROLE_PERMISSIONS = {
    STAFF: _STAFF_PERMISSIONS,
    LEADERS: _LEADER_PERMISSIONS,
    # Administrators get every permission; the migration fills them in.
    ADMINISTRATORS: None,
}
