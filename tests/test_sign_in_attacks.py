"""The sign-in attacks, run as an attacker would, with what happened recorded for `make reliability`.

Each test records its figures with `record_property`; scripts/reliability_report.py reads them from the
JUnit XML and writes them to docs/reliability.md.
"""

import datetime

from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
ATTACKER, VICTIM_ADDRESS, PROXY = "203.0.113.66", "198.51.100.7", "10.0.0.2"
ROUNDS = 4  # of four wrong guesses and one real sign-in to another account
FLOOD = 200
BAD_PASSWORD = "Enter a correct username and password"


def attempt(client, username, password, **extra):
    extra.setdefault("REMOTE_ADDR", ATTACKER)
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def count_password_checks(monkeypatch):
    """Every password the sign-in actually tried, by username."""
    checked = []
    original = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        checked.append(username)
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    return checked


def test_brute_force_across_usernames_is_locked_after_five_guesses(leader, other_leader, monkeypatch, record_property):
    """Four wrong passwords for `leader`, then a correct sign-in as the attacker's own account (of another
    council), over and over: the sign-in that once cleared every failure of the address."""
    checked = count_password_checks(monkeypatch)
    client = Client()
    refused = 0
    for _ in range(ROUNDS):
        for _ in range(4):
            response = attempt(client, "leader", f"guess-{len(checked)}")
            refused += response.status_code == 429
        assert attempt(client, "essex.leader", PASSWORD).status_code == 302
        client.post("/accounts/logout/", REMOTE_ADDR=ATTACKER)
    guessed = checked.count("leader")
    record_property("wrong_guesses_sent", ROUNDS * 4)
    record_property("wrong_guesses_checked", guessed)
    record_property("answered_with_the_lockout_page", refused)
    assert guessed == 5
    assert attempt(client, "leader", PASSWORD).status_code == 429


def test_a_victim_cannot_be_locked_out_from_another_address(leader, staff_user, monkeypatch, record_property):
    """An attacker fails 20 times as `leader` and with 20 made-up usernames, first directly, then behind the
    trusted proxy forging the victim's address in X-Forwarded-For; the victim and a colleague then sign in."""
    client = Client()
    for n in range(20):
        attempt(client, "leader", "wrong")
        attempt(client, f"made-up-{n}", "wrong")
    direct = attempt(Client(), "leader", PASSWORD, REMOTE_ADDR=VICTIM_ADDRESS).status_code
    colleague = attempt(Client(), "staff", PASSWORD).status_code

    monkeypatch.setattr("django.conf.settings.TRUSTED_PROXY_COUNT", 1)
    AccessAttempt.objects.all().delete()
    forged = f"{VICTIM_ADDRESS}, {ATTACKER}"  # the proxy appends the real address to whatever was sent
    for _ in range(20):
        attempt(client, "leader", "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged)
    behind_proxy = attempt(
        Client(), "leader", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VICTIM_ADDRESS
    ).status_code
    attacker_locked = attempt(client, "leader", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged).status_code

    record_property("attacker_failures", 40)
    record_property("victim_from_another_address", direct)
    record_property("colleague_on_the_attackers_address", colleague)
    record_property("victim_behind_the_proxy", behind_proxy)
    record_property("attacker_behind_the_proxy", attacker_locked)
    assert (direct, colleague, behind_proxy, attacker_locked) == (302, 302, 302, 429)


def test_a_flood_from_one_address_is_slowed_without_locking_anyone(leader, settings, monkeypatch, record_property):
    """200 attempts from one address, each for a different username (one of them real), as fast as it can."""
    checked = count_password_checks(monkeypatch)
    client = Client()
    statuses = [attempt(client, f"user-{n}", "wrong").status_code for n in range(FLOOD)]
    passwords_checked = len(checked)
    first_refused = statuses.index(429) + 1 if 429 in statuses else None
    elsewhere = attempt(Client(), "leader", PASSWORD, REMOTE_ADDR=VICTIM_ADDRESS).status_code
    locked_usernames = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).count()
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.SIGN_IN_ADDRESS_WINDOW - datetime.timedelta(1))
    after_the_window = attempt(Client(), "leader", PASSWORD).status_code

    record_property("attempts", FLOOD)
    record_property("passwords_checked", passwords_checked)
    record_property("first_refused_attempt", first_refused)
    record_property("refused", statuses.count(429))
    record_property("usernames_locked", locked_usernames)
    record_property("real_user_elsewhere", elsewhere)
    record_property("attackers_address_after_the_window", after_the_window)
    assert passwords_checked == settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    assert statuses.count(429) == FLOOD - settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    assert locked_usernames == 0
    assert (elsewhere, after_the_window) == (302, 302)
