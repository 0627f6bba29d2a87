import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from accounts import rules
from actions.forms import ActionForm, ReopenForm, SignOffForm, WithdrawForm
from actions.models import Status
from actions.services import (
    SIGNED_OFF_MESSAGE,
    EditConflict,
    archive_action,
    create_action,
    record_progress,
    reopen_action,
    update_action,
)
from actions.views.common import get_action_for_user


def _proposed_date(text):
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return None


def action_create(request):
    """New action, for leaders. ?area=<id> chooses its improvement area; ?due=<YYYY-MM-DD> proposes a due date
    (the inspection page proposes the final plan's deadline)."""
    if not rules.can_create_action(request.user):
        raise PermissionDenied("Only a leader can create actions.")
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"improvement_area": request.GET.get("area"), "due_date": _proposed_date(request.GET.get("due"))},
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
    """Edit action, for leaders: details, owner, due date. A change of owner is written to its history.

    A signed-off action is locked: the page sends the leader back to it, where they may reopen it.
    """
    action = get_action_for_user(request, pk)
    if not rules.can_edit_action(request.user, action):
        raise PermissionDenied("Only a leader can edit actions.")
    if action.is_signed_off:
        messages.info(request, SIGNED_OFF_MESSAGE)
        return redirect(action)
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
                due_date_reason=data["due_date_reason"],
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


def action_reopen(request, pk):
    """Reopen a signed-off action, for leaders: confirm, with the reason more work is needed."""
    action = get_action_for_user(request, pk)
    if not rules.can_reopen(request.user, action):
        raise PermissionDenied("Only a leader can reopen an action.")
    if not action.is_signed_off:
        messages.info(request, "Only a signed-off action can be reopened. This one is still open.")
        return redirect(action)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reopen_action(action=action, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError:
            # Someone reopened it since this page was read.
            messages.info(request, "Only a signed-off action can be reopened. This one is still open.")
            return redirect(action)
        messages.success(request, "Action reopened")
        return redirect(action)
    return render(request, "actions/reopen.html", {"form": form, "action": action})


def action_withdraw(request, pk):
    """Withdraw an action, for leaders: confirm, with the reason. Its page and history are kept."""
    action = get_action_for_user(request, pk, include_withdrawn=True)
    if not rules.can_withdraw(request.user, action):
        raise PermissionDenied("Only a leader can withdraw an action.")
    if action.is_withdrawn or action.is_signed_off:
        already = "This action has already been withdrawn."
        messages.info(request, already if action.is_withdrawn else SIGNED_OFF_MESSAGE)
        return redirect(action)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            archive_action(action=action, by=request.user, note=form.cleaned_data["reason"])
        except ValidationError as error:
            # Signed off or withdrawn by someone else since this page was read.
            messages.info(request, " ".join(error.messages))
            return redirect(action)
        messages.success(request, "Action withdrawn")
        return redirect(action)
    return render(request, "actions/withdraw.html", {"form": form, "action": action})
