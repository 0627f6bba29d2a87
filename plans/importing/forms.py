"""The import's two forms: the upload, and the correction of what each column was matched to. They only
validate: reading the file is how an upload is validated, and a file that cannot be read is an error
on its field."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

from bromley_tracker.forms import submit_button

from .headings import FIELD_LABELS
from .reading import MAX_BYTES, TOO_BIG, UnreadableFile, read_table

NOT_IMPORTED = ""


class UploadForm(forms.Form):
    spreadsheet = forms.FileField(
        label="Spreadsheet",
        help_text="An Excel Workbook (.xlsx) or a CSV file, up to 5 MB and 5,000 rows.",
        error_messages={"required": "Select a spreadsheet", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("spreadsheet"), submit_button("Upload and check"))

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_BIG)
        try:
            self.cleaned_data["table"] = read_table(upload.name, upload.read())
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class MappingForm(forms.Form):
    """One choice for each column of the sheet: the field it holds, or Not imported."""

    def __init__(self, *args, headings, letters, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_IMPORTED, "Not imported"), *FIELD_LABELS.items()]
        for index, heading in enumerate(headings):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"Column {letters[index]}: {heading or '(no heading)'}",
                choices=choices,
                required=False,
                error_messages={"invalid_choice": "Select what the column holds from the list"},
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(Field.select(name) for name in self.fields), submit_button("Check again with these matches")
        )

    def clean(self):
        cleaned_data = super().clean()
        chosen = {}
        for name, value in list(cleaned_data.items()):
            if not value:
                continue
            if value in chosen:
                self.add_error(name, f"Choose {FIELD_LABELS[value]} for one column only")
            chosen.setdefault(value, name)
        if "title" not in chosen and not self.errors:
            self.add_error(next(iter(self.fields)), "Choose the column that holds the actions")
        return cleaned_data

    @property
    def mapping(self):
        """{"<column index>": field} of the valid form."""
        return {name.removeprefix("column_"): value for name, value in self.cleaned_data.items() if value}
