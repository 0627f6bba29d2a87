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
    public_page = models.BooleanField(
        "public page switched on",
        default=False,
        db_default=False,
        help_text="Anyone, signed in or not, can read the plan's public version at /public/<DfE LA code>/.",
    )

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
        constraints = [
            # A superuser sees every council's data; one in a council would be that council's to take over.
            models.CheckConstraint(
                condition=models.Q(is_superuser=False) | models.Q(local_authority__isnull=True),
                name="superuser_belongs_to_no_council",
                violation_error_message=(
                    "A superuser is a platform administrator and belongs to no council: "
                    "clear their council or their superuser status."
                ),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username


class ResetRequest(models.Model):
    """One request for a password reset link, kept for an hour to limit how often links are asked for
    (accounts/resets.py). The address typed is kept only as a keyed digest."""

    email_digest = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True)
    requested_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["email_digest", "requested_at"], name="reset_request_email_idx")]

    def __str__(self):
        return f"Password reset asked for at {self.requested_at:%Y-%m-%d %H:%M}"
