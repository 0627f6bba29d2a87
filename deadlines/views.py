"""The pages that record an inspection's deadlines, and the intervention register. Each fetches through the
user's scoped queryset (404 for another authority's), asks accounts.rules (403), and writes through
deadlines.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts import rules
from inspections.models import Inspection

from . import services
from .forms import MilestoneForm, ReceiptForm, ResponseForm, SubmissionForm
from .models import Intervention, Milestone, ReportReceipt


def _deadlines_url(inspection_id):
    return reverse("inspection_detail", args=[inspection_id]) + "#deadlines"


def _back_url(milestone):
    """Where a milestone is listed: its inspection's Deadlines, or the intervention register."""
    if milestone.inspection_id is None:
        return reverse("intervention_list")
    return _deadlines_url(milestone.inspection_id)


def _get_inspection_for_user(request, pk):
    return get_object_or_404(Inspection.objects.for_user(request.user).select_related("local_authority"), pk=pk)


def _get_milestone_for_user(request, pk):
    return get_object_or_404(
        Milestone.objects.for_user(request.user).select_related("local_authority", "inspection"), pk=pk
    )


def _save(request, form, write, message):
    """Run a service write for a valid form; its ValidationError lands beside the field it names."""
    try:
        write()
    except ValidationError as error:
        # An error naming a field (error_dict) lands beside that field; any other, in the summary.
        form.add_error(None, error)
        return False
    messages.success(request, message)
    return True


def receipt_edit(request, pk):
    """When the council received the report: a one-question page for leaders."""
    inspection = _get_inspection_for_user(request, pk)
    if not rules.can_record_receipt(request.user):
        raise PermissionDenied("Only a leader can record when the report was received.")
    receipt = ReportReceipt.objects.filter(inspection=inspection).first()
    initial = {"received_on": receipt.received_on} if receipt else {}
    form = ReceiptForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        received_on = form.cleaned_data["received_on"]
        if _save(
            request,
            form,
            lambda: services.record_receipt(inspection=inspection, received_on=received_on, author=request.user),
            "Date received saved and deadlines worked out",
        ):
            return redirect(_deadlines_url(inspection.pk))
    return render(request, "deadlines/receipt_form.html", {"form": form, "inspection": inspection})


def milestone_create(request, pk):
    """Add one of the plan's own governance milestones, for leaders."""
    inspection = _get_inspection_for_user(request, pk)
    if not rules.can_add_milestone(request.user):
        raise PermissionDenied("Only a leader can add milestones.")
    form = MilestoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(
            request,
            form,
            lambda: services.add_milestone(
                inspection=inspection,
                kind=data["kind"],
                due_on=data["due_on"],
                description=data["description"],
                author=request.user,
            ),
            "Milestone added",
        ):
            return redirect(_deadlines_url(inspection.pk))
    return render(request, "deadlines/milestone_form.html", {"form": form, "inspection": inspection})


def submission_edit(request, pk):
    """Record when a plan or report was sent, for leaders."""
    milestone = _get_milestone_for_user(request, pk)
    if not rules.can_record_submission(request.user):
        raise PermissionDenied("Only a leader can record a submission.")
    if not milestone.is_submitted_kind or milestone.response == "accepted":
        messages.info(request, "There is no submission to record for this milestone.")
        return redirect(_back_url(milestone))
    form = SubmissionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        submitted_on = form.cleaned_data["submitted_on"]
        if _save(
            request,
            form,
            lambda: services.record_submission(milestone=milestone, submitted_on=submitted_on, author=request.user),
            "Submission recorded",
        ):
            return redirect(_back_url(milestone))
    return render(
        request, "deadlines/submission_form.html", {"form": form, "milestone": milestone, "back": _back_url(milestone)}
    )


def response_edit(request, pk):
    """Record Ofsted's response to a submitted plan, for leaders."""
    milestone = _get_milestone_for_user(request, pk)
    if not rules.can_record_submission(request.user):
        raise PermissionDenied("Only a leader can record Ofsted's response.")
    if not milestone.is_statutory or milestone.submitted_on is None:
        messages.info(request, "Record the submission to Ofsted first.")
        return redirect(_back_url(milestone))
    form = ResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(
            request,
            form,
            lambda: services.record_response(
                milestone=milestone,
                response=data["response"],
                responded_on=data["responded_on"],
                note=data["note"],
                author=request.user,
            ),
            "Ofsted's response recorded",
        ):
            return redirect(_back_url(milestone))
    return render(
        request, "deadlines/response_form.html", {"form": form, "milestone": milestone, "back": _back_url(milestone)}
    )


@require_safe
def intervention_list(request):
    """The authority's register of government intervention and support, current first."""
    if not rules.can_view_interventions(request.user):
        raise PermissionDenied("Only people with a role can see the intervention register.")
    interventions = (
        Intervention.objects.for_user(request.user)
        .select_related("inspection")
        .prefetch_related("reviews", "milestones")
        .order_by("ended_on", "-started_on", "pk")
    )
    return render(request, "deadlines/intervention_list.html", {"interventions": interventions})
