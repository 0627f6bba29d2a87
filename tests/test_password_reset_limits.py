"""Reset links cannot be asked for without end: a few per email address, more per connection, each hour."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import ResetRequest
from tests.factories import UserFactory
from tests.html import error_summary, main_text

START = "/accounts/password-reset/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PASSWORD_RESET_EMAIL_LIMIT = 3
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 6
    settings.PASSWORD_RESET_WINDOW = datetime.timedelta(minutes=60)


def ask(client, email, address="203.0.113.7"):
    return client.post(START, {"email": email}, REMOTE_ADDR=address, follow=True)


def test_a_fourth_request_in_the_hour_sends_no_fourth_link_and_looks_the_same(client, staff_user):
    for _ in range(3):
        ask(client, "staff@example.org")

    fourth = ask(client, "Staff@Example.org ")

    assert "Check your email" in main_text(fourth)
    assert len(mail.outbox) == 3


def test_links_can_be_asked_for_again_once_the_hour_has_passed(client, staff_user):
    for _ in range(3):
        ask(client, "staff@example.org")
    ResetRequest.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=61))

    ask(client, "staff@example.org")

    assert len(mail.outbox) == 4
    assert ResetRequest.objects.count() == 1


def test_one_connection_asking_for_many_addresses_is_told_to_wait_and_nothing_more_is_sent(client, bromley):
    for n in range(6):
        UserFactory(email=f"person{n}@example.org", local_authority=bromley)
        ask(client, f"person{n}@example.org")
    UserFactory(email="seventh@example.org", local_authority=bromley)

    refused = ask(client, "seventh@example.org")

    assert refused.status_code == 429
    assert error_summary(refused) == [
        "Too many reset links have been asked for from your connection. Try again in 60 minutes, or ask your "
        "council's administrator."
    ]
    assert len(mail.outbox) == 6


def test_another_connection_may_still_ask(client, staff_user):
    for n in range(6):
        ask(client, f"nobody{n}@example.org")

    elsewhere = ask(client, "staff@example.org", address="198.51.100.9")

    assert "Check your email" in main_text(elsewhere)
    assert len(mail.outbox) == 1


def test_the_email_address_typed_is_not_kept(client, staff_user):
    ask(client, "staff@example.org")

    [kept] = ResetRequest.objects.all()
    assert "staff" not in kept.email_digest
    assert kept.ip_address == "203.0.113.7"
