"""The dashboard's narrowing form. It only validates: choices come from the user's own authority."""

from crispy_forms_gds.helper import FormHelper
from django import forms

from accounts.models import User
from bromley_tracker.forms import Select
from inspections.models import Inspection


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
        # Read by {% error_summary %}; the fields are laid out by the dashboard's template.
        self.helper = FormHelper()

    @property
    def is_narrowed(self):
        return self.is_valid() and any(self.cleaned_data.values())
