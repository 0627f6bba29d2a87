import pytest

from actions.models import Status, UpdateKind
from actions.services import record_progress
from tests.factories import ProgressUpdateFactory, after_creation
from tests.html import headings

MAX_QUERIES = 13


def url(action):
    return f"/actions/{action.pk}/reopen/"


@pytest.fixture
def signed_off(action, staff_user, leader):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="All 50 interviews audited")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Audit report seen")
    return action


def test_a_leader_sees_a_confirm_page_asking_why(client, leader, signed_off):
    client.force_login(leader)

    response = client.get(url(signed_off))
    html = response.text

    assert headings(response, 1) == ["Reopen this action"]
    assert "Audit return home interviews" in html
    assert "Why does this action need reopening?" in html
    assert ">Reopen action</button>" in html
    assert f'href="/actions/{signed_off.pk}/"' in html


def test_a_leader_reopens_it_and_it_is_back_in_progress(client, leader, signed_off):
    client.force_login(leader)

    response = client.post(url(signed_off), {"reason": "The audit missed the two east teams"}, follow=True)

    assert response.redirect_chain == [(f"/actions/{signed_off.pk}/", 302)]
    html = response.text
    assert "Action reopened" in html
    assert "Update progress" in html
    signed_off.refresh_from_db()
    assert (signed_off.status, signed_off.completed_on) == (Status.IN_PROGRESS, None)
    update = signed_off.updates.first()
    assert (update.kind, update.author, update.note) == (
        UpdateKind.REOPENED,
        leader,
        "The audit missed the two east teams",
    )


def test_a_reason_is_required_and_nothing_changes_without_one(client, leader, signed_off):
    client.force_login(leader)

    response = client.post(url(signed_off), {"reason": "  "})

    assert response.status_code == 200
    assert "There is a problem" in response.text and "Enter the reason for reopening the action" in response.text
    assert "<title>Error: " in response.text
    signed_off.refresh_from_db()
    assert signed_off.status == Status.SIGNED_OFF
    assert after_creation(signed_off).count() == 2


def test_staff_cannot_reopen_even_their_own_action(client, staff_user, signed_off):
    client.force_login(staff_user)

    assert client.get(url(signed_off)).status_code == 403
    assert client.post(url(signed_off), {"reason": "Mine"}).status_code == 403
    signed_off.refresh_from_db()
    assert signed_off.status == Status.SIGNED_OFF


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_authoritys_leader_gets_not_found(client, other_leader, signed_off, method):
    client.force_login(other_leader)

    assert getattr(client, method)(url(signed_off), {"reason": "Ours"}).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_action_not_signed_off_is_sent_back_with_a_message(client, leader, action, method):
    client.force_login(leader)

    response = getattr(client, method)(url(action), {"reason": "Why not"}, follow=True)

    assert response.redirect_chain == [(f"/actions/{action.pk}/", 302)]
    assert "Only a signed-off action can be reopened" in response.text
    assert not after_creation(action).exists()


@pytest.mark.parametrize("rows", [1, 40])
def test_the_page_reads_a_bounded_number_of_queries(
    client, staff_user, leader, action, django_assert_max_num_queries, rows
):
    # The history grows before the sign-off: a signed-off action takes no updates.
    for _ in range(rows):
        ProgressUpdateFactory(action=action)
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="All 50 interviews audited")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Seen")
    client.force_login(leader)

    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url(action)).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.post(url(action), {"reason": "More to do"}).status_code == 302
