"""Writes to an inspection's receipt date and milestones, each in one transaction with its history row.

The forms, the admin and the demo data all come through here, so no due date or submission changes
without a MilestoneEvent saying so.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts import rules

from .models import (
    GOVERNANCE_KINDS,
    STATUTORY_KINDS,
    SUBMITTED_KINDS,
    ClosureDay,
    Milestone,
    MilestoneEvent,
    MilestoneEventKind,
    MilestoneKind,
    OfstedResponse,
    ReportReceipt,
    names_priority_actions,
    statutory_milestones,
)


def _check_council(author, local_authority_id):
    """The pages fetch through the author's scoped querysets; other doors get the same answer here."""
    if author.local_authority_id != local_authority_id:
        raise PermissionDenied("Only the council's own people can record its deadlines.")


def _event(milestone, kind, author, note, at):
    return MilestoneEvent.objects.create(milestone=milestone, kind=kind, author=author, note=note, created_at=at)


def _not_in_future(field, label, day, today):
    if day > today:
        raise ValidationError({field: f"{label} must be today or in the past"}, code="future")


def _derive(receipt, *, author, at, reason):
    """Create or move the inspection's statutory milestones to their dates from `receipt`."""
    inspection = receipt.inspection
    calendar = ClosureDay.objects.calendar_for(inspection.local_authority_id)
    existing = {m.kind: m for m in Milestone.objects.filter(inspection=inspection, kind__in=STATUTORY_KINDS)}
    expected = statutory_milestones(inspection, names_priority_actions=names_priority_actions(inspection))
    for kind, working_days in expected:
        due = calendar.add(receipt.received_on, working_days)
        received = date_format(receipt.received_on)
        note = f"{working_days} working days after the report was received on {received}{reason}."
        milestone = existing.get(kind)
        if milestone is None:
            milestone = Milestone.objects.create(
                local_authority_id=inspection.local_authority_id, inspection=inspection, kind=kind, due_on=due
            )
            _event(milestone, MilestoneEventKind.DUE_DATE_SET, author, f"Due {date_format(due)}: {note}", at)
        elif milestone.due_on != due:
            before = milestone.due_on
            milestone.due_on = due
            milestone.save(update_fields=["due_on"])
            _event(
                milestone,
                MilestoneEventKind.DUE_DATE_SET,
                author,
                f"Due date moved from {date_format(before)} to {date_format(due)}: {note}",
                at,
            )


@transaction.atomic
def record_receipt(*, inspection, received_on: datetime.date, author, at=None) -> ReportReceipt:
    """Record (or correct) when the council received the report, and work out Ofsted's deadlines from it."""
    if not rules.can_record_receipt(author):
        raise PermissionDenied("Only a leader can record when the report was received.")
    _check_council(author, inspection.local_authority_id)
    at = at or timezone.now()
    if received_on < inspection.end_date:
        raise ValidationError(
            {
                "received_on": "Date received must be on or after the inspection ended "
                f"({date_format(inspection.end_date)})"
            },
            code="before_inspection",
        )
    _not_in_future("received_on", "Date received", received_on, timezone.localdate(at))
    first_submission = (
        Milestone.objects.filter(inspection=inspection, kind__in=SUBMITTED_KINDS, submitted_on__lt=received_on)
        .order_by("submitted_on")
        .first()
    )
    if first_submission is not None:
        raise ValidationError(
            {
                "received_on": "Date received must be on or before the first submission to Ofsted "
                f"({date_format(first_submission.submitted_on)})"
            },
            code="after_submission",
        )
    receipt, _ = ReportReceipt.objects.update_or_create(
        inspection=inspection, defaults={"received_on": received_on, "recorded_by": author}
    )
    receipt.inspection = inspection
    _derive(receipt, author=author, at=at, reason="")
    return receipt


def rederive_due_dates(*, local_authority_id=None, author=None, reason="", at=None):
    """Work Ofsted's deadlines out again after the closure days changed: those of one authority, or of every
    authority for a closure day that applies to all."""
    at = at or timezone.now()
    receipts = ReportReceipt.objects.select_related("inspection")
    if local_authority_id is not None:
        receipts = receipts.for_local_authority(local_authority_id)
    for receipt in receipts:
        _derive(receipt, author=author, at=at, reason=reason)


@transaction.atomic
def save_closure_day(*, closure: ClosureDay, author, at=None) -> ClosureDay:
    """Add or change a closure day (the admin's door), and move the deadlines it falls within."""
    before = ClosureDay.objects.filter(pk=closure.pk).values_list("local_authority_id", flat=True).first()
    closure.save()
    reason = f", moved for {closure}"
    rederive_due_dates(local_authority_id=closure.local_authority_id, author=author, reason=reason, at=at)
    if closure.pk and before is not None and before != closure.local_authority_id:
        rederive_due_dates(local_authority_id=before, author=author, reason=reason, at=at)
    return closure


@transaction.atomic
def delete_closure_day(*, closure: ClosureDay, author, at=None):
    reason = f", moved as {closure} is no longer a closure day"
    local_authority_id = closure.local_authority_id
    closure.delete()
    rederive_due_dates(local_authority_id=local_authority_id, author=author, reason=reason, at=at)


@transaction.atomic
def record_submission(*, milestone: Milestone, submitted_on: datetime.date, author, at=None) -> MilestoneEvent:
    """Record when the council sent a plan or report. After Ofsted asked for changes, a new submission
    replaces the old one and clears the response (the history keeps both)."""
    if not rules.can_record_submission(author):
        raise PermissionDenied("Only a leader can record a submission.")
    at = at or timezone.now()
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    _check_council(author, locked.local_authority_id)
    if locked.kind not in SUBMITTED_KINDS:
        raise ValidationError("This milestone is not something the council submits.", code="not_submitted_kind")
    if locked.response == OfstedResponse.ACCEPTED:
        raise ValidationError("Ofsted has accepted this submission already.", code="accepted")
    received = ReportReceipt.objects.filter(inspection_id=locked.inspection_id).first()
    if received is not None and submitted_on < received.received_on:
        raise ValidationError(
            {
                "submitted_on": "Date submitted must be on or after the date the report was received "
                f"({date_format(received.received_on)})"
            },
            code="before_receipt",
        )
    _not_in_future("submitted_on", "Date submitted", submitted_on, timezone.localdate(at))
    note = f"Submitted on {date_format(submitted_on)}."
    if locked.submitted_on:
        note = f"Submitted again on {date_format(submitted_on)} (before: {date_format(locked.submitted_on)})."
    locked.submitted_on = submitted_on
    locked.response, locked.response_on, locked.response_note = "", None, ""
    locked.save(update_fields=["submitted_on", "response", "response_on", "response_note"])
    for field in ("submitted_on", "response", "response_on", "response_note"):
        setattr(milestone, field, getattr(locked, field))
    return _event(locked, MilestoneEventKind.SUBMITTED, author, note, at)


@transaction.atomic
def record_response(
    *, milestone: Milestone, response: str, responded_on: datetime.date, note: str = "", author, at=None
) -> MilestoneEvent:
    """Record Ofsted's response to a submitted plan: accepted, or asked for changes (saying which)."""
    if not rules.can_record_submission(author):
        raise PermissionDenied("Only a leader can record Ofsted's response.")
    at = at or timezone.now()
    note = (note or "").strip()
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    _check_council(author, locked.local_authority_id)
    if not locked.is_statutory or locked.submitted_on is None:
        raise ValidationError("Record the submission to Ofsted first.", code="not_submitted")
    if response not in OfstedResponse.values:
        raise ValidationError({"response": "Select Ofsted's response"}, code="invalid_response")
    if response == OfstedResponse.CHANGES_REQUESTED and not note:
        raise ValidationError({"note": "Enter what Ofsted asked to change"}, code="note_required")
    if responded_on < locked.submitted_on:
        raise ValidationError(
            {
                "responded_on": "Date of the response must be on or after the date it was submitted "
                f"({date_format(locked.submitted_on)})"
            },
            code="before_submission",
        )
    _not_in_future("responded_on", "Date of the response", responded_on, timezone.localdate(at))
    locked.response, locked.response_on, locked.response_note = response, responded_on, note
    locked.save(update_fields=["response", "response_on", "response_note"])
    for field in ("response", "response_on", "response_note"):
        setattr(milestone, field, getattr(locked, field))
    said = OfstedResponse(response).label.lower()
    text = f"Ofsted {said} on {date_format(responded_on)}." + (f" {note}" if note else "")
    return _event(locked, MilestoneEventKind.RESPONSE, author, text, at)


@transaction.atomic
def add_milestone(
    *, inspection, kind: str, due_on: datetime.date, description: str = "", author, at=None
) -> Milestone:
    """Add one of the plan's own governance milestones to an inspection's plan."""
    if not rules.can_add_milestone(author):
        raise PermissionDenied("Only a leader can add milestones.")
    _check_council(author, inspection.local_authority_id)
    if kind not in GOVERNANCE_KINDS:
        raise ValidationError({"kind": "Select a kind of milestone"}, code="invalid_kind")
    at = at or timezone.now()
    milestone = Milestone.objects.create(
        local_authority_id=inspection.local_authority_id,
        inspection=inspection,
        kind=kind,
        description=description.strip(),
        due_on=due_on,
    )
    _event(milestone, MilestoneEventKind.ADDED, author, f"Added for {date_format(due_on)}.", at)
    return milestone


@transaction.atomic
def save_intervention(*, intervention, author, at=None):
    """Save an intervention (the admin's door) and keep its next report as a milestone: one open at a time,
    moved when the next due date changes, removed when no more reports are due."""
    at = at or timezone.now()
    intervention.save()
    open_report = Milestone.objects.filter(
        intervention=intervention, kind=MilestoneKind.INTERVENTION_REPORT, submitted_on__isnull=True
    ).first()
    due_on = intervention.next_report_due
    if due_on is None:
        if open_report is not None:
            open_report.delete()
        return intervention
    milestone = open_report
    if milestone is None:
        if Milestone.objects.filter(intervention=intervention, due_on=due_on, submitted_on__isnull=False).exists():
            return intervention  # that report has been sent: the next due date is still to be entered
        milestone = Milestone.objects.create(
            local_authority_id=intervention.local_authority_id,
            inspection=intervention.inspection,
            intervention=intervention,
            kind=MilestoneKind.INTERVENTION_REPORT,
            description=intervention.get_kind_display(),
            due_on=due_on,
        )
        _event(milestone, MilestoneEventKind.ADDED, author, f"Next report due {date_format(due_on)}.", at)
    elif milestone.due_on != due_on:
        before = milestone.due_on
        milestone.due_on = due_on
        milestone.save(update_fields=["due_on"])
        text = f"Next report moved from {date_format(before)} to {date_format(due_on)}."
        _event(milestone, MilestoneEventKind.DUE_DATE_SET, author, text, at)
    return intervention
