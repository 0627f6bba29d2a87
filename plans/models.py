"""An uploaded plan waiting between its preview and "Confirm import"; the public PDF of the day."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.scoping import ScopedQuerySet
from inspections.models import Inspection

# An upload not confirmed within this long is dropped: the file is not kept.
PENDING_FOR = datetime.timedelta(days=1)


class PendingImportQuerySet(ScopedQuerySet):
    local_authority_field = "inspection__local_authority"

    def stale(self, now=None):
        return self.filter(uploaded_at__lt=(now or timezone.now()) - PENDING_FOR)

    def current(self, now=None):
        return self.filter(uploaded_at__gte=(now or timezone.now()) - PENDING_FOR)


class PendingImport(models.Model):
    """The rows read from an uploaded plan, kept in the database (not on one app server's disk) so that the
    preview and the confirmation may land on different servers. Deleted on confirm, or after PENDING_FOR."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=255)
    sheet_name = models.CharField(max_length=255, blank=True)
    other_sheets = models.JSONField(default=list, blank=True)
    headings = models.JSONField(default=list)
    # [[row number in the sheet, [cell text, ...]], ...]
    rows = models.JSONField(default=list)
    # {"<column index>": "<field>"}: what each column was matched to, as the leader last corrected it.
    mapping = models.JSONField(default=dict)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        indexes = [
            # Dropping the stale uploads on each new one.
            models.Index(fields=["uploaded_at"], name="pending_import_uploaded_idx"),
        ]

    def __str__(self):
        return self.file_name

    @classmethod
    def of(cls, table, *, inspection, user, file_name, mapping):
        """An upload of `table` (a reading.Table) into `inspection` by `user`, not saved yet."""
        return cls(
            inspection=inspection,
            uploaded_by=user,
            file_name=file_name[:255],
            sheet_name=table.sheet_name,
            other_sheets=table.other_sheets,
            headings=table.headings,
            rows=table.rows,
            mapping=mapping,
        )

    @property
    def column_fields(self):
        """{column index: field}"""
        return {int(index): field for index, field in self.mapping.items()}


class PublicPdf(models.Model):
    """A council's public PDF as made on `produced_on`: anyone may ask for it, and making it takes seconds, so
    it is made once a day and kept here, where every app server finds it (plans/packs/published.py)."""

    local_authority = models.OneToOneField(
        "accounts.LocalAuthority", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    produced_on = models.DateField()
    content = models.BinaryField()

    def __str__(self):
        return f"{self.local_authority}'s public PDF of {self.produced_on}"
