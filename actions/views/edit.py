from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from accounts import rules
from actions.forms import ActionForm, SignOffForm
from actions.models import Status
from actions.services import EditConflict, create_action, record_progress, update_action
from actions.views.common import get_action_for_user


def action_create(request):
    """New action, for leaders. ?area=<id> chooses its improvement area."""
    if not rules.can_create_action(request.user):
        raise PermissionDenied("Only a leader can create actions.")
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"improvement_area": request.GET.get("area")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = create_action(
                improvement_area=data["improvement_area"],
                owner=data["owner"],
                created_by=request.user,
                title=data["title"],
                description=data["description"],
                due_date=data["due_date"],
                success_measure=data["success_measure"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Action created")
            return redirect(action)
    return render(request, "actions/action_form.html", {"form": form, "action": None})


def action_edit(request, pk):
    """Edit action, for leaders: details, owner, due date. A change of owner is written to its history."""
    action = get_action_for_user(request, pk)
    if not rules.can_edit_action(request.user, action):
        raise PermissionDenied("Only a leader can edit actions.")
    form = ActionForm(request.POST if request.method == "POST" else None, user=request.user, action=action)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = update_action(
                action=action,
                author=request.user,
                improvement_area=data["improvement_area"],
                title=data["title"],
                description=data["description"],
                owner=data["owner"],
                due_date=data["due_date"],
                success_measure=data["success_measure"],
                expected_version=data["version"],
            )
        except EditConflict as error:
            conflict = error.action
            form.add_error(None, str(error))
            form.refresh_version(conflict.version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if update is None:
                messages.info(request, "You did not change anything, so the action was not updated.")
            else:
                messages.success(request, "Action updated")
            return redirect(action)
    return render(request, "actions/action_form.html", {"form": form, "action": action, "conflict": conflict})


def action_sign_off(request, pk):
    """Sign off a completed action, for leaders: confirm, with a note of the evidence seen."""
    action = get_action_for_user(request, pk)
    if not rules.can_sign_off(request.user, action):
        raise PermissionDenied("Only a leader can sign off an action.")
    if action.status != Status.COMPLETED:
        if action.status == Status.SIGNED_OFF:
            messages.info(request, "This action has already been signed off.")
        else:
            messages.info(request, "Only a completed action can be signed off. Its owner marks it completed first.")
        return redirect(action)
    form = SignOffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_progress(
                action=action, author=request.user, status=Status.SIGNED_OFF, note=form.cleaned_data["note"]
            )
        except ValidationError:
            # Someone reopened it since this page was read.
            messages.info(request, "Only a completed action can be signed off. Its owner marks it completed first.")
            return redirect(action)
        messages.success(request, "Action signed off")
        return redirect(action)
    return render(request, "actions/sign_off.html", {"form": form, "action": action})
