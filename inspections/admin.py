"""The admin where administrators enter what Ofsted said.

This app never imports `actions`: an improvement area's actions are reached from its
change page by a link to the actions' own admin, filtered to the area.
"""

from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from accounts.scoping import LOCAL_AUTHORITY_FILTER, ReferenceDataAdminMixin, ScopedAdminMixin

from .models import ImprovementArea, Inspection, Judgement, JudgementArea, Theme


@admin.register(JudgementArea)
class JudgementAreaAdmin(ReferenceDataAdminMixin, admin.ModelAdmin):
    """Shared reference data: every authority's inspections are graded under the same areas and frameworks."""

    list_display = ["name", "short_name", "framework", "applies_from", "applies_until", "position"]
    list_filter = ["framework"]
    search_fields = ["name", "short_name"]


@admin.register(Theme)
class ThemeAdmin(ReferenceDataAdminMixin, admin.ModelAdmin):
    """Shared reference data: themes line up improvement areas across inspections."""

    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class JudgementInline(ScopedAdminMixin, admin.TabularInline):
    model = Judgement
    fields = ["area", "grade"]
    extra = 0


class ImprovementAreaInline(ScopedAdminMixin, admin.StackedInline):
    model = ImprovementArea
    fields = [("number", "kind"), "short_title", "text", ("theme", "senior_lead")]
    autocomplete_fields = ["theme", "senior_lead"]
    extra = 0
    show_change_link = True


@admin.register(Inspection)
class InspectionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["local_authority", "kind", "start_date", "published_on", "lead_inspector"]
    list_filter = ["kind", ("local_authority", LOCAL_AUTHORITY_FILTER)]
    search_fields = ["local_authority__name", "lead_inspector", "other_inspectors", "summary", "source"]
    date_hierarchy = "start_date"
    list_select_related = ["local_authority"]
    fieldsets = [
        (None, {"fields": ["local_authority", "kind", ("start_date", "end_date"), "published_on"]}),
        ("Inspectors", {"fields": ["lead_inspector", "other_inspectors"]}),
        ("Report", {"fields": ["report_url", "summary", "source"]}),
    ]
    inlines = [JudgementInline, ImprovementAreaInline]
    # Reports are published over HTTPS; Django 6 makes this the default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # An inspection's name includes its authority: autocomplete lists read it too.
        return super().get_queryset(request).select_related("local_authority")


@admin.register(Judgement)
class JudgementAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["inspection", "area", "grade"]
    list_filter = ["grade", "area__framework", ("inspection__local_authority", LOCAL_AUTHORITY_FILTER)]
    search_fields = ["area__name", "inspection__local_authority__name"]
    autocomplete_fields = ["inspection"]
    list_select_related = ["inspection__local_authority", "area"]


@admin.register(ImprovementArea)
class ImprovementAreaAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "inspection", "kind", "theme", "senior_lead"]
    list_filter = ["kind", "theme", ("inspection__local_authority", LOCAL_AUTHORITY_FILTER)]
    search_fields = ["short_title", "text", "theme__name"]
    autocomplete_fields = ["inspection", "senior_lead", "theme"]
    list_select_related = ["inspection__local_authority", "theme", "senior_lead"]
    fields = ["inspection", ("number", "kind"), "short_title", "text", "theme", "senior_lead", "its_actions"]
    readonly_fields = ["its_actions"]

    @admin.display(description="Actions")
    def its_actions(self, obj):
        """Links to this area's actions and to a new one, in the actions' own admin."""
        if obj is None or obj.pk is None:
            return "Save the improvement area first, then add its actions."
        try:
            changelist = reverse("admin:actions_actionitem_changelist")
            add = reverse("admin:actions_actionitem_add")
        except NoReverseMatch:
            return self.get_empty_value_display()
        return format_html(
            '<a href="{}?{}">See this area\'s actions</a> · <a href="{}?{}">Add an action to this area</a>',
            changelist,
            urlencode({"improvement_area__id__exact": obj.pk}),
            add,
            urlencode({"improvement_area": obj.pk}),
        )
