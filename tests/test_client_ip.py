"""The address a sign-in comes from: X-Forwarded-For is believed only as far as TRUSTED_PROXY_COUNT proxies."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from bromley_tracker import settings as project_settings
from bromley_tracker.sign_in import client_ip
from tests.factories import PASSWORD

PROXY = "10.0.0.2"


def request_from(remote_addr=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (0, None, PROXY),
        (0, "203.0.113.5", PROXY),  # no proxy is trusted: the header is the client's own say-so
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # the left entry was written by the client
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # too short to have come through both proxies
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "203.0.113.5:443", PROXY),
        (1, "2001:DB8::1", "2001:db8::1"),
        (1, "1.2.3.4, \x00", PROXY),
    ],
)
def test_the_client_is_the_entry_written_by_the_outermost_trusted_proxy(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request_from(forwarded=forwarded)) == expected


def test_behind_one_proxy_a_username_is_locked_only_for_the_client_that_failed(client, settings, leader):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "leader", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    locked = client.post(
        "/accounts/login/",
        {"username": "leader", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        "/accounts/login/",
        {"username": "leader", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert elsewhere.status_code == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_lock(client, leader):
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"username": "leader", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post(
        "/accounts/login/",
        {"username": "leader", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429


@pytest.mark.parametrize("forwarded", ["not-an-address", "x" * 300, "203.0.113.5, ::::"])
def test_a_malformed_header_is_an_ordinary_failed_sign_in(client, settings, db, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.post(
        "/accounts/login/",
        {"username": "leader", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


@pytest.mark.parametrize("value", ["-1", "one", "1.5", "²"])
def test_a_malformed_proxy_count_stops_the_start_up(monkeypatch, value):
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", value)
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT must be a whole number"):
        project_settings.env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)


def test_the_proxy_count_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "2")
    assert project_settings.env_int("TRUSTED_PROXY_COUNT", 0, minimum=0) == 2
