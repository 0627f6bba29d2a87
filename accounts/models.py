from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from .scoping import ScopedQuerySet


class LocalAuthority(models.Model):
    """A council: the tenant every row belongs to. Its people see only its data."""

    name = models.CharField(max_length=100, unique=True)
    code = models.CharField(
        "DfE LA code", max_length=3, unique=True, help_text="The Department for Education's code, for example 305."
    )
    region = models.CharField(max_length=100, blank=True)

    class Meta:
        # The table it has had since it was created, when it lived in the inspections app.
        db_table = "inspections_localauthority"
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return self.name


class UserQuerySet(ScopedQuerySet):
    """for_user(user): the people of the user's own local authority."""


class AccountManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    local_authority = models.ForeignKey(
        LocalAuthority,
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
