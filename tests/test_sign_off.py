import pytest
from django.utils import timezone

from actions.models import Status
from actions.services import record_progress
from tests.factories import ProgressUpdateFactory, after_creation
from tests.html import headings, labels, links, summary_list

MAX_QUERIES = 13


def url(action):
    return f"/actions/{action.pk}/sign-off/"


@pytest.fixture
def completed(action, staff_user):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="All 50 interviews audited")
    return action


def test_a_leader_sees_a_confirm_page_with_the_action_summarised(client, leader, completed):
    client.force_login(leader)

    response = client.get(url(completed))
    html = response.content.decode()

    assert headings(response, 1) == ["Sign off this action"]
    assert "Audit return home interviews" in html
    assert summary_list(response)["Status"] == "Completed"
    assert "Sign-off note" in labels(response)
    assert ">Sign off</button>" in html
    assert ("Cancel and go back to the action", f"/actions/{completed.pk}/") in links(response)


def test_a_leader_signs_off_a_completed_action(client, leader, completed):
    client.force_login(leader)

    response = client.post(url(completed), {"note": "Audit report seen at the improvement board"})

    assert response.status_code == 302 and response.url == f"/actions/{completed.pk}/"
    completed.refresh_from_db()
    assert completed.status == Status.SIGNED_OFF
    assert after_creation(completed).count() == 2
    update = completed.updates.first()
    assert (update.author, update.status_before, update.status_after, update.note) == (
        leader,
        Status.COMPLETED,
        Status.SIGNED_OFF,
        "Audit report seen at the improvement board",
    )
    html = client.get(response.url).content.decode()
    assert "Action signed off" in html
    assert f"This action was signed off on {timezone.localdate().day} " in html


def test_a_sign_off_note_is_required(client, leader, completed):
    client.force_login(leader)

    response = client.post(url(completed), {"note": "   "})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Enter a sign-off note" in html
    assert "<title>Error: " in html
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED
    assert after_creation(completed).count() == 1


def test_staff_cannot_sign_off_even_their_own_action(client, staff_user, completed):
    client.force_login(staff_user)

    assert client.get(url(completed)).status_code == 403
    assert client.post(url(completed), {"note": "Done"}).status_code == 403
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_authoritys_leader_gets_not_found(client, other_leader, completed, method):
    client.force_login(other_leader)

    response = getattr(client, method)(url(completed), {"note": "Ours"})

    assert response.status_code == 404
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_action_not_yet_completed_is_sent_back_with_a_message(client, leader, action, method):
    client.force_login(leader)

    response = getattr(client, method)(url(action), {"note": "Signed"}, follow=True)

    assert response.redirect_chain == [(f"/actions/{action.pk}/", 302)]
    assert "Only a completed action can be signed off" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    assert not after_creation(action).exists()


def test_an_action_already_signed_off_is_sent_back_with_a_message(client, leader, completed):
    record_progress(action=completed, author=leader, status=Status.SIGNED_OFF, note="Seen")
    client.force_login(leader)

    response = client.post(url(completed), {"note": "Again"}, follow=True)

    assert "This action has already been signed off" in response.content.decode()
    assert after_creation(completed).count() == 2


@pytest.mark.parametrize("rows", [1, 40])
def test_the_page_reads_a_bounded_number_of_queries(client, leader, completed, django_assert_max_num_queries, rows):
    for n in range(rows):
        ProgressUpdateFactory(
            action=completed, status_before=Status.COMPLETED, status_after=Status.COMPLETED, note=f"Note {n}"
        )
    client.force_login(leader)

    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url(completed)).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.post(url(completed), {"note": "Seen"}).status_code == 302
