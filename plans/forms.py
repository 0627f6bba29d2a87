"""The dashboard's narrowing form. It only validates: choices come from the user's own authority."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Div, Field, Layout
from django import forms

from accounts.models import User
from bromley_tracker.forms import Select
from inspections.models import Inspection

FULL_WIDTH, HALF = "govuk-!-width-full", "govuk-grid-column-one-half"


class DashboardFilterForm(forms.Form):
    """?inspection=<id>&owner=<id>: one inspection, one owner, or both; neither is the whole authority."""

    inspection = forms.ModelChoiceField(
        label="Inspection",
        queryset=Inspection.objects.none(),
        required=False,
        empty_label="All inspections",
        widget=Select,
        error_messages={"invalid_choice": "Select an inspection from the list"},
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=User.objects.none(),
        required=False,
        empty_label="All owners",
        widget=Select,
        error_messages={"invalid_choice": "Select an owner from the list"},
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["inspection"].queryset = Inspection.objects.for_user(user).order_by("-start_date", "-pk")
        self.fields["inspection"].label_from_instance = lambda inspection: inspection.title
        self.fields["owner"].queryset = User.objects.for_user(user)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                Div(
                    Field.select("inspection", css_class="govuk-!-width-full"), css_class="govuk-grid-column-one-half"
                ),
                Div(Field.select("owner", css_class="govuk-!-width-full"), css_class="govuk-grid-column-one-half"),
                css_class="govuk-grid-row",
            ),
        )

    @property
    def is_narrowed(self):
        return self.is_valid() and any(self.cleaned_data.values())
