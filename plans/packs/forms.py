"""The "Create a board pack" form. It only validates: its choices come from the leader's own authority."""

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils import timezone

from bromley_tracker.forms import GovukDateField, date_hint
from inspections.models import Inspection

from .audiences import AUDIENCES
from .content import DEFAULT_PERIOD_DAYS

SINCE_IN_FUTURE_MESSAGE = "Changes since must be today or in the past"


class InspectionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, inspection):
        return inspection.title


class BoardPackForm(forms.Form):
    """?audience=...&inspections=<id>...&since_0=...: the pack to make. No inspection ticked is the whole authority."""

    audience = forms.ChoiceField(
        label="Who is the pack for?",
        choices=[Choice(key, audience.name, hint=audience.description) for key, audience in AUDIENCES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the pack is for", "invalid_choice": "Select who the pack is for"},
    )
    inspections = InspectionsField(
        label="Which inspections?",
        queryset=Inspection.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave them all unticked for the whole authority's plan.",
        error_messages={
            "invalid_choice": "Select inspections from the list",
            "invalid_pk_value": "Select inspections from the list",
        },
    )
    since = GovukDateField(label="Changes since")

    def __init__(self, data=None, *, user, since, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["inspections"].queryset = Inspection.objects.for_user(user).order_by("-start_date", "-pk")
        self.fields["since"].initial = since
        self.fields["since"].error_messages["required"] = "Enter the date to show changes since"
        self.fields["since"].help_text = (
            "The pack shows what moved after this day: by default the last improvement board meeting recorded "
            f"as a milestone, or else {DEFAULT_PERIOD_DAYS} days ago. {date_hint(datetime.date(2026, 11, 3))}"
        )
        questions = [Field.radios("audience", legend_size=Size.MEDIUM)]
        # The form as first shown asks which inspections only where there are some to tick; with none recorded
        # the pack is the whole authority's.
        if data is None and not self.fields["inspections"].queryset.exists():
            del self.fields["inspections"]
        else:
            questions.append(Field.checkboxes("inspections", legend_size=Size.MEDIUM, small=True))
        questions.append(Field("since", context={"legend_size": Size.for_legend(Size.MEDIUM)}))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*questions)

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since and since > timezone.localdate():
            raise forms.ValidationError(SINCE_IN_FUTURE_MESSAGE)
        return since

    @property
    def chosen_audience(self):
        return AUDIENCES[self.cleaned_data["audience"]]
