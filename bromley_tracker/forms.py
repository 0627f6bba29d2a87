"""GOV.UK form fields that every app's forms share: free text, dates and the submit button."""

import datetime
import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Button, Field
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# Free text is kept to what a person would write in a plan: about two pages.
LONG_TEXT = 5000
# Due dates in a plan lie within this century.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099
# A day, month or year as typed: ASCII digits only (str.isdigit() also takes "²" and "١"), at most four.
DATE_PART = re.compile(r"[0-9]{1,4}")


def date_example(date):
    """A date as a person types it, in the GOV.UK date input's style: day, month and year in figures."""
    return f"{date.day} {date.month} {date.year}"


def date_hint(date):
    """The hint for a date field: every date a person types is hinted this one way."""
    return f"For example, {date_example(date)}"


# A due date lies ahead: the example for one.
DUE_DATE_EXAMPLE = datetime.date(2027, 3, 27)
DUE_DATE_HINT = date_hint(DUE_DATE_EXAMPLE)


class Textarea(forms.Textarea):
    """A textarea described by its character count's message, "<id>-info": crispy-forms-gds drops that id
    from a field without a hint that is in error. Named as Django's, since crispy-forms-gds styles a widget
    by its class name."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        described_by = attrs.pop("aria-describedby", "").split()
        if "govuk-js-character-count" in attrs.get("class", "") and f"{attrs['id']}-info" not in described_by:
            described_by.append(f"{attrs['id']}-info")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return context


def _attributes(attrs):
    """A widget's attributes as Django's django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {name}"
        if value is True
        else f' {name}="{conditional_escape(value if isinstance(value, str) else str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Django's select, its options written in Python: the same markup as Django's templates, without a
    template include for each option and each option's attributes. Filter panels list every owner,
    improvement area, inspection and theme of an authority on every request; through the templates that
    was the larger part of rendering All actions. Named as Django's, since crispy-forms-gds styles a widget
    by its class name; choices in groups are left to Django's templates."""

    def _listed_choices(self):
        """The choices as a list; a model field's rows from one plain query. Django's iterator reads them
        through a server-side cursor (on PostgreSQL a cursor declared, fetched from and closed: three round
        trips), and list() would count them first."""
        choices = self.choices
        if not isinstance(choices, ModelChoiceIterator) or choices.queryset._prefetch_related_lookups:
            return [choice for choice in choices]
        field, listed = choices.field, []
        if field.empty_label is not None:
            listed.append(("", field.empty_label))
        # django-filter's "no value" choice, after the empty one.
        if getattr(field, "null_label", None) is not None:
            listed.append((field.null_value, field.null_label))
        return listed + [choices.choice(obj) for obj in choices.queryset]

    def render(self, name, value, attrs=None, renderer=None):
        choices = self._listed_choices()
        if any(isinstance(label, list | tuple) for _, label in choices):
            return super().render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        options, has_selected = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            # As Select.optgroups: only the first option with the value is selected, unless many may be.
            selected = (not has_selected or self.allow_multiple_selected) and option_value in values
            has_selected |= selected
            options.append(
                f'\n  <option value="{conditional_escape(option_value)}"{" selected" if selected else ""}>'
                f"{conditional_escape(localize(label))}</option>\n"
            )
        # Each option ends with its template's newline; Django strips only the whole select's.
        return mark_safe(
            f'<select name="{conditional_escape(name)}"{_attributes(attrs)}>{"".join(options)}\n</select>'
        )


class LongTextField(forms.CharField):
    """Free text in a textarea, at most LONG_TEXT characters, saying so in GOV.UK words. Lay it out with
    long_text(), which counts the characters as they are typed; the textarea has no maxlength, which would
    cut a pasted note short without a word."""

    widget = Textarea

    def __init__(self, *, label, error_messages=None, **kwargs):
        # "Note (optional)" and "Note (optional if accepted)" are both "Note" in a message.
        name = re.sub(r"\s*\(optional[^)]*\)$", "", label)
        messages = {"max_length": f"{name} must be {LONG_TEXT:,} characters or fewer", **(error_messages or {})}
        super().__init__(label=label, max_length=LONG_TEXT, error_messages=messages, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        # crispy-forms-gds reads this before it sets it on a counted field without a hint.
        attrs["aria-describedby"] = ""
        return attrs


def long_text(name, rows=4):
    """A LongTextField's textarea with the GOV.UK character count."""
    return Field.textarea(name, rows=rows, max_characters=LONG_TEXT)


def submit_button(label):
    return Button("submit", label, data_prevent_double_click="true")


class GovukDateWidget(DateInputWidget):
    """Day, month and year boxes that bring up a numeric keypad, as the GOV.UK date input does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for widget in self.widgets:
            widget.attrs["inputmode"] = "numeric"


class GovukDateField(DateInputField):
    """A GOV.UK date input (day, month, year) with the Design System's error messages.

    `label` names the date in messages: "Enter a due date", "Due date must include a month",
    "Due date must be a real date". An error about one box is tied to that box, so the error
    summary links to it and only it is marked; an error about the whole date marks all three.
    """

    widget = GovukDateWidget
    part_names = ("day", "month", "year")

    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, **kwargs)
        self.error_messages["required"] = f"Enter a {label.lower()}"
        self.real_date_message = f"{label} must be a real date"

    def _fail(self, message, part=None):
        if part is not None:
            self.fields[part].widget.errors.append(message)
        raise ValidationError(message)

    def clean(self, value):
        parts = [str(v).strip() if v is not None else "" for v in list(value or [])[:3]]
        parts += [""] * (3 - len(parts))
        for field in self.fields:
            field.widget.errors = []
        if not any(parts):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [i for i, part in enumerate(parts) if not part]
        if missing:
            names = " and a ".join(self.part_names[i] for i in missing)
            self._fail(f"{self.label} must include a {names}", missing[0])
        for i, part in enumerate(parts):
            if not DATE_PART.fullmatch(part):
                self._fail(self.real_date_message, i)
        day, month, year = (int(part) for part in parts)
        if not 1 <= month <= 12:
            self._fail(self.real_date_message, 1)
        if len(parts[2]) != 4:
            self._fail("Year must include 4 numbers", 2)
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            self._fail(f"{self.label} must be between {EARLIEST_YEAR} and {LATEST_YEAR}", 2)
        try:
            return datetime.date(year, month, day)
        except ValueError:
            self._fail(self.real_date_message)
