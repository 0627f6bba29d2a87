from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actions.models import ActionItem


def get_action_for_user(request, pk, *, for_update=False):
    """The action, if it belongs to the user's local authority (404 otherwise).

    With for_update, also require the right to change it: its owner or a leader (403 otherwise).
    """
    action = get_object_or_404(ActionItem.objects.for_user(request.user).for_list(), pk=pk)
    if for_update and not can_update(request.user, action):
        raise PermissionDenied("Only the action's owner or a leader can update it.")
    return action


def can_update(user, action):
    return user.is_leader or action.owner_id == user.pk
