"""Recording emails and sending them: record first, claim with a conditional update, send, mark.

Several app servers may run send_reminders at once: recording the same email twice adds nothing
(its key is unique), and only one run wins the claim on each email.
"""

import smtplib
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import compose
from .models import DigestRun, OutboundEmail, RagSnapshot, State, week_of


def compose_due(*, now, digests):
    """(Composed, this week's RAG snapshots): the at-once emails, and this week's digests if `digests`."""
    composed, snapshots = compose.Composed(), []
    compose.at_once_emails(now=now, composed=composed)
    if digests:
        week = week_of(timezone.localdate(now))
        compose.owner_digests(week=week, now=now, composed=composed)
        compose.leader_digests(week=week, now=now, composed=composed, snapshots=snapshots)
    return composed, snapshots


def digests_due(*, now, weekday, forced):
    """This week's digests are due on the digest weekday until a run has recorded them all; any day if forced."""
    today = timezone.localdate(now)
    if forced:
        return True
    return today.weekday() == weekday and not DigestRun.objects.filter(week=week_of(today)).exists()


@transaction.atomic
def record(*, composed, snapshots, now, digests):
    """Keep the composed emails (one already recorded under its key is left as it was) and the week's counts."""
    OutboundEmail.objects.bulk_create(composed.emails, ignore_conflicts=True, batch_size=500)
    RagSnapshot.objects.bulk_create(snapshots, ignore_conflicts=True, batch_size=500)
    if digests:
        DigestRun.objects.get_or_create(week=week_of(timezone.localdate(now)))


# Tells mail systems not to answer with out-of-office replies.
HEADERS = {"Auto-Submitted": "auto-generated"}


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0
    waiting: int = 0


def send_waiting():
    """Send every email waiting to go, each claimed first. A failure leaves the email to retry next run; when
    the server cannot be reached at all the run stops, and what it did not reach waits for the next."""
    result = Sent()
    ids = list(
        OutboundEmail.objects.claimable(timezone.now()).order_by("created_at", "pk").values_list("pk", flat=True)
    )
    if not ids:
        return result
    connection = get_connection()
    try:
        for index, pk in enumerate(ids):
            claimed_at = timezone.now()
            if not OutboundEmail.objects.claim(pk, claimed_at):
                continue  # another run has it
            email = OutboundEmail.objects.get(pk=pk)
            message = EmailMultiAlternatives(
                email.subject, email.body_text, to=[email.to], connection=connection, headers=HEADERS
            )
            message.attach_alternative(email.body_html, "text/html")
            try:
                connection.open()  # once, then kept open for the rest of the run
                message.send()
            except (smtplib.SMTPException, OSError) as error:
                _mark(pk, claimed_at, state=State.FAILED, last_error=f"{type(error).__name__}: {error}"[:1000])
                result.failed += 1
                if not isinstance(error, smtplib.SMTPRecipientsRefused):
                    result.waiting = len(ids) - index - 1
                    break
            else:
                _mark(pk, claimed_at, state=State.SENT, sent_at=timezone.now(), last_error="")
                result.sent += 1
    finally:
        connection.close()
    return result


def _mark(pk, claimed_at, **fields):
    # Only the run that holds the claim marks the email.
    OutboundEmail.objects.filter(pk=pk, state=State.SENDING, claimed_at=claimed_at).update(
        attempts=F("attempts") + 1, **fields
    )
