"""The admin for closure days and the intervention register; both scoped to the administrator's council.

Saving an intervention goes through deadlines.services, which keeps its next report as a milestone.

Receipt dates, submissions and responses are recorded on the inspection's page, where their history is
written; the admin shows milestones read-only. Saving or deleting a closure day goes through
deadlines.services, which moves the deadlines it falls within.
"""

from django.contrib import admin

from accounts.scoping import LOCAL_AUTHORITY_FILTER, ScopedAdminMixin

from . import services
from .models import ClosureDay, Intervention, InterventionReview, Milestone


@admin.register(ClosureDay)
class ClosureDayAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["date", "name", "local_authority"]
    list_filter = [("local_authority", LOCAL_AUTHORITY_FILTER)]
    search_fields = ["name"]
    date_hierarchy = "date"
    list_select_related = ["local_authority"]
    fields = ["local_authority", "date", "name"]

    def save_model(self, request, obj, form, change):
        services.save_closure_day(closure=obj, author=request.user)

    def delete_model(self, request, obj):
        services.delete_closure_day(closure=obj, author=request.user)

    def delete_queryset(self, request, queryset):
        for closure in queryset:
            services.delete_closure_day(closure=closure, author=request.user)


class InterventionReviewInline(ScopedAdminMixin, admin.TabularInline):
    model = InterventionReview
    fields = ["reviewed_on", "precision", "summary", "source"]
    extra = 0


@admin.register(Intervention)
class InterventionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "local_authority", "who", "started_on", "ended_on"]
    list_filter = ["kind", ("local_authority", LOCAL_AUTHORITY_FILTER)]
    search_fields = ["who", "requires", "end_reason", "source"]
    list_select_related = ["local_authority"]
    autocomplete_fields = ["inspection"]
    fieldsets = [
        (None, {"fields": ["local_authority", "kind", "inspection", "who", "requires", "next_report_due"]}),
        ("Dates", {"fields": [("started_on", "started_precision"), ("ended_on", "ended_precision"), "end_reason"]}),
        ("Source", {"fields": ["source"]}),
    ]
    inlines = [InterventionReviewInline]

    def save_model(self, request, obj, form, change):
        services.save_intervention(intervention=obj, author=request.user)


@admin.register(Milestone)
class MilestoneAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: milestones change on the inspection's page, through deadlines.services."""

    list_display = ["__str__", "local_authority", "inspection", "due_on", "submitted_on", "response"]
    list_filter = ["kind", "response", ("local_authority", LOCAL_AUTHORITY_FILTER)]
    list_select_related = ["local_authority", "inspection__local_authority"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
