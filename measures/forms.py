"""Forms for measures and their values. They only validate; measures.services writes."""

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from accounts.models import User
from bromley_tracker.forms import GovukDateField, LongTextField, date_example, long_text, submit_button
from inspections.models import ImprovementArea, Theme

from .models import DECIMAL_PLACES, MAX_DIGITS, Direction, Frequency, Unit


def amount_field(label, *, required=True, help_text=""):
    name = label.removesuffix(" (optional)")
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        error_messages={
            "required": f"Enter a {name.lower()}",
            "invalid": f"{name} must be a number",
            "max_decimal_places": f"{name} must have {DECIMAL_PLACES} decimal places or fewer",
            "max_digits": f"{name} must be less than 100,000,000",
            "max_whole_digits": f"{name} must be less than 100,000,000",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )


def count_field(label):
    name = label.removesuffix(" (optional)")
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            "invalid": f"{name} must be a whole number",
            "min_value": f"{name} must be 0 or more",
            "max_value": f"{name} must be less than 2,147,483,648",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


class FiguresForm(forms.Form):
    """A value, or the numerator and denominator it derives from, and a note."""

    value = amount_field(
        "Value", required=False, help_text="Or leave it empty and give the numerator and denominator."
    )
    numerator = count_field("Numerator (optional)")
    denominator = count_field("Denominator (optional)")
    note = LongTextField(label="Note (optional)", required=False)

    def figures(self):
        data = self.cleaned_data
        return {name: data.get(name) for name in ("value", "numerator", "denominator")}


class ValueForm(FiguresForm):
    """The measure page's "Add a value"."""

    period_end = GovukDateField(
        label="Period end",
        help_text="The last day of the month or quarter, for example " + date_example(datetime.date(2026, 3, 31)),
    )
    field_order = ["period_end", "value", "numerator", "denominator", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("period_end"),
            Field.text("value", field_width=5),
            Field.text("numerator", field_width=5),
            Field.text("denominator", field_width=5),
            long_text("note", rows=3),
            submit_button("Save value"),
        )


class CorrectionForm(FiguresForm):
    reason = LongTextField(
        label="Reason for the correction",
        help_text="What was wrong with the figure. It is kept with the value it replaced.",
        error_messages={"required": "Enter the reason for the correction"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("value", field_width=5),
            Field.text("numerator", field_width=5),
            Field.text("denominator", field_width=5),
            long_text("note", rows=3),
            long_text("reason", rows=3),
            submit_button("Save correction"),
        )


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, area):
        return f"{area.inspection.title}: {area}"


class MeasureForm(forms.Form):
    """New and edit measure: what a leader fills in. `user` scopes the choices to their local authority."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example, “Return home interviews offered within 72 hours”.",
        error_messages={"required": "Enter a name", "max_length": "Name must be 200 characters or fewer"},
    )
    description = LongTextField(label="What it counts (optional)", required=False)
    numerator_description = forms.CharField(label="Numerator, in words (optional)", max_length=300, required=False)
    denominator_description = forms.CharField(label="Denominator, in words (optional)", max_length=300, required=False)
    unit = forms.ChoiceField(
        label="Unit", choices=Unit.choices, widget=forms.RadioSelect, error_messages={"required": "Select a unit"}
    )
    direction = forms.ChoiceField(
        label="Which is better",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which is better"},
    )
    baseline_value = amount_field("Baseline")
    baseline_date = GovukDateField(
        label="Baseline date",
        help_text="When the baseline was taken, for example " + date_example(datetime.date(2025, 3, 31)),
    )
    target_value = amount_field("Target")
    target_date = GovukDateField(
        label="Target date",
        help_text="When the target should be reached, for example " + date_example(datetime.date(2027, 3, 31)),
    )
    frequency = forms.ChoiceField(
        label="How often it is reported",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often it is reported"},
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Owner",
        empty_label="Choose an owner",
        help_text="The person who enters its values.",
        error_messages={"required": "Select an owner", "invalid_choice": "Select an owner from the list"},
    )
    improvement_areas = AreaChoiceField(
        queryset=ImprovementArea.objects.none(),
        label="Improvement areas it evidences (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select improvement areas from the list"},
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        label="Themes (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select themes from the list"},
    )
    source = forms.CharField(label="Source of the baseline (optional)", max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.for_user(user).filter(is_active=True).order_by("last_name")
        self.fields["improvement_areas"].queryset = ImprovementArea.objects.for_user(user).select_related("inspection")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name"),
            long_text("description", rows=3),
            Field.text("numerator_description"),
            Field.text("denominator_description"),
            Field.radios("unit", legend_size=Size.SMALL, inline=True),
            Field.radios("direction", legend_size=Size.SMALL),
            Fieldset(Field.text("baseline_value", field_width=5), Field("baseline_date"), legend="Baseline"),
            Fieldset(Field.text("target_value", field_width=5), Field("target_date"), legend="Target"),
            Field.radios("frequency", legend_size=Size.SMALL, inline=True),
            Field.select("owner"),
            Field.checkboxes("improvement_areas", legend_size=Size.SMALL),
            Field.checkboxes("themes", legend_size=Size.SMALL),
            Field.text("source"),
            submit_button("Save measure"),
        )

    def measure_fields(self):
        data = dict(self.cleaned_data)
        links = {"improvement_areas": data.pop("improvement_areas"), "themes": data.pop("themes")}
        return data, links
