"""{% govuk_field %}: a filter panel's field in GOV.UK markup, written in Python.

All actions and the dashboard lay out their filters on every request. crispy-forms-gds draws each field
through a stack of nested templates (the field, its label, hint, errors, widget and each checkbox); that
was about a third of rendering All actions. This writes the same markup, as crispy-forms-gds writes it for
a text input, a select, checkboxes and a single checkbox; tests/test_govuk_fields.py compares the two.
As there (and in Django's own form rendering), labels and hints are the form's own HTML, not escaped.
Forms that people fill in keep crispy-forms-gds.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# As crispy-forms-gds names a widget's GOV.UK class, by the widget's class name.
WIDGET_CLASSES = {"select": "govuk-select", "textinput": "govuk-input", "checkboxinput": "govuk-checkboxes__input"}
# Widgets marked as in error (crispy-forms-gds gives a select the input's error class too).
MARKED_IN_ERROR = {"Select", "TextInput"}


def _hint(field):
    if not field.help_text:
        return ""
    return format_html(' <div id="{}_hint" class="govuk-hint">{}</div>', field.auto_id, mark_safe(field.help_text))


def _errors(field):
    return format_html_join(
        "",
        ' <span id="{}_{}_error" class="govuk-error-message">'
        ' <span class="govuk-visually-hidden">Error:</span> {}</span>',
        ((field.auto_id, number, error) for number, error in enumerate(field.errors, start=1)),
    )


def _described_by(field):
    hint = [f"{field.auto_id}_hint"] if field.help_text else []
    return " ".join(hint + [f"{field.auto_id}_{number}_error" for number in range(1, len(field.errors) + 1)])


def _widget(field, css_class):
    """The widget with GOV.UK's class for it, the classes given, and the ids of its hint and errors."""
    widget = field.field.widget
    name = type(widget).__name__
    classes = [WIDGET_CLASSES.get(name.lower(), name.lower())]
    classes += [c for c in f"{widget.attrs.get('class', '')} {css_class}".split() if c not in classes]
    if field.errors and name in MARKED_IN_ERROR:
        classes.append("govuk-input--error")
    attrs = {"class": " ".join(classes)}
    described_by = _described_by(field)
    if described_by:
        attrs["aria-describedby"] = described_by
    return field.as_widget(attrs=attrs)


def _group(field, content):
    error = " govuk-form-group--error" if field.errors else ""
    return format_html('<div id="div_{}" class="govuk-form-group{}">{} </div>', field.auto_id, error, content)


def _checkboxes(field, small):
    """Checkboxes in a fieldset whose legend is the field's label."""
    values = field.value() or []
    chosen = {values} if isinstance(values, str) else {str(value) for value in values}
    items = format_html_join(
        "",
        ' <div class="govuk-checkboxes__item"> <input type="checkbox" name="{0}" class="govuk-checkboxes__input"'
        ' id="id_{0}_{1}" value="{2}"{3}> <label class="govuk-label govuk-checkboxes__label" for="id_{0}_{1}">'
        "{4}</label> </div>",
        (
            (field.html_name, number, value, ' checked="checked"' if str(value) in chosen else "", label)
            for number, (value, label) in enumerate(field.field.choices, start=1)
        ),
    )
    described_by = _described_by(field)
    return format_html(
        '<fieldset class="govuk-fieldset"{}> <legend class="govuk-fieldset__legend">{}</legend>{}{}'
        ' <div class="govuk-checkboxes{}">{} </div> </fieldset>',
        format_html(' aria-describedby="{}"', described_by) if described_by else "",
        mark_safe(field.label),
        _hint(field),
        _errors(field),
        " govuk-checkboxes--small" if small else "",
        items,
    )


def _checkbox(field, small):
    """One checkbox, labelled beside it."""
    return format_html(
        '{}{} <div class="govuk-checkboxes{}"> <div class="govuk-checkboxes__item"> {}'
        ' <label class="govuk-label govuk-checkboxes__label" for="{}">{}</label> </div> </div>',
        _hint(field),
        _errors(field),
        " govuk-checkboxes--small" if small else "",
        _widget(field, ""),
        field.id_for_label,
        mark_safe(field.label),
    )


def _labelled(field, css_class):
    """A text input or a select under its label."""
    return format_html(
        ' <label for="{}" class="govuk-label">{}</label>{}{} {}',
        field.id_for_label,
        mark_safe(field.label),
        _hint(field),
        _errors(field),
        _widget(field, css_class),
    )


@register.simple_tag
def govuk_field(field, css_class="", small=False):
    """{% govuk_field form.owner "govuk-!-width-full" %}, {% govuk_field form.status small=True %}: the field
    in its form group; css_class goes on a text input or select, small makes checkboxes small."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        content = _checkboxes(field, small)
    elif isinstance(widget, forms.CheckboxInput):
        content = _checkbox(field, small)
    else:
        content = _labelled(field, css_class)
    return _group(field, content)
