from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts import rules
from actions.forms import ProgressForm
from actions.models import Status, UpdateKind
from actions.services import SIGNED_OFF_MESSAGE, EditConflict, record_progress
from actions.views.common import get_action_for_user


def action_detail(request, pk):
    """An action's details and history, and the "Update progress" form for its owner and leaders.

    A signed-off action is locked and a withdrawn one out of use: both are shown, without the form.
    """
    action = get_action_for_user(
        request, pk, for_update=request.method == "POST", include_withdrawn=True, with_creator=True
    )
    signed_off, withdrawn = action.is_signed_off, action.is_withdrawn
    form = None
    if request.method == "POST":
        if signed_off or withdrawn:
            messages.info(request, SIGNED_OFF_MESSAGE if signed_off else "This action has been withdrawn.")
            return redirect(action)
        form = ProgressForm(request.POST, action=action)
        if form.is_valid():
            try:
                record_progress(
                    action=action,
                    author=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    internal=form.cleaned_data["internal"],
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as conflict:
                form.add_error(None, str(conflict))
                form.refresh_version(conflict.action.version)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Progress update saved")
                return redirect(action)
    elif not signed_off and not withdrawn and rules.can_update_action(request.user, action):
        form = ProgressForm(action=action)

    history = list(action.updates.select_related("author"))
    in_use = not withdrawn
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "form": form,
            "history": history,
            "sign_off": _latest(history, UpdateKind.SIGNED_OFF) if signed_off else None,
            "withdrawal": _latest(history, UpdateKind.ARCHIVED) if withdrawn else None,
            "can_edit": in_use and not signed_off and rules.can_edit_action(request.user, action),
            "can_sign_off": in_use and action.status == Status.COMPLETED and rules.can_sign_off(request.user, action),
            "can_reopen": in_use and signed_off and rules.can_reopen(request.user, action),
            "can_withdraw": in_use and not signed_off and rules.can_withdraw(request.user, action),
        },
    )


def _latest(history, kind):
    """The newest history row of `kind` (history is newest first)."""
    return next((update for update in history if update.kind == kind), None)
