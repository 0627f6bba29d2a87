"""The measures' own pages: the scorecard, a measure's page with its chart and values, and the forms."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts import rules

from . import charts, exports
from .filtersets import MeasureFilterSet
from .forms import CorrectionForm, MeasureForm, ValueForm
from .models import Measure, MeasureValue
from .services import add_value, correct_value, create_measure, update_measure

# The scorecard's trend line: the latest this many values.
SPARKLINE_VALUES = 12


def _get_measure_for_user(request, pk):
    """The measure, with its rating, if it belongs to the user's local authority (404 otherwise)."""
    measures = Measure.objects.for_user(request.user).with_impact().for_list()
    return get_object_or_404(measures, pk=pk)


def measure_list(request):
    measures = Measure.objects.for_user(request.user).with_impact().for_list()
    filterset = MeasureFilterSet(request.GET or None, queryset=measures, user=request.user)
    shown = list(filterset.qs.attention_first()) if filterset.is_bound else list(measures.attention_first())
    values = defaultdict(list)
    for measure_id, value in (
        MeasureValue.objects.filter(measure__in=shown).order_by("period_end").values_list("measure_id", "value")
    ):
        values[measure_id].append(value)
    for measure in shown:
        measure.sparkline = charts.sparkline(values[measure.pk][-SPARKLINE_VALUES:])
        measure.next_due_on = measure.next_due(measure.latest_date)
    return render(
        request,
        "measures/measure_list.html",
        {"measures": shown, "filterset": filterset, "total": measures.count() if filterset.is_bound else len(shown)},
    )


def _filtered(request):
    measures = Measure.objects.for_user(request.user).with_impact().for_list()
    filterset = MeasureFilterSet(request.GET or None, queryset=measures, user=request.user)
    return filterset.qs.attention_first() if filterset.is_bound else measures.attention_first()


@require_safe
def measure_export(request, ext):
    """The scorecard, filtered as the page is, as CSV or XLSX."""
    rows = exports.scorecard_rows(_filtered(request), absolute_url=request.build_absolute_uri)
    return _export(exports.SCORECARD_HEADERS, rows, "measures", "Measures", ext)


@require_safe
def measure_values_export(request, ext):
    """Every value of the scorecard's measures (filtered as the page is), as CSV or XLSX."""
    rows = exports.value_rows(_filtered(request).values("pk"))
    return _export(exports.VALUE_HEADERS, rows, "measure-values", "Values", ext)


def _export(headers, rows, name, title, ext):
    if ext == "csv":
        response = StreamingHttpResponse(exports.csv_lines(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.xlsx_bytes(title, headers, rows), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{ext}"'
    return response


def _page(request, measure, *, form=None, status=200):
    values = list(measure.values.select_related("entered_by").prefetch_related("corrections__corrected_by"))
    may_add = rules.can_add_measure_value(request.user, measure)
    if form is None and may_add:
        form = ValueForm()
    rows = [
        {"value": value, "expected": measure.expected_at(value.period_end), "corrections": value.corrections.all()}
        for value in values
    ]
    context = {
        "measure": measure,
        "rows": rows,
        "chart": charts.line_chart(measure, values),
        "comparisons": measure.comparisons.all(),
        "areas": measure.improvement_areas.select_related("inspection"),
        "themes": measure.themes.all(),
        "form": form,
        "may_add": may_add,
        "can_edit": rules.can_edit_measure(request.user, measure),
    }
    return render(request, "measures/measure_detail.html", context, status=status)


def measure_detail(request, pk):
    """A measure's chart, its values with their corrections, and "Add a value" for its owner and leaders."""
    measure = _get_measure_for_user(request, pk)
    if request.method != "POST":
        return _page(request, measure)
    if not rules.can_add_measure_value(request.user, measure):
        raise PermissionDenied("Only the measure's owner or a leader can add its values.")
    form = ValueForm(request.POST)
    if form.is_valid():
        period_end = form.cleaned_data["period_end"]
        try:
            add_value(
                measure=measure,
                by=request.user,
                period_end=form.cleaned_data["period_end"],
                note=form.cleaned_data["note"],
                **form.figures(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            # Offer to correct the value the period already has.
            form.duplicate = MeasureValue.objects.filter(measure=measure, period_end=period_end).first()
        else:
            messages.success(request, "Value saved")
            return redirect(measure)
    return _page(request, measure, form=form)


def measure_value_correct(request, pk, value_pk):
    measure = _get_measure_for_user(request, pk)
    value = get_object_or_404(MeasureValue.objects.filter(measure=measure), pk=value_pk)
    if not rules.can_add_measure_value(request.user, measure):
        raise PermissionDenied("Only the measure's owner or a leader can correct its values.")
    initial = {
        "value": value.value,
        "numerator": value.numerator,
        "denominator": value.denominator,
        "note": value.note,
    }
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            correct_value(
                measure_value=value,
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                **form.figures(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Correction saved")
            return redirect(measure)
    return render(request, "measures/correct_value.html", {"measure": measure, "value": value, "form": form})


def measure_create(request):
    if not rules.can_create_measure(request.user):
        raise PermissionDenied("Only a leader can add a measure.")
    form = MeasureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields, links = form.measure_fields()
        try:
            measure = create_measure(local_authority=request.user.local_authority, by=request.user, **fields, **links)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Measure added")
            return redirect(measure)
    return render(request, "measures/measure_form.html", {"form": form})


def measure_edit(request, pk):
    measure = _get_measure_for_user(request, pk)
    if not rules.can_edit_measure(request.user, measure):
        raise PermissionDenied("Only a leader can change a measure.")
    initial = {name: getattr(measure, name) for name in MeasureForm.base_fields if hasattr(measure, name)}
    initial["owner"] = measure.owner_id
    initial["improvement_areas"] = list(measure.improvement_areas.values_list("pk", flat=True))
    initial["themes"] = list(measure.themes.values_list("pk", flat=True))
    form = MeasureForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields, links = form.measure_fields()
        try:
            update_measure(measure=measure, by=request.user, **fields, **links)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Measure saved")
            return redirect(measure)
    return render(request, "measures/measure_form.html", {"form": form, "measure": measure})
