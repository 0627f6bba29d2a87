"""Arbitrary text, numbers and dates thrown at every form and filter: never a 500, markup always escaped."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.models import Status

MARKUP = '<script>alert("fuzz")</script>'
EXAMPLES = 40

fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

# Text of every kind, sometimes carrying markup; numbers and dates as people (and attackers) type them.
values = st.one_of(
    st.text(max_size=300),
    st.text(max_size=20).map(lambda t: t + MARKUP),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", " ", "31", "02", "2027", "0", "-1", "NaN", "9" * 40, "\x00", "‮", "１２"]),
    st.sampled_from(Status.values),
)


def form(*fields):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values))


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
@given(data=form("page"))
def test_paginated_pages(leader_client, action, data):
    for path in ("/", "/inspections/"):
        assert_handled(leader_client.get(path, data))


@fuzz
@given(data=form("old_password", "new_password1", "new_password2"))
def test_the_change_password_form(owner_client, data):
    assert_handled(owner_client.post("/accounts/password/", data))


@fuzz
@given(data=form("username", "password"))
def test_the_sign_in_form(client, db, settings, data):
    settings.AXES_ENABLED = False  # thousands of failures would lock the test client out
    assert_handled(client.post("/accounts/login/", data))
