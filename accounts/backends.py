from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .rules import permissions_held


class RoleBackend(ModelBackend):
    """Django's model backend, reading a person's permissions (their role's and their own) in one query,
    and the signed-in person with their council.

    Every page asks accounts.rules at least once; the stock backend spends two queries on the first ask.
    """

    def get_user(self, user_id):
        """The signed-in person, with their council: every page's header names it (one query, not two)."""
        users = get_user_model()._default_manager.select_related("local_authority")
        try:
            user = users.get(pk=user_id)  # not first(), which would sort by the model's ordering
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all() if user_obj.is_superuser else permissions_held(user_obj)
            rows = permissions.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
