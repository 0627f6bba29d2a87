"""Emails the service sends on its own: the outbox they are recorded in first, and who wants which."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import LocalAuthority
from accounts.scoping import ScopedQuerySet

# A claim older than this belongs to a run that died mid-send: another run may take the email over.
STALE_CLAIM = datetime.timedelta(minutes=15)
# An email refused this many times is left for a person to look at in the admin.
MAX_ATTEMPTS = 20


class Kind(models.TextChoices):
    OWNER_DIGEST = "owner_digest", "Weekly digest: your actions"
    LEADER_DIGEST = "leader_digest", "Weekly digest: your authority's actions"
    ASSIGNED = "assigned", "Action assigned to you"
    COMPLETED = "completed", "Action completed, awaiting sign-off"


class State(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, to retry"
    SKIPPED = "skipped", "Not sent"


def week_of(day):
    """The Monday that starts `day`'s week: digests are counted per week."""
    return day - datetime.timedelta(days=day.weekday())


class OutboundEmailQuerySet(ScopedQuerySet):
    local_authority_field = "recipient__local_authority"

    def claimable(self, now=None):
        """Waiting to go: queued, failed earlier (retried), or claimed by a run that has since died."""
        now = now or timezone.now()
        return self.filter(
            models.Q(state__in=[State.QUEUED, State.FAILED], attempts__lt=MAX_ATTEMPTS)
            | models.Q(state=State.SENDING, claimed_at__lt=now - STALE_CLAIM)
        )

    def claim(self, pk, now=None):
        """Take one email for this run with a conditional update: True for exactly one of several
        concurrent runs, so each email goes out once."""
        now = now or timezone.now()
        return self.claimable(now).filter(pk=pk).update(state=State.SENDING, claimed_at=now) == 1


class OutboundEmail(models.Model):
    """One email, recorded before it is sent. `key` names what it is about ("owner_digest:12:2026-11-30"),
    so recording it again (another run, another server) adds nothing: at most one digest a week each."""

    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="emails")
    to = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # The week a digest covers; the history row an at-once email tells of.
    week = models.DateField(null=True, blank=True)
    progress_update = models.ForeignKey(
        "actions.ProgressUpdate", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email sent"
        verbose_name_plural = "emails sent"
        indexes = [
            # send_reminders: what is waiting to go.
            models.Index(fields=["state", "created_at"], name="outbox_state_idx"),
            # The owner digest's "assigned since your last digest".
            models.Index(fields=["recipient", "kind", "-created_at"], name="outbox_recipient_kind_idx"),
        ]

    def __str__(self):
        return f"{self.subject} to {self.to}"


class EmailSettings(models.Model):
    """Which reminders a person gets. No row: all of them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_settings")
    owner_digest = models.BooleanField("Weekly digest of my actions and measures", default=True)
    assigned = models.BooleanField("An email when an action is assigned to me", default=True)
    leader_digest = models.BooleanField("Weekly digest of my authority's actions", default=True)
    completed = models.BooleanField("An email when an action is completed and awaits sign-off", default=True)

    FIELDS = ("owner_digest", "assigned", "leader_digest", "completed")

    class Meta:
        verbose_name_plural = "email settings"

    def __str__(self):
        return f"Email settings of {self.user}"


class RagSnapshot(models.Model):
    """An authority's counts by RAG when its week's leader digest was written: next week's compares."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    counts = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["local_authority", "week"], name="rag_snapshot_once_a_week")]

    def __str__(self):
        return f"RAG counts of {self.local_authority_id} in the week of {self.week}"


class DigestRun(models.Model):
    """A week whose digests have all been recorded, so the runs every few minutes that day skip them."""

    week = models.DateField(unique=True)
    finished_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Digests of the week of {self.week}"
