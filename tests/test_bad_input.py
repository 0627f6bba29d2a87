"""Bad input gets a GOV.UK error and saves nothing; garbage in the address never gives a 500."""

import pytest
from django.utils.html import escape

from actions.models import ActionItem, Status
from tests.factories import after_creation
from tests.html import error_summary
from tests.test_action_form import NEW, edit_data, form_data


def assert_refused(response, message):
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert escape(message) in html


def test_a_due_date_out_of_range_is_refused(client, leader, staff_user, area):
    client.force_login(leader)
    response = client.post(NEW, form_data(area, staff_user, due_date_2="9999"))
    assert_refused(response, "Due date must be between 2000 and 2099")
    assert not ActionItem.objects.exists()


def test_a_due_date_before_the_inspection_is_refused(client, leader, staff_user, area):
    client.force_login(leader)
    started = area.inspection.start_date
    response = client.post(NEW, form_data(area, staff_user, due_date_0="1", due_date_1="1", due_date_2="2017"))
    assert_refused(response, f"Due date must be on or after the inspection started ({started.day} {started:%B %Y})")
    assert not ActionItem.objects.exists()


def test_over_long_text_is_refused(client, leader, staff_user, area):
    client.force_login(leader)
    response = client.post(NEW, form_data(area, staff_user, description="x" * 5001))
    assert_refused(response, "Description must be 5,000 characters or fewer")
    assert not ActionItem.objects.exists()


def test_an_over_long_progress_note_is_refused(client, staff_user, action):
    client.force_login(staff_user)
    response = client.post(
        f"/actions/{action.pk}/", {"status": Status.IN_PROGRESS, "note": "x" * 5001, "version": action.version}
    )
    assert_refused(response, "Progress note must be 5,000 characters or fewer")
    assert not after_creation(action).exists()


@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.BLOCKED, Status.COMPLETED])
def test_an_over_long_note_is_the_only_error_even_where_a_note_is_required(client, staff_user, action, status):
    client.force_login(staff_user)
    response = client.post(
        f"/actions/{action.pk}/", {"status": status, "note": "x" * 10_000, "version": action.version}
    )
    assert error_summary(response) == ["Progress note must be 5,000 characters or fewer"]
    assert not after_creation(action).exists()


def test_an_over_long_reason_for_a_new_due_date_is_the_only_error_about_it(client, leader, action):
    client.force_login(leader)
    moved = action.due_date.replace(year=action.due_date.year + 1)
    data = edit_data(action, due_date_2=str(moved.year), due_date_reason="x" * 10_000)
    response = client.post(f"/actions/{action.pk}/edit/", data)
    assert error_summary(response) == ["Reason for changing the due date must be 5,000 characters or fewer"]
    action.refresh_from_db()
    assert action.due_date != moved


def test_staff_cannot_sign_off_by_tampering_with_the_status(client, staff_user, action):
    client.force_login(staff_user)
    response = client.post(
        f"/actions/{action.pk}/", {"status": Status.SIGNED_OFF, "note": "Signed", "version": action.version}
    )
    assert_refused(response, "Select a status")
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


@pytest.mark.parametrize("version", ["abc", "-1", "0", "99999999999999999999", ""])
def test_a_tampered_version_never_saves_over_anyone(client, leader, action, version):
    client.force_login(leader)
    response = client.post(f"/actions/{action.pk}/edit/", edit_data(action, title="Changed", version=version))
    assert response.status_code == 200
    assert "This form is out of date" in response.content.decode()
    action.refresh_from_db()
    assert action.title != "Changed"


@pytest.mark.parametrize("version", ["abc", ""])
def test_a_progress_form_without_its_version_saves_nothing(client, staff_user, action, version):
    client.force_login(staff_user)
    response = client.post(f"/actions/{action.pk}/", {"status": Status.IN_PROGRESS, "note": "x", "version": version})
    assert "This form is out of date" in response.content.decode()
    assert not after_creation(action).exists()


def test_a_tampered_owner_id_from_another_authority_is_refused(client, leader, other_leader, action):
    client.force_login(leader)
    response = client.post(f"/actions/{action.pk}/edit/", edit_data(action, owner=other_leader.pk))
    assert_refused(response, "Select an owner from the list")
    action.refresh_from_db()
    assert action.owner_id != other_leader.pk


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=abc",
        "page=99999999",
        "page=1e9",
        "sort=DROP%20TABLE",
        "sort=-",
        "status=nonsense",
        "rag=purple",
        "owner=abc",
        "owner=999999",
        "inspection=-5",
        "improvement_area=%27%20OR%201=1",
        "theme=%00",
        "theme=%C2%B2",
        "theme=%EF%BC%91",
        "due_from=2021-02-31",
        "due_to=yesterday",
        "overdue=maybe",
        "q=%3Cscript%3Ealert(1)%3C/script%3E",
    ],
)
@pytest.mark.parametrize("path", ["/actions/", "/actions/export.csv", "/actions/export.xlsx", "/", "/inspections/"])
def test_garbage_in_the_address_gets_a_normal_page_or_a_400(client, leader, action, path, query):
    client.force_login(leader)
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 400)
    if response.get("Content-Type", "").startswith("text/html"):
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    "part, value",
    [
        ("due_date_0", "²"),
        ("due_date_0", "١٢"),
        ("due_date_1", "³"),
        ("due_date_2", "²⁰³⁰"),
        ("due_date_2", "２０３０"),
        ("due_date_0", "99999999999999999999"),
        ("due_date_1", "99999999999999999999"),
        ("due_date_0", "0000000000000000000012"),
    ],
)
@pytest.mark.parametrize("edit", [False, True], ids=["new", "edit"])
def test_a_due_date_part_in_other_digits_or_too_long_is_not_a_real_date(
    client, leader, staff_user, action, edit, part, value
):
    client.force_login(leader)
    if edit:
        response = client.post(f"/actions/{action.pk}/edit/", edit_data(action, title="Changed", **{part: value}))
    else:
        response = client.post(NEW, form_data(action.improvement_area, staff_user, title="Changed", **{part: value}))
    assert_refused(response, "Due date must be a real date")
    assert not ActionItem.objects.filter(title="Changed").exists()


def test_a_nul_character_in_a_form_is_a_bad_request_and_saves_nothing(client, staff_user, action):
    client.force_login(staff_user)
    response = client.post(
        f"/actions/{action.pk}/", {"status": Status.IN_PROGRESS, "note": "a\x00b", "version": action.version}
    )
    assert response.status_code == 400
    assert "Something in the request was not right" in response.content.decode()
    assert not after_creation(action).exists()


@pytest.mark.parametrize("cookie", ["sessionid=abcdefgh\x00ijklmnop", 'sessionid="abcdefgh\\000ijklmnop"'])
@pytest.mark.parametrize("path", ["/", "/actions/", "/accounts/login/"])
def test_a_session_cookie_holding_a_nul_character_is_ignored(client, db, path, cookie):
    response = client.get(path, HTTP_COOKIE=cookie)
    if path == "/accounts/login/":
        assert response.status_code == 200
        assert "Sign in" in response.content.decode()
    else:
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_a_stray_cookie_holding_a_nul_character_does_not_sign_anyone_out(client, staff_user):
    client.force_login(staff_user)
    session_cookie = client.cookies["sessionid"].value
    response = client.get("/", HTTP_COOKIE=f"sessionid={session_cookie}; tracking=a\x00b")
    assert response.status_code == 200
    assert "My actions" in response.content.decode()


@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_ACCEPT", "HTTP_X_FORWARDED_FOR"])
def test_a_nul_character_in_a_header_of_a_failed_sign_in_is_a_bad_request(client, db, header):
    response = client.post("/accounts/login/", {"username": "leader", "password": "wrong"}, **{header: "a\x00b"})
    assert response.status_code == 400
    assert "Something in the request was not right" in response.content.decode()
