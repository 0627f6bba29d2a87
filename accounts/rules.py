"""Who may do what: every "may this person do this?" of the pages, the templates and the services.

Each rule is named for what it allows and built on the permissions that accounts/roles.py gives
each role, never on group names, so that the roles table stays the one place to change a role.
Rules about one action take the action (anything with `owner_id`); this module imports no app above it.
"""

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db.models import Q

from . import roles


def _is_active(user):
    return user.is_authenticated and user.is_active


def _has(user, permission):
    return _is_active(user) and user.has_perm(permission)


def can_view_actions(user):
    """All actions and its downloads: anyone with a role."""
    return _has(user, roles.VIEW_ACTIONS)


def can_create_action(user):
    return _has(user, roles.ADD_ACTION)


def can_import_plan(user, inspection):
    """Import a spreadsheet action plan into an inspection: leaders of the inspection's authority, who may
    create actions there."""
    return can_create_action(user) and user.local_authority_id == inspection.local_authority_id


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


def can_reopen(user, action=None):
    """Reopen a signed-off action for more work: whoever may sign actions off."""
    return can_sign_off(user, action)


def can_withdraw(user, action=None):
    """Withdraw (archive) an action, with a reason: leaders, who may edit it."""
    return can_edit_action(user, action)


def who_can_sign_off(users):
    """The people of `users` for whom can_sign_off holds, as one query: who hears of actions awaiting sign-off."""
    app_label, codename = roles.SIGN_OFF_ACTION.split(".")
    holds = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label) | Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    return users.filter(is_active=True).filter(holds | Q(is_superuser=True)).distinct()


def can_view_dashboard(user):
    """The dashboard and the board report: leaders."""
    return _has(user, roles.VIEW_DASHBOARD)


def can_create_board_pack(user):
    """Make a board pack, for any audience, as a web page or a PDF: leaders, who take the plan to its boards."""
    return _has(user, roles.VIEW_DASHBOARD)


def can_read_public_page(user, local_authority):
    """A council's public page: anyone, signed in or not, once a platform administrator has switched it on."""
    return local_authority.public_page


def can_view_deadlines(user):
    """An inspection's deadlines and milestones: anyone with a role."""
    return _has(user, roles.VIEW_DEADLINES)


def can_record_receipt(user):
    """Record when the council received an inspection's report, which starts Ofsted's clocks: leaders."""
    return _has(user, roles.RECORD_RECEIPT)


def can_record_submission(user):
    """Record a submission to Ofsted or the Department, and Ofsted's response: leaders."""
    return _has(user, roles.RECORD_SUBMISSION)


def can_add_milestone(user):
    """Add the plan's own governance milestones (board meetings, scrutiny, cabinet ...): leaders."""
    return _has(user, roles.ADD_MILESTONE)


def can_view_interventions(user):
    """The authority's register of government intervention and support: anyone with a role."""
    return _has(user, roles.VIEW_INTERVENTIONS)


def can_view_measures(user):
    """The measures scorecard and each measure's page: anyone with a role."""
    return _has(user, roles.VIEW_MEASURES)


def can_create_measure(user):
    """Add a measure to the scorecard: leaders."""
    return _has(user, roles.ADD_MEASURE)


def can_edit_measure(user, measure=None):
    """Change a measure's name, baseline, target, owner and links: leaders."""
    return _has(user, roles.CHANGE_MEASURE)


def can_add_measure_value(user, measure):
    """Add or correct a measure's values: its owner, or anyone who may enter any measure's values (leaders)."""
    if not _is_active(user):
        return False
    return measure.owner_id == user.pk or _has(user, roles.ADD_MEASURE_VALUE)


def can_reach_admin(user):
    """The Django admin: the Administrators role and platform administrators."""
    return _is_active(user) and user.is_staff


def is_platform_administrator(user):
    """A superuser: they run the platform, belong to no council and see every council's data."""
    return _is_active(user) and user.is_superuser


def can_change_reference_data(user):
    """Add, change or delete what every council shares (judgement areas and their frameworks, themes, local
    authorities): platform administrators. A council's administrators see it read-only."""
    return is_platform_administrator(user)


def can_clear_sign_in_records(user):
    """Delete or reset the sign-in records (django-axes), which unlocks a locked-out sign-in: platform
    administrators. A council's administrators read their own people's records and no one else's."""
    return is_platform_administrator(user)


def permissions_held(user):
    """The permissions a person holds, their roles' and their own (whatever their active or superuser flag).

    Each side is a subquery by the person's id, read through its index. Joining both sides to the
    permissions in one OR made PostgreSQL join every person's roles before filtering: about 19 ms on
    every page with 5,500 people, and more with more.
    """
    own = user.user_permissions.through.objects.filter(user_id=user.pk).values("permission_id")
    through_roles = Group.permissions.through.objects.filter(group__user=user.pk).values("permission_id")
    return Permission.objects.filter(Q(pk__in=own) | Q(pk__in=through_roles))


def _permissions_of(account):
    """An account's roles' and own permissions, whether or not it is active. One query."""
    rows = permissions_held(account).values_list("content_type__app_label", "codename")
    return {f"{app}.{codename}" for app, codename in rows}


def can_manage_account(actor, account):
    """Change the password, roles, permissions or active flag of `account`: anyone holding at least its rights.

    Otherwise a council's administrator could take over an account that may do more than they may (set its
    password and sign in as it). A superuser holds every right; anyone else holds their roles' and their own
    permissions. Reads `account`'s permissions: one query.
    """
    if not _is_active(actor):
        return False
    if actor.is_superuser:
        return True
    if account.is_superuser:
        return False
    return _permissions_of(account) <= actor.get_all_permissions()


def grantable_permissions(actor):
    """The permissions `actor` may give an account: their own, so that no one grants more than they hold."""
    if is_platform_administrator(actor):
        return Permission.objects.all()
    if not _is_active(actor):
        return Permission.objects.none()
    return permissions_held(actor)


# The rules about one user alone, which templates read as `rules.<name>`.
USER_RULES = {
    rule.__name__: rule
    for rule in (
        can_view_actions,
        can_create_action,
        can_edit_action,
        can_sign_off,
        can_view_dashboard,
        can_create_board_pack,
        can_view_measures,
        can_create_measure,
        can_reach_admin,
        can_view_deadlines,
        can_record_receipt,
        can_record_submission,
        can_add_milestone,
        can_view_interventions,
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
