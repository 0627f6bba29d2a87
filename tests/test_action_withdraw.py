import datetime

import pytest

from actions.models import ActionItem, Status, UpdateKind
from actions.services import archive_action, record_progress
from tests.factories import ActionItemFactory, ProgressUpdateFactory, after_creation
from tests.html import headings, main_text

MAX_QUERIES = 13


def url(action):
    return f"/actions/{action.pk}/withdraw/"


def test_a_leader_sees_a_confirm_page_asking_why(client, leader, action):
    client.force_login(leader)

    response = client.get(url(action))
    html = response.text

    assert headings(response, 1) == ["Withdraw this action"]
    assert "Audit return home interviews" in html
    assert "Why is this action being withdrawn?" in html
    assert ">Withdraw action</button>" in html
    assert f'href="/actions/{action.pk}/"' in html


def test_a_leader_withdraws_it_and_its_page_says_when_and_why(client, leader, action):
    client.force_login(leader)

    response = client.post(url(action), {"reason": "Replaced by the county-wide audit"}, follow=True)

    assert response.redirect_chain == [(f"/actions/{action.pk}/", 302)]
    html = response.text
    assert "Action withdrawn" in html
    assert f"This action was withdrawn on {after_creation(action).get().created_at:%-d %B %Y} by {leader}." in html
    assert "Reason: Replaced by the county-wide audit" in html
    assert "Update progress" not in html and "Edit action" not in html and "Withdraw this action" not in html
    action.refresh_from_db()
    assert action.archived_at is not None
    update = after_creation(action).get()
    assert (update.kind, update.author, update.note) == (
        UpdateKind.ARCHIVED,
        leader,
        "Replaced by the county-wide audit",
    )


def test_a_withdrawn_overdue_action_shows_no_rating_and_is_not_called_overdue(client, leader, area):
    action = ActionItemFactory(improvement_area=area, due_date=datetime.date(2020, 11, 26))
    archive_action(action=action, by=leader, note="Replaced by the county-wide audit")
    client.force_login(leader)

    text = main_text(client.get(f"/actions/{action.pk}/"))

    assert "This action was withdrawn on" in text
    assert "RAG rating" not in text and "Overdue" not in text
    assert "26 November 2020" in text


def test_a_withdrawn_action_leaves_the_lists_and_is_found_with_the_filter(client, leader, staff_user, action):
    archive_action(action=action, by=leader, note="Replaced")
    client.force_login(staff_user)

    assert action.title not in client.get("/").text
    assert action.title not in client.get("/actions/").text
    listed = client.get("/actions/", {"withdrawn": "yes"}).text
    assert "Show only withdrawn actions" in listed
    assert f'href="/actions/{action.pk}/"' in listed


def test_a_reason_is_required_and_nothing_changes_without_one(client, leader, action):
    client.force_login(leader)

    response = client.post(url(action), {"reason": ""})

    assert response.status_code == 200
    assert "There is a problem" in response.text and "Enter the reason for withdrawing the action" in response.text
    action.refresh_from_db()
    assert action.archived_at is None
    assert not after_creation(action).exists()


def test_staff_cannot_withdraw_even_their_own_action(client, staff_user, action):
    client.force_login(staff_user)

    assert client.get(url(action)).status_code == 403
    assert client.post(url(action), {"reason": "Mine"}).status_code == 403
    assert ActionItem.objects.for_user(staff_user).filter(pk=action.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_authoritys_leader_gets_not_found(client, other_leader, action, method):
    client.force_login(other_leader)

    assert getattr(client, method)(url(action), {"reason": "Ours"}).status_code == 404
    action.refresh_from_db()
    assert action.archived_at is None


def test_a_signed_off_action_is_not_withdrawn(client, staff_user, leader, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Seen")
    client.force_login(leader)

    response = client.post(url(action), {"reason": "Tidying up"}, follow=True)

    assert "This action has been signed off, so it cannot be changed" in response.text
    action.refresh_from_db()
    assert action.archived_at is None


def test_an_action_already_withdrawn_is_sent_back_with_a_message(client, leader, action):
    archive_action(action=action, by=leader, note="Replaced")
    client.force_login(leader)

    response = client.post(url(action), {"reason": "Again"}, follow=True)

    assert response.redirect_chain == [(f"/actions/{action.pk}/", 302)]
    assert "This action has already been withdrawn" in response.text
    assert after_creation(action).count() == 1


def test_progress_cannot_be_posted_to_a_withdrawn_action(client, staff_user, leader, action):
    archive_action(action=action, by=leader, note="Replaced")
    client.force_login(staff_user)

    response = client.post(f"/actions/{action.pk}/", {"status": Status.IN_PROGRESS, "note": "Started"}, follow=True)

    assert "This action has been withdrawn" in response.text
    assert after_creation(action).count() == 1


@pytest.mark.parametrize("rows", [1, 40])
def test_the_page_reads_a_bounded_number_of_queries(client, leader, action, django_assert_max_num_queries, rows):
    for _ in range(rows):
        ProgressUpdateFactory(action=action)
    client.force_login(leader)

    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url(action)).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.post(url(action), {"reason": "Replaced"}).status_code == 302
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/actions/{action.pk}/").status_code == 200
