from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from inspections.models import ScopedQuerySet

from . import roles


class UserQuerySet(ScopedQuerySet):
    """for_user(user): the people of the user's own local authority."""


class AccountManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    local_authority = models.ForeignKey(
        "inspections.LocalAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="The council this person works for. They see only its data.",
    )

    objects = AccountManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def _group_names(self):
        # Cached per instance: role checks are made several times per page.
        if not hasattr(self, "_group_names_cache"):
            self._group_names_cache = set(self.groups.values_list("name", flat=True))
        return self._group_names_cache

    @property
    def is_leader(self):
        """May lead: create, edit and sign off actions. Leaders, and administrators, who may do everything."""
        return self.is_superuser or bool({roles.LEADERS, roles.ADMINISTRATORS} & self._group_names())

    @property
    def is_administrator(self):
        return self.is_superuser or roles.ADMINISTRATORS in self._group_names()
