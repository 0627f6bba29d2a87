from django.contrib import admin

from accounts.scoping import LOCAL_AUTHORITY_FILTER, ScopedAdminMixin

from .models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """What the reminders sent, to whom and when, and what failed: a record, so nothing here is edited."""

    list_display = ("subject", "to", "kind", "state", "created_at", "sent_at", "attempts")
    list_filter = ("state", "kind", ("recipient__local_authority", LOCAL_AUTHORITY_FILTER))
    search_fields = ("to", "subject", "recipient__username")
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)
    fields = (
        "kind",
        "recipient",
        "to",
        "subject",
        "state",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
        "body_text",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
