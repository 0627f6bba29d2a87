"""Forgotten your password? A link by email to choose a new one, which also lifts a sign-in lock."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD

START = "/accounts/password-reset/"
NEW_PASSWORD = "a-much-longer-phrase-42"


def reset_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/)", message.body).group(1)


def test_the_sign_in_page_links_to_it(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert f'href="{START}">Forgotten your password?</a>' in html


def test_the_page_asks_for_the_email_address(client, db):
    html = client.get(START).content.decode()
    assert "Reset your password" in html
    assert "Email" in html and "Send a reset link" in html


def test_a_known_email_address_gets_a_link_that_sets_a_new_password(client, staff_user):
    response = client.post(START, {"email": "staff@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff@example.org"]
    assert message.subject == "Reset your improvement tracker password"
    assert "within 60 minutes" in message.body

    form_page = client.get(reset_link(message), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been reset" in done.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(NEW_PASSWORD)
    signed_in = client.post("/accounts/login/", {"username": "staff", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_an_unknown_email_address_sees_the_same_page_and_nothing_is_sent(client, staff_user):
    response = client.post(START, {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email, message",
    [("", "Enter your email address"), ("not an address", "Enter an email address in the correct format")],
)
def test_a_missing_or_malformed_email_address_gets_a_govuk_error(client, db, email, message):
    response = client.post(START, {"email": email})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert mail.outbox == []


def test_a_link_works_only_once(client, staff_user):
    client.post(START, {"email": "staff@example.org"})
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True).content.decode()
    assert "This link does not work" in again
    assert "Ask for a new link" in again


def test_a_made_up_link_does_not_work(client, db):
    html = client.get("/accounts/password-reset/MQ/abc-123/").content.decode()
    assert "This link does not work" in html


def test_a_weak_new_password_is_refused(client, staff_user):
    client.post(START, {"email": "staff@example.org"})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"})
    assert "There is a problem" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_a_new_password_lifts_a_sign_in_lock(client, staff_user):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "staff", "password": PASSWORD}).status_code == 429
    client.post(START, {"email": "staff@example.org"})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert client.post("/accounts/login/", {"username": "staff", "password": NEW_PASSWORD}).status_code == 302


def test_the_pages_use_a_bounded_number_of_queries(client, staff_user, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.post(START, {"email": "staff@example.org"})
    with django_assert_max_num_queries(12):
        client.get(reset_link(mail.outbox[0]), follow=True)
