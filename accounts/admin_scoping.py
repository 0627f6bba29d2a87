"""The admin shows an administrator only their own local authority's data.

Superusers see everything. Every scoped model's manager answers "what may this user
see" with `for_user(user)`; local authorities have no such method, so an administrator
sees only their own. Shared reference data (judgement areas, themes, groups) has
neither and is left unscoped.
"""

from django.http import Http404

from inspections.models import LocalAuthority


def is_scoped(model):
    return model is LocalAuthority or hasattr(model._default_manager, "for_user")


def visible_to(user, queryset):
    """The rows of `queryset` that `user` may see and edit in the admin."""
    if user.is_superuser or not is_scoped(queryset.model):
        return queryset
    if queryset.model is LocalAuthority:
        if user.local_authority_id is None:
            return queryset.none()
        return queryset.filter(pk=user.local_authority_id)
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
            if model is LocalAuthority:
                # Their own authority is the only choice: choose it for them.
                kwargs.setdefault("initial", request.user.local_authority_id)
                kwargs.setdefault("required", True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
