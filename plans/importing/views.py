"""The import pages: "Import a plan" (template and upload), the preview with its column matches, and
"Confirm import". Each fetches the inspection through the user's scoped queryset (404 for another
authority's), asks accounts.rules (403), and keeps the upload in the database between requests."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts import rules
from actions.filtersets import list_url
from inspections.models import Inspection

from ..models import PendingImport
from . import preview as previews
from .forms import MappingForm, UploadForm
from .template_file import template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPIRED = "This upload is no longer here: an upload not confirmed within a day is deleted. Upload the plan again."


def _inspection_for_import(request, pk):
    inspection = get_object_or_404(Inspection.objects.for_user(request.user).select_related("local_authority"), pk=pk)
    if not rules.can_import_plan(request.user, inspection):
        raise PermissionDenied("Only leaders of the inspection's council can import a plan into it.")
    return inspection


def _pending_for(request, inspection, pending_pk):
    """The user's own upload into this inspection, while it is kept."""
    pending = (
        PendingImport.objects.for_user(request.user)
        .current()
        .filter(inspection=inspection, uploaded_by=request.user, pk=pending_pk)
        .first()
    )
    if pending is None:
        raise Http404(EXPIRED)
    pending.inspection = inspection
    return pending


def plan_import(request, pk):
    """The template to download and the upload; a readable file goes on to its preview."""
    inspection = _inspection_for_import(request, pk)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        pending = previews.keep_upload(
            form.cleaned_data["table"],
            inspection=inspection,
            user=request.user,
            file_name=form.cleaned_data["spreadsheet"].name,
        )
        return redirect("plan_import_preview", pk=inspection.pk, pending_pk=pending.pk)
    return render(request, "plans/import_start.html", {"inspection": inspection, "form": form})


@require_safe
def plan_import_template(request, pk):
    _inspection_for_import(request, pk)
    response = HttpResponse(template_bytes(request.user.username), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="action-plan-template.xlsx"'
    return response


def _mapping_form(pending, data=None):
    letters = [previews.column_letter(index) for index in range(len(pending.headings))]
    initial = {f"column_{index}": field for index, field in pending.column_fields.items()}
    return MappingForm(data, headings=pending.headings, letters=letters, initial=initial)


def _render_preview(request, pending, *, form=None, problem=""):
    context = {
        "inspection": pending.inspection,
        "pending": pending,
        "preview": previews.preview(pending, user=request.user),
        "form": form or _mapping_form(pending),
        "problem": problem,
    }
    return render(request, "plans/import_preview.html", context, status=400 if problem else 200)


def plan_import_preview(request, pk, pending_pk):
    """What the import will create, row by row; a POST corrects the column matches."""
    inspection = _inspection_for_import(request, pk)
    pending = _pending_for(request, inspection, pending_pk)
    if request.method == "POST":
        form = _mapping_form(pending, request.POST)
        if not form.is_valid():
            return _render_preview(request, pending, form=form)
        previews.rematch(pending, form.mapping)
        messages.success(request, "Column matches saved and the plan checked again")
        return redirect("plan_import_preview", pk=inspection.pk, pending_pk=pending.pk)
    return _render_preview(request, pending)


@require_POST
def plan_import_confirm(request, pk, pending_pk):
    """Create everything, or nothing when a row has a problem."""
    inspection = _inspection_for_import(request, pk)
    pending = _pending_for(request, inspection, pending_pk)
    done, created = previews.run_import(pending, user=request.user)
    if not created:
        if done.problem_rows:
            problem = f"Nothing was imported: {done.summary}. Correct them and upload the plan again."
        else:
            problem = "Nothing was imported: the plan has no new actions."
        return _render_preview(request, pending, problem=problem)
    messages.success(request, f"{done.summary.replace('will be created', 'imported')} from {pending.file_name}")
    at = created[0].created_at
    return redirect(list_url(imported=at.isoformat()))
