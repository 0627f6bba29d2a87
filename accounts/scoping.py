"""Authority scoping: every row belongs to one local authority, and a person sees only their own.

The one place that answers "what may this user see". Querysets inherit `ScopedQuerySet`
(`for_user(user)`), and the pages, exports and the admin all read through it; the admin
adds `ScopedAdminMixin`. Superusers are platform administrators: they belong to no
authority and the admin shows them every authority's rows.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.http import Http404

from . import rules

# The admin's list filter by local authority: only authorities that have rows.
LOCAL_AUTHORITY_FILTER = admin.RelatedOnlyFieldListFilter


class ScopedQuerySet(models.QuerySet):
    """A queryset that answers "what may this user see": their local authority's rows."""

    local_authority_field = "local_authority"

    def for_local_authority(self, local_authority_id):
        return self.filter(**{f"{self.local_authority_field}_id": local_authority_id})

    def for_user(self, user):
        if not user.is_authenticated or user.local_authority_id is None:
            return self.none()
        return self.for_local_authority(user.local_authority_id)


def _is_local_authority(model):
    return model._meta.label == "accounts.LocalAuthority"


def _is_sign_in_record(model):
    return model._meta.app_label == "axes"


def is_scoped(model):
    return _is_local_authority(model) or _is_sign_in_record(model) or hasattr(model._default_manager, "for_user")


def visible_to(user, queryset):
    """The rows of `queryset` that `user` may see and edit in the admin.

    Local authorities have no `for_user`: an administrator sees only their own. Sign-in records
    (django-axes) carry only the username typed: an administrator sees those of their own
    authority's people, and none for a username nobody has. Shared reference data (judgement
    areas, themes, groups) has neither and is left unscoped.
    """
    if user.is_superuser or not is_scoped(queryset.model):
        return queryset
    if _is_local_authority(queryset.model):
        if user.local_authority_id is None:
            return queryset.none()
        return queryset.filter(pk=user.local_authority_id)
    if _is_sign_in_record(queryset.model):
        usernames = get_user_model().objects.for_user(user).values("username")
        return queryset.filter(username__in=usernames)
    # The admin shows what the pages hide, such as archived actions.
    for_user = getattr(queryset, "for_user_including_archived", queryset.for_user)
    return for_user(user)


class ScopedAdminMixin:
    """For ModelAdmin and inlines: lists, change pages, foreign-key choices and autocomplete.

    Autocomplete needs nothing more: it searches the target model's admin, whose
    get_queryset is scoped too.
    """

    def get_queryset(self, request):
        return visible_to(request.user, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        # Django redirects to the index when get_queryset hides the object; a 404 says
        # no more than that, and is what the rest of the service answers.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} matches the given query.")
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.related_model
        if "queryset" not in kwargs and is_scoped(model) and not request.user.is_superuser:
            kwargs["queryset"] = visible_to(request.user, model._default_manager.all())
            if _is_local_authority(model):
                # Their own authority is the only choice: choose it for them.
                kwargs.setdefault("initial", request.user.local_authority_id)
                kwargs.setdefault("required", True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReferenceDataAdminMixin:
    """For the admin of what every authority shares: every administrator sees it, only platform
    administrators add, change or delete it, since a change reaches every authority."""

    def has_add_permission(self, request, *args):
        return rules.can_change_reference_data(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return rules.can_change_reference_data(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return rules.can_change_reference_data(request.user) and super().has_delete_permission(request, obj)
