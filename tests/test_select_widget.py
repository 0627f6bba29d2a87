"""The shared select widget writes the same markup as Django's own select templates."""

import django_filters
import pytest
from django import forms
from django.utils.safestring import mark_safe

from accounts.models import User
from bromley_tracker.forms import Select
from tests.factories import UserFactory

CHOICES = [
    ("", "All owners"),
    ("1", "Ann <Smith> & Co"),
    ("2", mark_safe("<b>Bold</b>")),
    (3, "Three"),
    ("3", "Three again"),
    (None, "Nothing"),
]


def both(widget_kwargs, name, value, attrs=None):
    ours = Select(**widget_kwargs).render(name, value, attrs)
    djangos = forms.Select(**widget_kwargs).render(name, value, attrs)
    return ours, djangos


@pytest.mark.parametrize("value", [None, "", "1", 3, "3", "missing", ["1", "2"]])
def test_it_writes_what_djangos_select_writes(value):
    ours, djangos = both(
        {"choices": CHOICES, "attrs": {"class": "govuk-select", "data-x": 'a"b'}},
        "owner",
        value,
        {"id": "id_owner", "disabled": True, "hidden": False, "aria-describedby": "x y"},
    )
    assert ours == djangos


def test_it_selects_only_the_first_option_with_the_value():
    ours, _ = both({"choices": CHOICES}, "owner", "3", None)
    assert ours.count(" selected") == 1


def test_options_in_groups_are_written_as_django_writes_them():
    grouped = [("", "Any"), ("Group <1>", [("a", "A"), ("b", "B")])]
    ours, djangos = both({"choices": grouped}, "g", "b", {"id": "id_g"})
    assert ours == djangos
    assert '<optgroup label="Group &lt;1&gt;">' in ours


@pytest.mark.django_db
def test_a_model_choice_field_lists_its_rows_as_djangos_select_does():
    UserFactory(first_name="Zoë", last_name="O'Brien")
    field = forms.ModelChoiceField(queryset=User.objects.order_by("pk"), empty_label="All owners", widget=Select)
    chosen = User.objects.first().pk
    ours = field.widget.render("owner", chosen, {"id": "id_owner"})
    djangos = forms.Select(choices=field.choices).render("owner", chosen, {"id": "id_owner"})
    assert ours == djangos
    assert "O&#x27;Brien" in ours


@pytest.mark.django_db
def test_a_filters_choices_with_a_no_value_choice_are_listed_as_djangos_select_lists_them():
    UserFactory()
    field = django_filters.ModelChoiceFilter(
        queryset=User.objects.order_by("pk"), empty_label="Anyone", null_label="Nobody", widget=Select
    ).field
    ours = field.widget.render("owner", "null", {"id": "id_owner"})
    djangos = forms.Select(choices=field.choices).render("owner", "null", {"id": "id_owner"})
    assert ours == djangos
    assert '<option value="null" selected>Nobody</option>' in ours


@pytest.mark.django_db
def test_a_model_fields_choices_are_read_in_one_query(django_assert_num_queries):
    UserFactory.create_batch(3)
    field = forms.ModelChoiceField(queryset=User.objects.order_by("pk"), widget=Select)
    with django_assert_num_queries(1):
        field.widget.render("owner", None)
