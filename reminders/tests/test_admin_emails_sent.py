"""The admin's record of emails sent: each council's administrators see their own people's, and change nothing."""

from django.urls import reverse

from reminders.models import Kind, OutboundEmail, State
from tests.factories import UserFactory
from tests.html import page_text

LIST = reverse("admin:reminders_outboundemail_changelist")


def record(recipient, subject, state=State.SENT, error=""):
    return OutboundEmail.objects.create(
        key=f"{subject}:{recipient.pk}",
        kind=Kind.ASSIGNED,
        recipient=recipient,
        to=recipient.email,
        subject=subject,
        state=state,
        last_error=error,
    )


def test_administrators_see_what_was_sent_and_what_failed_to_their_own_people(
    client, administrator, staff_user, other_leader
):
    record(staff_user, "Action assigned to you: Audit")
    record(staff_user, "Action assigned to you: Retry me", state=State.FAILED, error="SMTPServerDisconnected")
    record(other_leader, "Action assigned to you: Essex only")
    client.force_login(administrator)

    text = page_text(client.get(LIST))

    assert "Action assigned to you: Audit" in text
    assert "Failed, to retry" in text
    assert "Essex only" not in text


def test_the_record_cannot_be_changed(client, administrator, staff_user):
    email = record(staff_user, "Action assigned to you: Audit")
    client.force_login(administrator)

    assert client.get(reverse("admin:reminders_outboundemail_add")).status_code == 403
    assert client.post(reverse("admin:reminders_outboundemail_change", args=[email.pk])).status_code == 403
    assert client.get(reverse("admin:reminders_outboundemail_delete", args=[email.pk])).status_code == 403


def test_the_list_uses_a_bounded_number_of_queries(client, administrator, bromley, django_assert_max_num_queries):
    for n in range(20):
        record(UserFactory(local_authority=bromley), f"Digest {n}")
    client.force_login(administrator)
    with django_assert_max_num_queries(15):
        client.get(LIST)
