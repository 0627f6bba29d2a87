"""Who may do what: every "may this person do this?" of the pages, the templates and the services.

Each rule is named for what it allows and built on the permissions that accounts/roles.py gives
each role, never on group names, so that the roles table stays the one place to change a role.
Rules about one action take the action (anything with `owner_id`); this module imports no app above it.
"""

from django.contrib.auth.models import AnonymousUser

from . import roles


def _has(user, permission):
    return user.is_authenticated and user.is_active and user.has_perm(permission)


def can_view_actions(user):
    """All actions and its downloads: anyone with a role."""
    return _has(user, roles.VIEW_ACTIONS)


def can_create_action(user):
    return _has(user, roles.ADD_ACTION)


def can_edit_action(user, action=None):
    """Edit an action's details, owner and due date: leaders."""
    return _has(user, roles.CHANGE_ACTION)


def can_update_action(user, action):
    """Record progress on an action: its owner, or anyone who may edit actions."""
    if not user.is_authenticated:
        return False
    return action.owner_id == user.pk or can_edit_action(user, action)


def can_sign_off(user, action=None):
    """Sign off completed actions: leaders."""
    return _has(user, roles.SIGN_OFF_ACTION)


def can_view_dashboard(user):
    """The dashboard and the board report: leaders."""
    return _has(user, roles.VIEW_DASHBOARD)


def can_lead(user):
    """The pages' leader links (add an action, the board report): whoever may create actions."""
    return can_create_action(user)


def can_reach_admin(user):
    """The Django admin: the Administrators role and platform administrators."""
    return user.is_authenticated and user.is_active and user.is_staff


# The rules about one user alone, which templates read as `rules.<name>`.
USER_RULES = {
    rule.__name__: rule
    for rule in (
        can_view_actions,
        can_create_action,
        can_edit_action,
        can_sign_off,
        can_view_dashboard,
        can_lead,
        can_reach_admin,
    )
}


class UserRules:
    """The rules about one user, for templates: `{% if rules.can_view_dashboard %}`. Each is worked out once."""

    def __init__(self, user):
        self.user = user

    def __getattr__(self, name):
        if name not in USER_RULES:
            raise AttributeError(name)
        answer = USER_RULES[name](self.user)
        setattr(self, name, answer)
        return answer


def rules(request):
    """Context processor: `rules` in every template (an error page may come before the user is known)."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {"rules": UserRules(user)}
