from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts import rules
from actions.models import ActionItem


def get_action_for_user(request, pk, *, for_update=False, include_withdrawn=False, with_creator=False):
    """The action, if it belongs to the user's local authority (404 otherwise).

    With for_update, also require the right to change it: its owner or a leader (403 otherwise).
    A withdrawn action is found only with include_withdrawn: its own page still shows it.
    with_creator reads who created it in the same query (its own page names them).
    """
    if include_withdrawn:
        actions = ActionItem.objects.for_user_including_archived(request.user)
    else:
        actions = ActionItem.objects.for_user(request.user)
    actions = actions.for_list()
    if with_creator:
        actions = actions.select_related("created_by")
    action = get_object_or_404(actions, pk=pk)
    if for_update and not rules.can_update_action(request.user, action):
        raise PermissionDenied("Only the action's owner or a leader can update it.")
    return action
