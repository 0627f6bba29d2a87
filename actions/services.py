"""Writes that touch an action and its history together, each in one transaction.

Every door (the forms, the admin, importers, the demo data) goes through these,
so no status changes without a history row.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list

from accounts import rules

from .models import DONE_STATUSES, NOTE_REQUIRED_STATUSES, ActionItem, ProgressUpdate, Status, UpdateKind

SIGNED_OFF_MESSAGE = (
    "This action has been signed off, so it cannot be changed. "
    "A leader can reopen it from its page if more work is needed."
)
PAST_DUE_DATE_MESSAGE = "Due date must be today or in the future"
DUE_DATE_REASON_MESSAGE = "Enter the reason for changing the due date"


class EditConflict(Exception):
    """The action was saved again after this person's form was built: by someone else, or by this
    same person in another window (`by` is the person saving now)."""

    def __init__(self, action, by=None):
        self.action = action
        when = timezone.localtime(action.updated_at)
        at = f"at {when:%H:%M} on {date_format(when.date())}"
        if by is not None and action.updated_by_id == by.pk:
            message = (
                f"You changed this action in another window {at} after you opened it here. "
                "Check that change below, then save this one again if it is still needed."
            )
        else:
            who = action.updated_by or "someone else"
            message = (
                f"{who} changed this action {at} after you opened it. "
                "Check their change below, then save yours again if it is still needed."
            )
        super().__init__(message)


def check_version(locked: ActionItem, expected_version: int | None, by=None):
    """Refuse a save built on an older version of the (row-locked) action."""
    if expected_version is not None and int(expected_version) != locked.version:
        raise EditConflict(locked, by=by)


def check_not_signed_off(action: ActionItem):
    """Signed off means locked, whichever door a change comes through; reopen_action is the way back."""
    if action.is_signed_off:
        raise ValidationError(SIGNED_OFF_MESSAGE, code="signed_off")


def check_due_date(due_date, *, today):
    """A due date that is set (a new action's, or a changed one) cannot already have passed:
    the action would be Red the moment it was saved. An edit may keep a date that has since passed."""
    if due_date < today:
        raise ValidationError({"due_date": PAST_DUE_DATE_MESSAGE}, code="due_date_past")


def normalise_text(text: str) -> str:
    """Free text as it is kept and compared: newline line endings and no trailing spaces.

    Browsers send a textarea's lines ending in CR LF; scripts and the database use LF. Without
    this, saving a form unchanged would look like an edit of every multi-line field.
    """
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def check_owner(*, owner, improvement_area):
    if owner.local_authority_id != improvement_area.inspection.local_authority_id:
        raise ValidationError(
            {"owner": "Choose an owner from the same local authority as the action."}, code="owner_authority"
        )


@transaction.atomic
def record_progress(
    *,
    action: ActionItem,
    author,
    status: str,
    note: str = "",
    internal: bool = False,
    at=None,
    expected_version: int | None = None,
) -> ProgressUpdate:
    """Change an action's status (or add a note) and write its history row.

    An `internal` note is for the improvement board only: no other audience's board pack shows it.

    The action is re-read under a row lock so that concurrent updates are applied
    one after another and each history row records the status it really changed from.
    With expected_version (the version the person's form was built from), a change
    saved by someone else since then is refused with EditConflict instead of overwritten.
    """
    note = (note or "").strip()
    if status not in Status.values:
        raise ValidationError({"status": "Select a status."}, code="invalid_status")
    if status == Status.SIGNED_OFF and not rules.can_sign_off(author, action):
        raise PermissionDenied("Only a leader can sign off an action.")
    if status in NOTE_REQUIRED_STATUSES and not note:
        raise ValidationError({"note": "Enter a progress note explaining the change."}, code="note_required")

    locked = ActionItem.objects.select_for_update().get(pk=action.pk)
    if not rules.can_update_action(author, locked):
        raise PermissionDenied("Only the action's owner or a leader can update it.")
    # Signing off moves a completed action to signed off; nothing moves a signed-off one but reopening.
    check_not_signed_off(locked)
    check_version(locked, expected_version, by=author)
    if status == Status.SIGNED_OFF and locked.status != Status.COMPLETED:
        raise ValidationError({"status": "Only a completed action can be signed off."}, code="not_completed")

    at = at or timezone.now()
    before = locked.status
    locked.status = status
    if status in DONE_STATUSES:
        locked.completed_on = locked.completed_on or timezone.localdate(at)
    else:
        locked.completed_on = None
    locked.updated_by = author
    locked.version += 1
    locked.save(update_fields=["status", "completed_on", "updated_at", "updated_by", "version"])
    kind = UpdateKind.SIGNED_OFF if status == Status.SIGNED_OFF else UpdateKind.PROGRESS
    update = _history(locked, author=author, kind=kind, status_before=before, note=note, internal=internal, at=at)
    _keep_in_step(action, locked, "status", "completed_on", "updated_at", "updated_by_id", "version")
    return update


@transaction.atomic
def create_action(
    *, improvement_area, owner, created_by, title, due_date, description="", success_measure="", at=None
):
    """Create an action and the first row of its history, which tells the owner it was assigned.

    Its due date cannot be before the day it is created (`at`, today by default).
    """
    if not rules.can_create_action(created_by):
        raise PermissionDenied("Only a leader can create actions.")
    check_owner(owner=owner, improvement_area=improvement_area)
    at = at or timezone.now()
    check_due_date(due_date, today=timezone.localdate(at))
    return _new_action(
        kind=UpdateKind.CREATED,
        note=f"Action created and assigned to {owner}.",
        improvement_area=improvement_area,
        owner=owner,
        created_by=created_by,
        title=title,
        description=description,
        success_measure=success_measure,
        due_date=due_date,
        at=at,
    )


def _new_action(*, kind, note, created_by, title, description, success_measure, at, **fields):
    """Save a new action and the first row of its history (`kind`, `note`), both at `at`."""
    action = ActionItem.objects.create(
        created_by=created_by,
        title=title.strip(),
        description=normalise_text(description),
        success_measure=normalise_text(success_measure),
        created_at=at,
        **fields,
    )
    _history(action, author=created_by, kind=kind, status_before="", note=note, at=at)
    return action


def _history(action, *, author, kind, status_before, note, at, internal=False):
    """The history row of a change just saved to `action`: its status and due date after it, at `at`."""
    return ProgressUpdate.objects.create(
        action=action,
        author=author,
        kind=kind,
        status_before=status_before,
        status_after=action.status,
        note=note,
        internal=internal,
        due_date=action.due_date,
        created_at=at,
    )


def _keep_in_step(action, locked, *fields):
    """The caller's instance of the action, given the saved (`locked`) row's values of `fields`."""
    for field in fields:
        setattr(action, field, getattr(locked, field))


# How update_action names the edited fields that have no sentence of their own in the history note.
_EDITED_FIELD_NAMES = {"title": "title", "description": "description", "success_measure": "success measure"}
# Multi-line text, compared and kept as normalise_text() gives it.
_TEXT_FIELDS = ("description", "success_measure")


@transaction.atomic
def update_action(
    *,
    action: ActionItem,
    author,
    improvement_area,
    title: str,
    description: str,
    owner,
    due_date,
    success_measure: str,
    due_date_reason: str = "",
    expected_version: int | None = None,
    at=None,
) -> ProgressUpdate | None:
    """Save a leader's edit of an action, writing only the fields that changed.

    An edit that changes something writes one history row (status unchanged) saying what changed,
    of kind REASSIGNED when the owner changed (the new owner's My actions page finds it: see
    ActionItemQuerySet.recently_assigned_to), else EDITED. Returns the row, or None when nothing
    changed. Text is compared as normalise_text() keeps it, so line endings alone are no change.
    A new due date needs `due_date_reason`, which the history row gives, and may not have passed;
    the first change keeps the date it replaces as original_due_date. A signed-off action is
    refused (ValidationError). With expected_version, a save over a later change raises EditConflict.
    """
    if not rules.can_edit_action(author, action):
        raise PermissionDenied("Only a leader can edit actions.")
    check_owner(owner=owner, improvement_area=improvement_area)
    locked = ActionItem.objects.select_for_update().get(pk=action.pk)
    check_not_signed_off(locked)
    check_version(locked, expected_version, by=author)

    new_values = {
        "improvement_area": improvement_area,
        "title": title.strip(),
        "description": normalise_text(description),
        "owner": owner,
        "due_date": due_date,
        "success_measure": normalise_text(success_measure),
    }

    def differs(name, value):
        field = ActionItem._meta.get_field(name)
        if field.is_relation:
            return getattr(locked, field.attname) != value.pk
        if name in _TEXT_FIELDS:
            return normalise_text(getattr(locked, name)) != value
        return getattr(locked, name) != value

    changed = [name for name, value in new_values.items() if differs(name, value)]
    if not changed:
        return None

    at = at or timezone.now()
    due_date_reason = normalise_text(due_date_reason)
    if "due_date" in changed:
        check_due_date(due_date, today=timezone.localdate(at))
        if not due_date_reason:
            raise ValidationError({"due_date_reason": DUE_DATE_REASON_MESSAGE}, code="due_date_reason_required")

    notes = []
    if "owner" in changed:
        notes.append(f"Reassigned from {locked.owner} to {owner}.")
    if "due_date" in changed:
        notes.append(
            f"Due date changed from {date_format(locked.due_date)} to {date_format(due_date)}. "
            f"Reason: {due_date_reason}"
        )
    if "improvement_area" in changed:
        notes.append(f"Moved to improvement area {improvement_area}.")
    edited = [label for name, label in _EDITED_FIELD_NAMES.items() if name in changed]
    if edited:
        notes.append(f"Edited the {get_text_list(edited, 'and')}.")

    written = list(changed)
    if "due_date" in changed and locked.original_due_date is None:
        locked.original_due_date = locked.due_date
        written.append("original_due_date")
    for name in changed:
        setattr(locked, name, new_values[name])
    locked.updated_by = author
    locked.version += 1
    locked.save(update_fields=[*written, "updated_at", "updated_by", "version"])
    kind = UpdateKind.REASSIGNED if "owner" in changed else UpdateKind.EDITED
    update = _history(locked, author=author, kind=kind, status_before=locked.status, note=" ".join(notes), at=at)
    written_attnames = (ActionItem._meta.get_field(name).attname for name in written)
    _keep_in_step(action, locked, *written_attnames, "updated_at", "updated_by_id", "version")
    return update


@transaction.atomic
def archive_action(*, action: ActionItem, by, note: str = "", at=None) -> ProgressUpdate:
    """Withdraw an action: take it out of use without losing it or its history (actions are never
    deleted). `note` is the reason, which its page shows. A signed-off action stays as it was signed off."""
    if not rules.can_withdraw(by, action):
        raise PermissionDenied("Only a leader can withdraw actions.")
    locked = ActionItem.objects.select_for_update().get(pk=action.pk)
    if locked.is_withdrawn:
        raise ValidationError("This action has already been withdrawn.", code="withdrawn")
    check_not_signed_off(locked)
    at = at or timezone.now()
    locked.archived_at = at
    locked.updated_by = by
    locked.version += 1
    locked.save(update_fields=["archived_at", "updated_by", "updated_at", "version"])
    _keep_in_step(action, locked, "archived_at", "updated_at", "updated_by_id", "version")
    note = normalise_text(note) or f"Action archived by {by}."
    return _history(locked, author=by, kind=UpdateKind.ARCHIVED, status_before=locked.status, note=note, at=at)


@transaction.atomic
def reopen_action(*, action: ActionItem, by, reason: str, at=None) -> ProgressUpdate:
    """Unlock a signed-off action for more work: back to In progress, with the reason in its history."""
    if not rules.can_reopen(by, action):
        raise PermissionDenied("Only a leader can reopen an action.")
    reason = normalise_text(reason)
    if not reason:
        raise ValidationError({"reason": "Enter the reason for reopening the action"}, code="reason_required")
    locked = ActionItem.objects.select_for_update().get(pk=action.pk)
    if not locked.is_signed_off:
        raise ValidationError("Only a signed-off action can be reopened.", code="not_signed_off")
    at = at or timezone.now()
    locked.status = Status.IN_PROGRESS
    locked.completed_on = None
    locked.updated_by = by
    locked.version += 1
    locked.save(update_fields=["status", "completed_on", "updated_at", "updated_by", "version"])
    _keep_in_step(action, locked, "status", "completed_on", "updated_at", "updated_by_id", "version")
    return _history(locked, author=by, kind=UpdateKind.REOPENED, status_before=Status.SIGNED_OFF, note=reason, at=at)


@transaction.atomic
def import_action(
    *,
    improvement_area,
    owner,
    imported_by,
    source_name: str,
    title: str,
    due_date,
    status: str = Status.NOT_STARTED,
    status_word: str = "",
    progress_note: str = "",
    description: str = "",
    success_measure: str = "",
    at=None,
) -> ActionItem:
    """Create an action from a council's existing plan, with the first row of its history saying where it
    came from, the status it had there and its progress update.

    As create_action, but the plan's own status is kept (never signed off: that stays a leader's act here)
    and the due date may have passed: an existing plan's timescales do. Blocked needs the progress update
    as its note, as any change to Blocked does.
    """
    if not rules.can_create_action(imported_by):
        raise PermissionDenied("Only a leader can import actions.")
    if status not in Status.values or status == Status.SIGNED_OFF:
        raise ValidationError({"status": "Select a status other than signed off."}, code="invalid_status")
    progress_note = normalise_text(progress_note)
    if status == Status.BLOCKED and not progress_note:
        raise ValidationError({"note": "Enter a progress note saying what blocks it."}, code="note_required")
    check_owner(owner=owner, improvement_area=improvement_area)
    at = at or timezone.now()
    note = f"Imported from {source_name} by {imported_by} on {date_format(timezone.localdate(at))}."
    if status_word:
        note += f" Status in the plan: {status_word}."
    if progress_note:
        note += f"\n\n{progress_note}"
    return _new_action(
        kind=UpdateKind.IMPORTED,
        note=note,
        improvement_area=improvement_area,
        owner=owner,
        created_by=imported_by,
        updated_by=imported_by,
        title=title,
        description=description,
        success_measure=success_measure,
        due_date=due_date,
        status=status,
        completed_on=timezone.localdate(at) if status in DONE_STATUSES else None,
        at=at,
    )
