from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from .models import EmailSettings

# Everyone may own actions; only those who may sign actions off hear of their authority as a whole.
OWNER_CHOICES = ("owner_digest", "assigned")
LEADER_CHOICES = ("leader_digest", "completed")


class EmailSettingsForm(forms.Form):
    emails = forms.MultipleChoiceField(
        label="Which emails do you want?",
        help_text="Select all that apply. Emails you do not select are not sent to you.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, leader, **kwargs):
        super().__init__(*args, **kwargs)
        names = OWNER_CHOICES + (LEADER_CHOICES if leader else ())
        self.fields["emails"].choices = [(name, EmailSettings._meta.get_field(name).verbose_name) for name in names]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.checkboxes("emails", legend_size=Size.MEDIUM),
            Button("submit", "Save email settings", data_prevent_double_click="true"),
        )

    def choices(self):
        """{setting: on or off} for each setting the form offered."""
        chosen = set(self.cleaned_data["emails"])
        return {name: name in chosen for name, _ in self.fields["emails"].choices}
