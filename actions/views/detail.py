from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts import rules
from actions.forms import ProgressForm
from actions.models import Status
from actions.services import EditConflict, record_progress
from actions.views.common import get_action_for_user


def action_detail(request, pk):
    """An action's details and history, and the "Update progress" form for its owner and leaders."""
    action = get_action_for_user(request, pk, for_update=request.method == "POST")
    signed_off = action.status == Status.SIGNED_OFF
    form = None
    if request.method == "POST":
        if signed_off:
            messages.info(request, "This action has been signed off, so its progress can no longer be updated.")
            return redirect(action)
        form = ProgressForm(request.POST, action=action)
        if form.is_valid():
            try:
                record_progress(
                    action=action,
                    author=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
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
    elif not signed_off and rules.can_update_action(request.user, action):
        form = ProgressForm(action=action)

    history = list(action.updates.select_related("author"))
    sign_off = next((update for update in history if update.status_after == Status.SIGNED_OFF), None)
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "form": form,
            "history": history,
            "sign_off": sign_off if signed_off else None,
            "can_edit": rules.can_edit_action(request.user, action),
            "can_sign_off": action.status == Status.COMPLETED and rules.can_sign_off(request.user, action),
        },
    )
