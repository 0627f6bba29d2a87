from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import roles
from .models import LocalAuthority, User
from .scoping import ScopedAdminMixin

admin.site.site_header = "Improvement tracker administration"
admin.site.site_title = "Improvement tracker administration"


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    search_fields = ["name", "code", "region"]


@admin.register(User)
class UserAdmin(ScopedAdminMixin, BaseUserAdmin):
    """Users, each of one local authority; their role is their group."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Council and role", {"fields": ("local_authority", "groups")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        ("Personal info", {"classes": ("wide",), "fields": ("first_name", "last_name", "email")}),
        (
            "Council and role",
            {
                "classes": ("wide",),
                "fields": ("local_authority", "groups"),
                "description": "People in the Administrators group reach this admin; nobody else does.",
            },
        ),
    )
    list_display = ("username", "first_name", "last_name", "email", "local_authority", "is_staff", "is_active")
    list_filter = (("local_authority", admin.RelatedOnlyFieldListFilter), "groups", "is_staff", "is_active")
    list_select_related = ("local_authority",)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # Staff status (reaching this admin) follows the Administrators group; see save_related.
        readonly = (*readonly, "is_staff")
        if not request.user.is_superuser:
            # Superuser status would see every authority's data: only a superuser grants it.
            readonly = (*readonly, "is_superuser")
        return readonly

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        reaches_admin = user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists()
        if user.is_staff != reaches_admin:
            user.is_staff = reaches_admin
            user.save(update_fields=["is_staff"])
