"""Claiming an email to send: one run wins it; a claim left by a run that died is taken over later."""

import datetime

from django.utils import timezone

from reminders.models import MAX_ATTEMPTS, STALE_CLAIM, Kind, OutboundEmail, State


def queued(user, **fields):
    return OutboundEmail.objects.create(
        key=f"assigned:{user.pk}", kind=Kind.ASSIGNED, recipient=user, to=user.email, subject="Hello", **fields
    )


def test_only_the_first_claim_wins(staff_user):
    email = queued(staff_user)
    now = timezone.now()

    assert OutboundEmail.objects.claim(email.pk, now) is True
    assert OutboundEmail.objects.claim(email.pk, now) is False


def test_a_sent_email_is_never_claimed_again(staff_user):
    email = queued(staff_user, state=State.SENT)

    assert OutboundEmail.objects.claim(email.pk) is False


def test_a_claim_older_than_a_dead_runs_is_taken_over(staff_user):
    now = timezone.now()
    fresh = queued(staff_user, state=State.SENDING, claimed_at=now - datetime.timedelta(minutes=1))

    assert OutboundEmail.objects.claim(fresh.pk, now) is False
    assert OutboundEmail.objects.claim(fresh.pk, now + STALE_CLAIM) is True


def test_an_email_refused_too_often_is_left_for_a_person(staff_user):
    email = queued(staff_user, state=State.FAILED, attempts=MAX_ATTEMPTS)

    assert OutboundEmail.objects.claim(email.pk) is False
