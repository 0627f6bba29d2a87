"""A signed-in session: saved at most once every few minutes, not on every page, and still ended after an
hour without a request, never sooner."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
LOGIN = "/accounts/login/"


def minutes(n):
    return datetime.timedelta(minutes=n)


def session_writes(queries):
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(("UPDATE", "INSERT", "DELETE")) and '"django_session"' in query["sql"]
    ]


def visit(client, path="/"):
    """The page and the statements that wrote to the session table while it was served."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, session_writes(queries)


def assert_signed_in(response):
    assert response.status_code == 200
    assert "Sign out" in response.content.decode()


def assert_sent_to_sign_in(response):
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/"


@pytest.fixture
def clock(db):
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, staff_user, clock):
    """Signed in at START, with the first page seen then."""
    client.force_login(staff_user)
    assert_signed_in(client.get("/"))
    return client


def test_a_page_soon_after_another_writes_nothing_to_the_session(signed_in, clock):
    clock.shift(minutes(1))
    response, writes = visit(signed_in)
    assert_signed_in(response)
    assert writes == []
    assert "sessionid" not in response.cookies


def test_a_page_five_minutes_after_the_last_save_saves_the_session(signed_in, clock):
    clock.shift(minutes(5))
    response, writes = visit(signed_in)
    assert_signed_in(response)
    assert len(writes) == 1 and writes[0].startswith('UPDATE "django_session"')
    assert response.cookies["sessionid"]["max-age"] == 65 * 60


def test_the_save_pushes_the_sign_out_on(signed_in, clock):
    clock.shift(minutes(30))
    assert_signed_in(signed_in.get("/"))
    clock.shift(minutes(59))  # 89 minutes after signing in, 59 after the last page
    assert_signed_in(signed_in.get("/"))


def test_someone_busy_for_hours_is_never_signed_out(signed_in, clock):
    for _ in range(40):  # three hours, a page every four and a half minutes
        clock.shift(datetime.timedelta(minutes=4, seconds=30))
        assert_signed_in(signed_in.get("/"))


def test_59_minutes_idle_after_a_page_that_saved_nothing_is_still_signed_in(signed_in, clock):
    """The latest the last save can be before the last page: just under five minutes."""
    clock.shift(datetime.timedelta(minutes=4, seconds=59))
    response, writes = visit(signed_in)
    assert writes == []
    clock.shift(datetime.timedelta(minutes=59, seconds=59))
    assert_signed_in(signed_in.get("/"))


def test_an_hour_and_five_minutes_idle_is_sent_to_sign_in(signed_in, clock):
    clock.shift(minutes(65) + datetime.timedelta(seconds=1))
    assert_sent_to_sign_in(signed_in.get("/"))


def test_an_hour_idle_after_a_page_that_saved_nothing_is_sent_to_sign_in_by_the_five_minutes(signed_in, clock):
    clock.shift(minutes(4))
    assert_signed_in(signed_in.get("/"))
    clock.shift(minutes(61) + datetime.timedelta(seconds=1))  # 65 minutes after the last save
    assert_sent_to_sign_in(signed_in.get("/"))


def test_signing_in_counts_as_the_save(client, staff_user, clock):
    signing_in = client.post(LOGIN, {"username": "staff", "password": PASSWORD})
    assert signing_in.status_code == 302
    clock.shift(minutes(1))
    response, writes = visit(client)
    assert_signed_in(response)
    assert writes == []


def test_a_message_between_saves_still_reaches_the_next_page(signed_in, clock, action):
    clock.shift(minutes(1))
    saving = signed_in.post(
        action.get_absolute_url(), {"status": "in_progress", "note": "Audit started.", "version": action.version}
    )
    assert saving.status_code == 302
    assert "Progress update saved" in signed_in.get(saving.url).content.decode()
    # Shown once: reading the message saved the session, which now holds none.
    assert "Progress update saved" not in signed_in.get(saving.url).content.decode()


@pytest.mark.parametrize("path", ["/", LOGIN, "/accounts/signed-out/", "/accounts/password-reset/"])
def test_a_visitor_who_is_not_signed_in_gets_no_session(client, db, path):
    response, writes = visit(client, path)
    assert response.status_code in (200, 302)
    assert writes == []
    assert "sessionid" not in response.cookies


def test_a_clock_set_back_saves_the_session_rather_than_trust_a_save_in_the_future(signed_in, clock):
    clock.move_to(START - minutes(10))
    response, writes = visit(signed_in)
    assert_signed_in(response)
    assert len(writes) == 1
