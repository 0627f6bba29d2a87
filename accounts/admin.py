from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from . import roles, rules
from .models import LocalAuthority, ResetRequest, User
from .scoping import ReferenceDataAdminMixin, ScopedAdminMixin, visible_to

admin.site.site_header = "Improvement tracker administration"
admin.site.site_title = "Improvement tracker administration"


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(ReferenceDataAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """The councils: a platform administrator adds them; a council's administrators see their own."""

    list_display = ["name", "code", "region", "public_page"]
    list_filter = ["public_page"]
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

    def has_change_permission(self, request, obj=None):
        # Read-only, password page included, for an account that may do more than this person may.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.can_manage_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.can_manage_account(request.user, obj))

    def delete_queryset(self, request, queryset):
        # "Delete selected" asks has_delete_permission without an account: ask for each one.
        if not all(rules.can_manage_account(request.user, account) for account in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "user_permissions":
            kwargs["queryset"] = rules.grantable_permissions(request.user).select_related("content_type")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

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


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(BaseGroupAdmin):
    """The roles, to read. The product defines them in accounts/roles.py, and the migrations build them from
    it: changed here they would stop saying what the code says, for every council at once."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SignInRecordAdminMixin(ScopedAdminMixin):
    """django-axes's records of sign-ins: a council's administrators read their own people's; only platform
    administrators delete them (which unlocks a locked-out sign-in) or clean up expired ones. Nobody edits one."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return rules.can_clear_sign_in_records(request.user) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        if not rules.can_clear_sign_in_records(request.user):
            return {}
        return super().get_actions(request)


# Replace django-axes's own admin of its records with the scoped one below.
for model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(SignInRecordAdminMixin, axes_admin.AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class AccessLogAdmin(SignInRecordAdminMixin, axes_admin.AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(SignInRecordAdminMixin, axes_admin.AccessFailureLogAdmin):
    pass


@admin.register(ResetRequest)
class ResetRequestAdmin(admin.ModelAdmin):
    """Recent requests for password reset links (accounts/resets.py), for platform administrators to read:
    they belong to no council. Deleting them lifts the limit at once."""

    list_display = ["requested_at", "ip_address"]
    readonly_fields = ["requested_at", "ip_address", "email_digest"]

    def has_module_permission(self, request):
        return rules.can_clear_sign_in_records(request.user)

    def has_view_permission(self, request, obj=None):
        return rules.can_clear_sign_in_records(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return rules.can_clear_sign_in_records(request.user)


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, for what this person may see: another council's object gets the
    same 404 as one that does not exist, so that the answer does not tell which ids exist."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        visible = model is not None and visible_to(request.user, model._default_manager.filter(pk=object_id)).exists()
    except (ContentType.DoesNotExist, ValueError, ValidationError):
        visible = False
    if not visible:
        raise Http404("No object matches the given query.")
    return shortcut(request, content_type_id, object_id)
