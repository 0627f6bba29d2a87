"""The three roles, as Django groups, and the permissions each holds.

The data migration `accounts.0002_roles` creates them from this table, so the
table is the one place to read what a role may do.
"""

STAFF = "Staff"
LEADERS = "Leaders"
ADMINISTRATORS = "Administrators"

_STAFF_PERMISSIONS = [
    "inspections.view_localauthority",
    "inspections.view_inspection",
    "inspections.view_judgementarea",
    "inspections.view_judgement",
    "inspections.view_theme",
    "inspections.view_improvementarea",
    "actions.view_actionitem",
    "actions.view_progressupdate",
    "actions.add_progressupdate",
]

_LEADER_PERMISSIONS = _STAFF_PERMISSIONS + [
    "actions.add_actionitem",
    "actions.change_actionitem",
    "actions.sign_off_actionitem",
    "actions.view_dashboard",
]

ROLE_PERMISSIONS = {
    STAFF: _STAFF_PERMISSIONS,
    LEADERS: _LEADER_PERMISSIONS,
    # Administrators get every permission; the migration fills them in.
    ADMINISTRATORS: None,
}
