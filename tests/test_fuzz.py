"""Arbitrary text, numbers and dates thrown at every form, filter, address and cookie: never a 500, markup
always escaped. Text is drawn from the whole Unicode range (every code point but the lone surrogates, which
UTF-8 cannot carry)."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.models import Status

MARKUP = '<script>alert("fuzz")</script>'
EXAMPLES = 40

fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

# Digits of every script: "²", "١٢", "２０３０" (str.isdigit() says yes to most of them, int() to some).
other_digits = st.text(st.characters(categories=["Nd", "Nl", "No"]), min_size=1, max_size=6)

# Text of every kind, sometimes carrying markup; numbers and dates as people (and attackers) type them.
values = st.one_of(
    st.text(max_size=300),
    other_digits,
    st.text(max_size=20).map(lambda t: t + MARKUP),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", " ", "31", "02", "2027", "0", "-1", "NaN", "9" * 40, "\x00", "‮", "１２"]),
    st.sampled_from(Status.values),
)

# A day, month or year: digits of every script, any character, absurdly long numbers. Every form that has
# a date is sent all three parts, so that the checks past "must include a day" are reached.
date_parts = st.one_of(
    other_digits,
    st.text(st.characters(), min_size=1, max_size=6),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(st.sampled_from("0123456789"), min_size=1, max_size=30),
)
DATE_PARTS = ("due_date_0", "due_date_1", "due_date_2")


def form(*fields):
    required = {field: date_parts for field in fields if field in DATE_PARTS}
    optional = {field: values for field in fields if field not in DATE_PARTS}
    return st.fixed_dictionaries(required, optional=optional)


def as_wsgi(text):
    """Text as a server hands it to Django: its UTF-8 bytes, one character per byte."""
    return text.encode("utf-8").decode("iso-8859-1")


# A raw query string: known and unknown names, values percent-encoded from any text, and broken escapes.
query_names = st.one_of(
    st.sampled_from(("q", "status", "rag", "theme", "owner", "page", "sort", "due_from")), st.text()
)
query_strings = st.one_of(
    st.lists(st.tuples(query_names, values), max_size=4).map(
        lambda pairs: "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)
    ),
    st.text(st.sampled_from("%&=+;#?0123456789ABCDEFabcdefZ\x00 "), max_size=40),
    st.text(max_size=60).map(as_wsgi),
)
# A Cookie header: the session and CSRF cookies, or any other, holding anything, quoted or not; a session
# key is only looked up when it is at least 8 characters long.
cookie_names = st.one_of(st.sampled_from(("sessionid", "csrftoken", "messages")), st.text(min_size=1, max_size=10))
cookie_values = st.one_of(
    values,
    st.text(min_size=8, max_size=40),
    st.text(min_size=8, max_size=40).map(lambda t: t[:4] + "\x00" + t[4:]),
)
cookie_headers = st.lists(
    st.tuples(cookie_names, st.one_of(cookie_values, cookie_values.map(lambda v: f'"{v}"'))), min_size=1, max_size=3
).map(lambda pairs: as_wsgi("; ".join(f"{name}={value}" for name, value in pairs)))


ACTION_FIELDS = (
    "improvement_area",
    "title",
    "description",
    "owner",
    "due_date_0",
    "due_date_1",
    "due_date_2",
    "success_measure",
    "version",
)
FILTER_FIELDS = ("q", "status", "rag", "overdue", "owner", "inspection", "improvement_area", "theme")
FILTER_FIELDS += ("due_from", "due_to", "sort", "page")


def assert_handled(response):
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    if response.get("Content-Type", "").startswith("text/html"):
        assert MARKUP not in response.content.decode()


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def owner_client(client, staff_user):
    client.force_login(staff_user)
    return client


@fuzz
@given(data=form(*ACTION_FIELDS))
def test_the_new_action_form(leader_client, area, staff_user, data):
    assert_handled(leader_client.post("/actions/new/", data))


@fuzz
@given(data=form(*ACTION_FIELDS))
def test_the_edit_action_form(leader_client, action, data):
    assert_handled(leader_client.post(f"/actions/{action.pk}/edit/", data))


@fuzz
@given(data=form("status", "note", "version"))
def test_the_update_progress_form(owner_client, action, data):
    assert_handled(owner_client.post(f"/actions/{action.pk}/", data))


@fuzz
@given(data=form("note"))
def test_the_sign_off_form(leader_client, action, data):
    assert_handled(leader_client.post(f"/actions/{action.pk}/sign-off/", data))


@fuzz
@given(data=form(*FILTER_FIELDS))
def test_the_action_list_filters(leader_client, action, data):
    assert_handled(leader_client.get("/actions/", data))


@fuzz
@given(data=form(*FILTER_FIELDS))
def test_the_csv_export_filters(leader_client, action, data):
    assert_handled(leader_client.get("/actions/export.csv", data))


@fuzz
@given(query=query_strings)
def test_raw_query_strings(leader_client, action, query):
    for path in ("/actions/", "/actions/export.csv", "/actions/export.xlsx", "/", "/inspections/"):
        assert_handled(leader_client.get(path, QUERY_STRING=query))


@fuzz
@given(cookies=cookie_headers)
def test_cookies_signed_out(client, db, cookies):
    for path in ("/", "/actions/", "/accounts/login/", "/healthz"):
        assert_handled(client.get(path, HTTP_COOKIE=cookies))


@fuzz
@given(cookies=cookie_headers)
def test_cookies_beside_a_signed_in_session(leader_client, action, cookies):
    session = f"sessionid={leader_client.cookies['sessionid'].value}"
    for path in ("/", f"/actions/{action.pk}/", "/accounts/password/"):
        assert_handled(leader_client.get(path, HTTP_COOKIE=f"{session}; {cookies}"))


@fuzz
@given(data=form("inspection", "owner"))
def test_the_dashboard_narrowing(leader_client, action, data):
    assert_handled(leader_client.get("/dashboard/", data))


@fuzz
@given(data=form("page"))
def test_paginated_pages(leader_client, action, data):
    for path in ("/", "/inspections/"):
        assert_handled(leader_client.get(path, data))


@fuzz
@given(data=form("old_password", "new_password1", "new_password2"))
def test_the_change_password_form(owner_client, settings, data):
    settings.AXES_ENABLED = False  # wrong current passwords count as failed sign-ins and would lock the account
    assert_handled(owner_client.post("/accounts/password/", data))


@fuzz
@given(data=form("username", "password"))
def test_the_sign_in_form(client, db, settings, data):
    settings.AXES_ENABLED = False  # thousands of failures would lock the test client out
    assert_handled(client.post("/accounts/login/", data))
