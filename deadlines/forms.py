"""Forms for an inspection's deadlines. They only validate; deadlines.services writes and checks the dates
against each other (a receipt before the inspection ended, a submission before receipt)."""

import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from bromley_tracker.forms import GovukDateField, LongTextField, date_hint, long_text, submit_button

from .models import GOVERNANCE_KINDS, MilestoneKind, OfstedResponse


class ReceiptForm(forms.Form):
    received_on = GovukDateField(
        label="Date received",
        help_text="The day the council received the report or letter from Ofsted. "
        + date_hint(datetime.date(2025, 3, 27)),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("received_on"), submit_button("Save date received"))


class SubmissionForm(forms.Form):
    submitted_on = GovukDateField(label="Date submitted", help_text=date_hint(datetime.date(2025, 3, 3)))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("submitted_on"), submit_button("Save submission"))


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="What did Ofsted say?",
        choices=OfstedResponse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select Ofsted's response", "invalid_choice": "Select Ofsted's response"},
    )
    responded_on = GovukDateField(label="Date of the response", help_text=date_hint(datetime.date(2025, 4, 17)))
    note = LongTextField(
        label="What Ofsted asked to change (optional if accepted)",
        required=False,
        help_text="In Ofsted's words where you can.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("response", legend_size=Size.MEDIUM),
            Field("responded_on"),
            long_text("note"),
            submit_button("Save response"),
        )

    def clean(self):
        cleaned = super().clean()
        # A note refused as too long has its error already, and that is all there is to say.
        note_missing = "note" not in self.errors and not cleaned.get("note", "").strip()
        if cleaned.get("response") == OfstedResponse.CHANGES_REQUESTED and note_missing:
            self.add_error("note", "Enter what Ofsted asked to change")
        return cleaned


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of milestone",
        choices=[(kind.value, kind.label) for kind in GOVERNANCE_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a kind of milestone", "invalid_choice": "Select a kind of milestone"},
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=200,
        help_text=f"For example, “{MilestoneKind.IMPROVEMENT_BOARD.label}: quarter 3 review”.",
        error_messages={"max_length": "Description must be 200 characters or fewer"},
    )
    due_on = GovukDateField(label="Date", help_text=date_hint(datetime.date(2026, 3, 27)))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.text("description"),
            Field("due_on"),
            submit_button("Add milestone"),
        )
