"""The All actions filters and sort, shared by the HTML list and both exports."""

import functools
import re

import django_filters
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import get_script_prefix, reverse
from django.utils.http import urlencode

from accounts.models import User
from bromley_tracker.forms import DUE_DATE_EXAMPLE, DUE_DATE_HINT, Select, date_example
from inspections.models import ImprovementArea, Inspection, Theme

from .models import ActionItem, Rag, Status, UpdateKind

# The list's parameter for "overdue only", as links to it write it.
OVERDUE_ONLY = {"overdue": "yes"}


def list_url(**params):
    """The All actions list filtered by params; a list value repeats its parameter."""
    path = _list_path(get_script_prefix())
    return f"{path}?{urlencode(params, doseq=True)}" if params else path


@functools.lru_cache(maxsize=8)
def _list_path(script_prefix):
    """All actions' path, reversed once for each script prefix: a dashboard links hundreds of counts to it."""
    return reverse("action_list")


# The `sort` parameter's allowed values, and the order each gives. Every order ends
# with the primary key, so that pages and exports list the same rows in the same order.
STATUS_ORDER = Case(
    *[When(status=value, then=Value(position)) for position, value in enumerate(Status.values)],
    output_field=IntegerField(),
)
SORTS = {
    "due_date": ["due_date", "pk"],
    "-due_date": ["-due_date", "-pk"],
    "status": [STATUS_ORDER.asc(), "due_date", "pk"],
    "-status": [STATUS_ORDER.desc(), "due_date", "pk"],
    "owner": ["owner__last_name", "owner__first_name", "owner__username", "due_date", "pk"],
    "-owner": ["-owner__last_name", "-owner__first_name", "-owner__username", "due_date", "pk"],
}
DEFAULT_SORT = "due_date"
# How the list's caption describes each sort.
SORT_DESCRIPTIONS = {
    "due_date": "due date, earliest first",
    "-due_date": "due date, latest first",
    "status": "status, from not started to signed off",
    "-status": "status, from signed off to not started",
    "owner": "owner's last name, A to Z",
    "-owner": "owner's last name, Z to A",
}


class ThemeChoiceField(forms.ModelChoiceField):
    """A theme by its slug (as the form and theme pages send it) or by its id."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value)
        theme = self.queryset.filter(slug=value).first()
        # ASCII digits only: str.isdigit() also accepts "²", which is no id.
        if theme is None and re.fullmatch(r"[0-9]{1,18}", value):
            theme = self.queryset.filter(pk=value).first()
        if theme is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return theme


class ThemeFilter(django_filters.ModelChoiceFilter):
    field_class = ThemeChoiceField


class YesCheckbox(forms.CheckboxInput):
    """A checkbox that sends and reads "yes", so links can say overdue=yes."""

    def __init__(self):
        super().__init__(attrs={"value": "yes", "class": "govuk-checkboxes__input"})

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "yes"


class ActionFilterForm(forms.Form):
    """Laid out by templates/actions/includes/list_filters.html, field by field ({% govuk_field %})."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["improvement_area"].label_from_instance = _area_label
        self.fields["inspection"].label_from_instance = _inspection_label
        # Read by {% error_summary %}; the fields are laid out by the template.
        self.helper = FormHelper()

    def clean(self):
        cleaned_data = super().clean()
        due_from, due_to = cleaned_data.get("due_from"), cleaned_data.get("due_to")
        if due_from and due_to and due_to < due_from:
            self.add_error("due_to", "The to date must be the same as or after the from date")
        return cleaned_data


def _area_label(area):
    return f"{area.short_title} ({area.inspection.get_kind_display()}, {area.inspection.start_date:%Y})"


def _inspection_label(inspection):
    return inspection.title


def _choice_error(what):
    return {"invalid_choice": f"Select {what} from the list"}


def _date_error(which):
    return {"invalid": f"The {which} date must be a real date, for example {date_example(DUE_DATE_EXAMPLE)}"}


class ActionItemFilterSet(django_filters.FilterSet):
    """Filters and sorts a user's actions.

    Always bound (no parameters means every action, by due date). With an invalid
    value the form carries a GOV.UK error and the result is empty, so a list or
    export never silently ignores a filter the user asked for.
    """

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=200,
        help_text="Title, description, success measure, owner or improvement area",
        error_messages={"max_length": "Search must be 200 characters or fewer"},
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
        error_messages=_choice_error("a status"),
    )
    rag = django_filters.MultipleChoiceFilter(
        label="RAG",
        field_name="rag_value",
        choices=Rag.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
        error_messages=_choice_error("a RAG rating"),
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue only",
        method="filter_overdue",
        widget=YesCheckbox(),
    )
    # Withdrawn actions leave the list; this lists them, and only them, instead.
    withdrawn = django_filters.BooleanFilter(
        label="Show only withdrawn actions",
        method="filter_withdrawn",
        widget=YesCheckbox(),
    )
    owner = django_filters.ModelChoiceFilter(
        label="Owner",
        queryset=User.objects.none(),
        empty_label="All owners",
        widget=Select,
        error_messages=_choice_error("an owner"),
    )
    inspection = django_filters.ModelChoiceFilter(
        label="Inspection",
        field_name="improvement_area__inspection",
        queryset=Inspection.objects.none(),
        empty_label="All inspections",
        widget=Select,
        error_messages=_choice_error("an inspection"),
    )
    improvement_area = django_filters.ModelChoiceFilter(
        label="Improvement area",
        queryset=ImprovementArea.objects.none(),
        empty_label="All improvement areas",
        widget=Select,
        error_messages=_choice_error("an improvement area"),
    )
    theme = ThemeFilter(
        label="Theme",
        field_name="improvement_area__theme",
        queryset=Theme.objects.none(),
        to_field_name="slug",
        empty_label="All themes",
        widget=Select,
        error_messages=_choice_error("a theme"),
    )
    due_from = django_filters.DateFilter(
        label="From",
        field_name="due_date",
        lookup_expr="gte",
        widget=forms.TextInput,
        help_text=DUE_DATE_HINT,
        error_messages=_date_error("from"),
    )
    due_to = django_filters.DateFilter(
        label="To",
        field_name="due_date",
        lookup_expr="lte",
        widget=forms.TextInput,
        help_text=DUE_DATE_HINT,
        error_messages=_date_error("to"),
    )
    # The actions one import created, by the moment it stamped on their history (plans' "Confirm import"
    # links here). Not in the form: the link sets it, and the form's own filters replace it.
    imported = django_filters.IsoDateTimeFilter(
        label="Imported at", method="filter_imported", error_messages={"invalid": "Enter a real date and time"}
    )

    class Meta:
        model = ActionItem
        fields = []
        form = ActionFilterForm

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        if queryset is None:
            queryset = ActionItem.objects.for_user_including_archived(user).for_list().with_rag()
        super().__init__(data if data is not None else {}, queryset, **kwargs)
        # The options need only what their labels show (an area's text can run to paragraphs).
        self.filters["owner"].queryset = User.objects.for_user(user).only("first_name", "last_name", "username")
        self.filters["inspection"].queryset = Inspection.objects.for_user(user)
        areas = ImprovementArea.objects.for_user(user)
        # What _area_label shows.
        self.filters["improvement_area"].queryset = areas.select_related("inspection").only(
            "number", "short_title", "inspection__kind", "inspection__start_date"
        )
        self.filters["theme"].queryset = Theme.objects.filter(pk__in=areas.values("theme"))
        requested_sort = self.data.get("sort", DEFAULT_SORT)
        self.sort = requested_sort if requested_sort in SORTS else DEFAULT_SORT

    def filter_queryset(self, queryset):
        if not self.form.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset).order_by(*SORTS[self.sort])

    def search(self, queryset, name, value):
        """Every word must appear in one of the fields, so "Jane Smith" finds Jane Smith's actions."""
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(success_measure__icontains=word)
                | Q(owner__first_name__icontains=word)
                | Q(owner__last_name__icontains=word)
                | Q(improvement_area__short_title__icontains=word)
            )
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_imported(self, queryset, name, value):
        return queryset.filter(updates__kind=UpdateKind.IMPORTED, updates__created_at=value)

    def filter_withdrawn(self, queryset, name, value):
        return queryset.filter(archived_at__isnull=not value)
