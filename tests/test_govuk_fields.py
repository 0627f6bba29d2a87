"""{% govuk_field %} writes a filter field as crispy-forms-gds lays it out, valid or in error."""

from html.parser import HTMLParser

import pytest
from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.template import Context, Template

from actions.filtersets import YesCheckbox
from bromley_tracker.forms import Select


class Markup(HTMLParser):
    """Tags with their attributes in order and text with its spaces collapsed: what a browser makes of it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tokens = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        # A class list or a list of ids is a set of words; checked="checked" is checked.
        words = {"class", "aria-describedby"}
        attrs = sorted((k, " ".join(v.split()) if k in words else "" if k == "checked" else v) for k, v in attrs)
        self.tokens.append((tag, attrs))

    def handle_endtag(self, tag):
        self.tokens.append(f"/{tag}")

    def handle_data(self, data):
        if data.split():
            self.tokens.append(" ".join(data.split()))


class FilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=20, help_text="Words, <em>more</em>")
    owner = forms.ChoiceField(
        label="Owner", required=False, choices=[("", "All owners"), ("1", "Ann O'Brien"), ("2", "Bo")], widget=Select
    )
    status = forms.MultipleChoiceField(
        label="Status",
        required=False,
        choices=[("a", "Not started"), ("b", "Blocked")],
        widget=forms.CheckboxSelectMultiple,
    )
    rag = forms.MultipleChoiceField(
        label="RAG", required=False, choices=[("red", "Red")], widget=forms.CheckboxSelectMultiple, help_text="Pick"
    )
    overdue = forms.BooleanField(label="Overdue only", required=False, widget=YesCheckbox())
    due = forms.DateField(label="From", required=False, widget=forms.TextInput, help_text="For example, 27 3 2027")

    def clean_q(self):
        if self.cleaned_data["q"] == "bad":
            raise forms.ValidationError(["First problem", "Second <problem>"])
        return self.cleaned_data["q"]


def crispy(form):
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.form_method = "get"
    form.helper.layout = Layout(
        Field.text("q"),
        Field.select("owner", css_class="govuk-!-width-full"),
        Field.checkboxes("status", small=True),
        Field.checkboxes("rag"),
        Field.checkbox("overdue", small=True),
        Field.text("due", field_width=10),
    )
    return render_crispy_form(form)


def ours(form):
    return Template(
        "{% load govuk_fields %}"
        '{% govuk_field form.q %}{% govuk_field form.owner "govuk-!-width-full" %}'
        "{% govuk_field form.status small=True %}{% govuk_field form.rag %}"
        '{% govuk_field form.overdue small=True %}{% govuk_field form.due "govuk-input--width-10" %}'
    ).render(Context({"form": form}))


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"q": "plan", "owner": "1", "status": ["a", "b"], "rag": ["red"], "overdue": "yes", "due": "1/2/2027"},
        {"q": "bad", "owner": "9", "status": ["zz"], "rag": ["blue"], "due": "31 2 2020"},
        {"q": "x" * 30, "owner": "2", "status": ["b"]},
    ],
)
def test_a_field_reads_as_crispy_forms_gds_writes_it(data):
    expected = crispy(FilterForm(data))
    written = ours(FilterForm(data))
    assert Markup(written).tokens == Markup(expected).tokens


def test_a_field_in_error_says_so_beside_it_and_to_screen_readers():
    written = ours(FilterForm({"q": "bad", "owner": "9"}))
    assert '<span class="govuk-visually-hidden">Error:</span> Second &lt;problem&gt;' in written
    assert 'aria-describedby="id_q_hint id_q_1_error id_q_2_error"' in written
    assert 'aria-describedby="id_owner_1_error" aria-invalid="true"' in written
