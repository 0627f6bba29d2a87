"""Change your password: a wrong current password counts as a failed sign-in, and locks the account too."""

from axes.models import AccessAttempt
from django.test import Client

from tests.factories import PASSWORD

URL = "/accounts/password/"
NEW_PASSWORD = "a-much-longer-phrase-42"


def change(client, old_password, new_password=NEW_PASSWORD):
    return client.post(
        URL, {"old_password": old_password, "new_password1": new_password, "new_password2": new_password}
    )


def test_a_user_changes_their_password(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        URL,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed." in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(NEW_PASSWORD)


def test_a_weak_new_password_is_refused(client, staff_user):
    client.force_login(staff_user)
    response = change(client, PASSWORD, "short")
    assert response.status_code == 200
    assert "too short" in response.content.decode()


def test_a_wrong_current_password_is_refused_and_recorded_as_a_failed_sign_in(client, staff_user):
    client.force_login(staff_user)
    response = change(client, "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Your current password is not correct" in html
    assert AccessAttempt.objects.get(username="staff").failures_since_start == 1
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_the_last_tries_are_counted_down(client, staff_user):
    client.force_login(staff_user)
    change(client, "wrong")
    change(client, "wrong")
    html = change(client, "wrong").content.decode()
    assert "You have 2 more tries before this account is locked for 15 minutes." in html


def test_five_wrong_current_passwords_lock_the_account_and_end_the_session(client, staff_user):
    client.force_login(staff_user)
    for _ in range(4):
        change(client, "wrong")
    response = change(client, "wrong")
    assert response.status_code == 429
    assert "You cannot sign in for 15 minutes" in response.content.decode()
    assert client.get("/").status_code == 302  # signed out
    signing_in = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert signing_in.status_code == 429


def test_once_locked_not_even_the_right_current_password_is_accepted(client, staff_user):
    client.force_login(staff_user)
    other_browser = Client()
    for _ in range(5):
        other_browser.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    response = change(client, PASSWORD)
    assert response.status_code == 429
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_the_page_uses_a_bounded_number_of_queries(client, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(20):
        change(client, "wrong")
