from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts import rules
from actions.models import ActionItem


def get_action_for_user(request, pk, *, for_update=False):
    """The action, if it belongs to the user's local authority (404 otherwise).

    With for_update, also require the right to change it: its owner or a leader (403 otherwise).
    """
    action = get_object_or_404(ActionItem.objects.for_user(request.user).for_list(), pk=pk)
    if for_update and not rules.can_update_action(request.user, action):
        raise PermissionDenied("Only the action's owner or a leader can update it.")
    return action
