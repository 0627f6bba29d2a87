"""The sign-in page, and the throttling that keeps it from being guessed through or used to lock people out.

Failures lock a username on one address (REMOTE_ADDR here, as no proxy is trusted by default); a separate,
more generous limit slows a flood from one address without locking anyone's account.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"
HOME = "203.0.113.5"
ELSEWHERE = "198.51.100.7"


def sign_in(client, username, password, address=HOME, path=LOGIN):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times=1, address=HOME):
    for _ in range(times):
        response = sign_in(client, username, "wrong", address)
    return response


def assert_signed_in(response):
    assert response.status_code == 302, response.status_code
    assert response.url == "/"


def assert_locked(response):
    assert response.status_code == 429
    assert "You cannot sign in for 15 minutes" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/actions/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/actions/")


def test_the_sign_in_page_has_the_stable_words(client, db):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Username" in html and "Password" in html and "Sign in" in html


def test_a_user_signs_in_and_lands_on_my_actions(client, staff_user):
    response = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_gets_a_clear_error(client, staff_user):
    response = client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "Error: Sign in" in response.content.decode()


def test_empty_fields_get_govuk_messages(client, db):
    html = client.post("/accounts/login/", {}).content.decode()
    assert "There is a problem" in html
    assert "Enter your username" in html and "Enter your password" in html


def test_an_unknown_page_gets_the_friendly_404(client, staff_user, settings):
    settings.DEBUG = False
    client.force_login(staff_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_sessions_expire_after_an_hour_without_activity(client, staff_user, settings):
    client.force_login(staff_user)
    client.get("/")
    assert settings.SESSION_IDLE_TIMEOUT == 3600
    # Saved at most every five minutes (tests/test_session_refresh.py), so kept that much longer.
    assert 0 < client.session.get_expiry_age() <= 3600 + settings.SESSION_REFRESH_INTERVAL


# Locking a username on an address


def test_five_failures_lock_the_username_on_that_address_and_say_what_to_do(client, staff_user):
    fail(client, "staff", times=5)
    response = sign_in(client, "staff", PASSWORD)
    assert_locked(response)
    html = response.content.decode()
    assert "The wrong password was entered 5 times for this username from your network" in html
    assert "Wait 15 minutes, then" in html
    assert "reset your password" in html
    assert "ask the service's administrators to unlock your account" in html
    assert "_auth_user_id" not in client.session


def test_a_success_as_another_account_does_not_wipe_the_failures_against_a_username(
    client, leader, staff_user, other_leader
):
    """Four guesses, a real sign-in as someone else (even of another council) to clear them, four more..."""
    fail(client, "leader", times=4)
    assert_signed_in(sign_in(client, "essex.leader", PASSWORD))
    client.post("/accounts/logout/", REMOTE_ADDR=HOME)
    fail(client, "leader")
    assert_locked(sign_in(client, "leader", PASSWORD))


def test_a_success_clears_that_usernames_own_failures(client, leader):
    fail(client, "leader", times=4)
    assert_signed_in(sign_in(client, "leader", PASSWORD))
    client.post("/accounts/logout/", REMOTE_ADDR=HOME)
    fail(client, "leader", times=4)
    assert_signed_in(sign_in(client, "leader", PASSWORD))


def test_failures_with_made_up_usernames_do_not_lock_out_the_address(client, leader):
    for n in range(5):
        fail(client, f"guess{n}")
    fail(client, "guess", times=5)
    assert_signed_in(sign_in(client, "leader", PASSWORD))


def test_a_username_locked_on_one_address_still_signs_in_from_another(client, leader):
    fail(client, "leader", times=5, address=ELSEWHERE)
    assert_locked(sign_in(client, "leader", PASSWORD, address=ELSEWHERE))
    assert_signed_in(sign_in(client, "leader", PASSWORD, address=HOME))


def test_someone_elses_typos_on_the_same_address_do_not_lock_a_colleague(client, leader, other_staff_user):
    fail(client, "leader", times=5)
    assert_signed_in(sign_in(client, "staff2", PASSWORD))


@pytest.mark.parametrize(
    "failures, warning",
    [
        (1, None),
        (2, None),
        (3, "You have 2 more tries before this account is locked for 15 minutes."),
        (4, "You have 1 more try before this account is locked for 15 minutes."),
    ],
)
def test_the_last_tries_before_a_lock_are_counted_down(client, leader, failures, warning):
    html = fail(client, "leader", times=failures).content.decode()
    assert "Enter a correct username and password" in html
    if warning:
        assert warning in html
    else:
        assert "more tries before" not in html


def test_the_count_down_is_the_same_for_a_made_up_username(client, db):
    html = fail(client, "nobody", times=3).content.decode()
    assert "You have 2 more tries before this account is locked for 15 minutes." in html


# The per-address limit


def flood(client, address=HOME, failures=50):
    for n in range(failures):
        fail(client, f"guess{n}", address=address)


def assert_address_refused(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "There is a problem" in html
    assert "There have been too many failed attempts to sign in from your network" in html
    assert "Wait 5 minutes, then try again" in html


def test_a_flood_of_failures_from_one_address_refuses_it_for_a_while(client, leader):
    flood(client)
    assert_address_refused(sign_in(client, "leader", PASSWORD))
    assert "_auth_user_id" not in client.session


def test_a_flood_from_one_address_leaves_other_addresses_alone(client, leader):
    flood(client)
    assert_signed_in(sign_in(client, "leader", PASSWORD, address=ELSEWHERE))


def test_attempts_refused_in_a_flood_try_no_password_and_lock_no_account(client, leader, monkeypatch):
    flood(client)
    tried = []
    monkeypatch.setattr(ModelBackend, "authenticate", lambda *args, **kwargs: tried.append(kwargs))
    for _ in range(6):
        assert_address_refused(fail(client, "leader"))
    assert tried == []
    assert not AccessAttempt.objects.filter(username="leader").exists()


def test_the_address_may_sign_in_again_once_the_flood_has_stopped_for_the_window(client, leader):
    flood(client)
    fail(client, "leader", times=3)  # refused, not counted
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=6))
    assert_signed_in(sign_in(client, "leader", PASSWORD))


def test_fewer_failures_than_the_address_limit_refuse_nobody(client, leader):
    flood(client, failures=49)
    assert_signed_in(sign_in(client, "leader", PASSWORD))


# Usernames no account could have


def test_an_over_long_username_is_refused_before_any_password_is_tried(client, db, monkeypatch):
    tried = []
    monkeypatch.setattr(ModelBackend, "authenticate", lambda *args, **kwargs: tried.append(kwargs))
    response = sign_in(client, "x" * 300, "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Username must be 150 characters or fewer" in html
    assert tried == []
    assert not AccessAttempt.objects.exists()


def test_a_username_of_the_longest_allowed_length_is_an_ordinary_failure(client, db):
    response = sign_in(client, "x" * 150, "wrong")
    assert "Enter a correct username and password" in response.content.decode()
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_the_admin_sign_in_page_refuses_an_over_long_username(client, db):
    response = sign_in(client, "x" * 300, "wrong", path="/admin/login/")
    assert response.status_code == 200
    assert "Username must be 150 characters or fewer" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_the_admin_sign_in_page_is_locked_like_the_sign_in_page(client, db):
    admin = UserFactory(username="admin", administrator=True)
    fail(client, "admin", times=5)
    response = sign_in(client, "admin", PASSWORD, path="/admin/login/")
    assert_locked(response)
    assert admin.pk != client.session.get("_auth_user_id")


def test_a_failed_sign_in_uses_a_bounded_number_of_queries(client, leader, django_assert_max_num_queries):
    fail(client, "leader")
    with django_assert_max_num_queries(12):
        fail(client, "leader")
