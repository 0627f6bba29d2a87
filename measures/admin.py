"""The admin for measures, with their values inline.

Measures are saved and values added through measures.services, as everywhere. A value once saved is
read-only here: a correction, which asks why, is made on the measure's page.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.scoping import LOCAL_AUTHORITY_FILTER, ScopedAdminMixin, visible_to
from inspections.models import ImprovementArea

from .models import Comparison, Correction, Measure, MeasureValue
from .services import MEASURE_FIELDS, add_value, check_period_end, create_measure, resolve_value, update_measure


class MeasureValueInlineForm(forms.ModelForm):
    class Meta:
        model = MeasureValue
        fields = ["period_end", "value", "numerator", "denominator", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The value may come from the numerator and denominator instead.
        self.fields["value"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or not self.has_changed() or self.errors:
            return cleaned
        try:
            check_period_end(cleaned["period_end"])
            cleaned["value"] = resolve_value(
                unit=self.parent_unit,
                value=cleaned.get("value"),
                numerator=cleaned.get("numerator"),
                denominator=cleaned.get("denominator"),
            )
        except ValidationError as error:
            self._add_errors(error)
        return cleaned

    def _add_errors(self, error):
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)

    # Set by the inline for each request: the parent measure's unit (a new measure's comes from its form).
    parent_unit = None

    def validate_unique(self):
        # The measure and period are checked again, under a lock, by add_value.
        pass


class MeasureValueInline(ScopedAdminMixin, admin.TabularInline):
    model = MeasureValue
    form = MeasureValueInlineForm
    extra = 1
    fields = ["period_end", "value", "numerator", "denominator", "note", "entered_by", "entered_at"]
    readonly_fields = ["entered_by", "entered_at"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        # Saved values are history: corrected on the measure's page, with a reason.
        return False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        unit = obj.unit if obj else request.POST.get("unit")
        formset.form = type("MeasureValueForm", (formset.form,), {"parent_unit": unit})
        return formset


class ComparisonInline(admin.TabularInline):
    model = Comparison
    extra = 0
    fields = ["label", "value", "source", "as_at"]


@admin.register(Measure)
class MeasureAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "local_authority", "owner", "unit", "frequency", "target_value", "target_date"]
    list_filter = [("local_authority", LOCAL_AUTHORITY_FILTER), "frequency", "unit"]
    search_fields = ["name", "description"]
    fields = ["local_authority", *MEASURE_FIELDS, "improvement_areas", "themes"]
    filter_horizontal = ["improvement_areas", "themes"]
    inlines = [ComparisonInline, MeasureValueInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "improvement_areas":
            kwargs["queryset"] = visible_to(request.user, ImprovementArea.objects.select_related("inspection"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in MEASURE_FIELDS if name in form.cleaned_data}
        try:
            if change:
                saved = update_measure(measure=obj, by=request.user, **values)
            else:
                saved = create_measure(local_authority=obj.local_authority, by=request.user, **values)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        if formset.model is not MeasureValue:
            return super().save_formset(request, form, formset, change)
        for value_form in formset.extra_forms:
            if not value_form.has_changed():
                continue
            data = value_form.cleaned_data
            add_value(
                measure=form.instance,
                by=request.user,
                period_end=data["period_end"],
                value=data.get("value"),
                numerator=data.get("numerator"),
                denominator=data.get("denominator"),
                note=data.get("note", ""),
                at=timezone.now(),
            )


@admin.register(Correction)
class CorrectionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Corrections are history: read here, made on the measure's page."""

    list_display = ["measure_value", "previous_value", "value", "corrected_by", "corrected_at"]
    readonly_fields = [field.name for field in Correction._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
