"""The scorecard's filters: by improvement area, theme, impact rating and owner."""

import django_filters

from accounts.models import User
from bromley_tracker.forms import Select
from inspections.models import ImprovementArea, Theme

from .models import Impact, Measure


def _select():
    # Options written in Python, not a template per option (bromley_tracker.forms.Select).
    return Select(attrs={"class": "govuk-select app-filter-select"})


class MeasureFilterSet(django_filters.FilterSet):
    improvement_area = django_filters.ModelChoiceFilter(
        field_name="improvement_areas",
        label="Improvement area",
        empty_label="Any improvement area",
        widget=_select(),
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", label="Theme", empty_label="Any theme", widget=_select()
    )
    rating = django_filters.ChoiceFilter(
        field_name="impact_value", label="Rating", choices=Impact.choices, empty_label="Any rating", widget=_select()
    )
    owner = django_filters.ModelChoiceFilter(label="Owner", empty_label="Anyone", widget=_select())

    class Meta:
        model = Measure
        fields = ["improvement_area", "theme", "rating", "owner"]

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        filters = self.filters
        filters["improvement_area"].queryset = ImprovementArea.objects.for_user(user).select_related("inspection")
        filters["theme"].queryset = Theme.objects.filter(
            measures__local_authority_id=user.local_authority_id
        ).distinct()
        filters["owner"].queryset = User.objects.for_user(user).filter(owned_measures__isnull=False).distinct()
        for name in ("improvement_area", "theme", "owner"):
            label = filters[name].label.lower()
            filters[name].extra["error_messages"] = {"invalid_choice": f"Select {label} from the list"}
        filters["improvement_area"].field.label_from_instance = lambda area: f"{area.inspection.title}: {area}"

    def filter_queryset(self, queryset):
        # A measure linked to the area twice over would show twice.
        return super().filter_queryset(queryset).distinct()
