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
]

_LEADER_PERMISSIONS = _STAFF_PERMISSIONS + [
    ADD_ACTION,
    CHANGE_ACTION,
    SIGN_OFF_ACTION,
    VIEW_DASHBOARD,
]

ROLE_PERMISSIONS = {
    STAFF: _STAFF_PERMISSIONS,
    LEADERS: _LEADER_PERMISSIONS,
    # Administrators get every permission; the migration fills them in.
    ADMINISTRATORS: None,
}
