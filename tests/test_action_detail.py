import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from actions.models import Status
from actions.services import create_action, import_action, record_progress, reopen_action
from tests.factories import ActionItemFactory, ProgressUpdateFactory, after_creation
from tests.html import headings, labels, legends, links, page_text, summary_list

MAX_QUERIES = 12


def url(action):
    return f"/actions/{action.pk}/"


def post_update(client, action, follow=False, **data):
    data.setdefault("version", action.version)
    return client.post(url(action), data, follow=follow)


@pytest.fixture
def created_action(area, staff_user, leader):
    """An action made as the New action page makes it, with its first history row."""
    return create_action(
        improvement_area=area,
        owner=staff_user,
        created_by=leader,
        title="Audit return home interviews",
        description="Audit a sample of 50 interviews.",
        success_measure="95% of children have a return home interview.",
        due_date=datetime.date(2027, 3, 27),
    )


def test_the_page_shows_the_actions_details(client, staff_user, created_action, area, inspection):
    client.force_login(staff_user)

    response = client.get(url(created_action))

    assert headings(response, 1) == ["Audit return home interviews"]
    details = summary_list(response)
    assert details["Status"] == "Not started"
    assert details["Owner"] == str(staff_user)
    assert details["Due date"] == "27 March 2027"
    assert details["How we will know"] == "95% of children have a return home interview."
    assert details["Description"] == "Audit a sample of 50 interviews."
    assert details["Improvement area"] == "1. Return home interviews"
    assert details["Inspection"] == "ILACS standard inspection, November 2018"
    assert details["Completion date"] == "Not completed yet"
    assert re.fullmatch(r"By .+ on \d{1,2} \w+ \d{4}", details["Created"])
    assert ("1. Return home interviews", f"/areas/{area.pk}/") in links(response)
    assert ("ILACS standard inspection, November 2018", f"/inspections/{inspection.pk}/") in links(response)


def test_the_history_starts_with_action_created_and_reads_newest_first(client, staff_user, created_action):
    record_progress(action=created_action, author=staff_user, status=Status.IN_PROGRESS, note="Started the audit")
    client.force_login(staff_user)

    html = client.get(url(created_action)).content.decode()

    history = html[html.index('id="history"') :]
    assert history.index("Started the audit") < history.index("Action created")
    assert "Not started" in history and "In progress" in history
    assert escape(f"Action created and assigned to {staff_user}.") in history


def test_an_imported_actions_history_says_where_it_came_from(client, staff_user, leader, area):
    action = import_action(
        improvement_area=area,
        owner=staff_user,
        imported_by=leader,
        source_name="bromley-plan.xlsx",
        title="Audit interviews",
        due_date=datetime.date(2027, 3, 31),
        status=Status.BLOCKED,
        status_word="Red",
        progress_note="Waiting for the analyst",
    )
    client.force_login(staff_user)

    text = page_text(client.get(url(action)))

    assert "Imported as Blocked" in text
    assert f"Imported from bromley-plan.xlsx by {leader} on " in text
    assert "Status in the plan: Red. Waiting for the analyst" in text


def test_the_owner_sees_the_update_progress_form_with_the_stable_words(client, staff_user, action):
    client.force_login(staff_user)

    response = client.get(url(action))
    html = response.content.decode()

    assert "Update progress" in headings(response, 2)
    assert "Status" in legends(response)
    assert labels(response) == [
        "Not started",
        "In progress",
        "Blocked",
        "Completed",
        "Progress note",
        "Internal note: for the improvement board only",
    ]
    assert "Save update" in html
    assert 'value="signed_off"' not in html


def test_the_form_offers_four_statuses_and_not_signed_off(client, staff_user, action):
    client.force_login(staff_user)

    html = client.get(url(action)).content.decode()

    values = re.findall(r'name="status"[^>]*value="(\w+)"', html)
    assert values == ["not_started", "in_progress", "blocked", "completed"]


def test_the_owner_records_progress_and_sees_it(client, staff_user, action):
    client.force_login(staff_user)

    response = post_update(client, action, status=Status.IN_PROGRESS, note="Booked the audit team")

    assert response.status_code == 302 and response.url == url(action)
    html = client.get(response.url).content.decode()
    assert "Progress update saved" in html
    assert "Booked the audit team" in html
    update = after_creation(action).get()
    assert (update.author, update.status_before, update.status_after) == (
        staff_user,
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
    )
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS


def test_a_note_alone_keeps_the_status_and_writes_one_row(client, staff_user, action):
    client.force_login(staff_user)

    post_update(client, action, status=Status.NOT_STARTED, note="Waiting for the data")

    update = after_creation(action).get()
    assert update.status_before == update.status_after == Status.NOT_STARTED


def test_blocking_needs_a_note_and_nothing_is_saved_without_one(client, staff_user, action):
    client.force_login(staff_user)

    response = post_update(client, action, status=Status.BLOCKED, note="  ")

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a progress note to say why the action is blocked" in html
    assert "<title>Error: " in html
    assert not after_creation(action).exists()
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_completing_needs_a_note(client, staff_user, action):
    client.force_login(staff_user)

    html = post_update(client, action, status=Status.COMPLETED, note="").content.decode()

    assert "Enter a progress note to say what was completed" in html
    assert not after_creation(action).exists()


def test_saving_without_a_change_or_a_note_is_refused(client, staff_user, action):
    client.force_login(staff_user)

    html = post_update(client, action, status=Status.NOT_STARTED, note="").content.decode()

    assert "Enter a progress note, or select a different status" in html
    assert not after_creation(action).exists()


def test_a_status_is_required(client, staff_user, action):
    client.force_login(staff_user)

    html = post_update(client, action, note="Something").content.decode()

    assert "Select a status" in html
    assert not after_creation(action).exists()


def test_signed_off_cannot_be_chosen_on_this_form(client, leader, staff_user, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="All interviews audited")
    client.force_login(leader)

    html = post_update(client, action, status=Status.SIGNED_OFF, note="Signed").content.decode()

    assert "Select a status" in html
    action.refresh_from_db()
    assert action.status == Status.COMPLETED


def test_a_save_over_someone_elses_change_is_refused(client, staff_user, leader, action):
    seen_version = action.version
    record_progress(action=action, author=leader, status=Status.BLOCKED, note="Waiting for the budget")
    client.force_login(staff_user)

    response = post_update(client, action, status=Status.IN_PROGRESS, note="Started", version=seen_version)

    html = response.content.decode()
    assert response.status_code == 200
    assert "after you opened it" in html
    assert "Waiting for the budget" in html
    assert after_creation(action).count() == 1
    action.refresh_from_db()
    assert action.status == Status.BLOCKED
    # Saving again, now knowing about the change, goes through.
    assert f'name="version" value="{action.version}"' in html
    assert post_update(client, action, status=Status.IN_PROGRESS, note="Started").status_code == 302


def test_other_staff_see_the_action_without_the_form(client, other_staff_user, action):
    client.force_login(other_staff_user)

    html = client.get(url(action)).content.decode()

    assert "Audit return home interviews" in html
    assert "Update progress" not in html
    assert "Save update" not in html


def test_other_staff_cannot_post_an_update(client, other_staff_user, action):
    client.force_login(other_staff_user)

    response = post_update(client, action, status=Status.IN_PROGRESS, note="Not mine")

    assert response.status_code == 403
    assert not after_creation(action).exists()


def test_a_leader_updates_any_action_of_their_authority(client, leader, action):
    client.force_login(leader)
    assert "Update progress" in client.get(url(action)).content.decode()

    response = post_update(client, action, status=Status.BLOCKED, note="Waiting for the case system")

    assert response.status_code == 302
    assert after_creation(action).get().author == leader


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_authoritys_leader_gets_not_found(client, other_leader, action, method):
    client.force_login(other_leader)

    response = getattr(client, method)(url(action), {"status": Status.IN_PROGRESS, "note": "x"})

    assert response.status_code == 404
    assert not after_creation(action).exists()


def test_leaders_see_sign_off_on_a_completed_action(client, staff_user, leader, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="All interviews audited")
    client.force_login(leader)

    html = client.get(url(action)).content.decode()

    assert f'href="/actions/{action.pk}/sign-off/"' in html
    assert ">Sign off</a>" in html


def test_the_owner_does_not_see_sign_off(client, staff_user, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="All interviews audited")
    client.force_login(staff_user)

    html = client.get(url(action)).content.decode()

    assert "/sign-off/" not in html
    assert "Update progress" in html


def test_leaders_do_not_see_sign_off_before_completion(client, leader, action):
    client.force_login(leader)

    assert "/sign-off/" not in client.get(url(action)).content.decode()


def test_a_signed_off_action_shows_when_and_has_no_form(client, staff_user, leader, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    client.force_login(leader)

    html = client.get(url(action)).content.decode()

    assert f"This action was signed off on {timezone.localdate().day} " in html
    assert "Update progress" not in html
    assert "/sign-off/" not in html


@pytest.mark.parametrize("user_fixture", ["staff_user", "leader"])
def test_a_signed_off_action_cannot_be_updated_and_says_why(client, request, staff_user, leader, action, user_fixture):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    client.force_login(request.getfixturevalue(user_fixture))

    response = post_update(client, action, status=Status.IN_PROGRESS, note="Reopen", follow=True)

    assert response.redirect_chain == [(url(action), 302)]
    assert "This action has been signed off, so it cannot be changed" in response.content.decode()
    assert after_creation(action).count() == 2
    action.refresh_from_db()
    assert action.status == Status.SIGNED_OFF


def test_a_leader_is_offered_reopen_not_edit_on_a_signed_off_action(client, staff_user, leader, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    client.force_login(leader)

    html = client.get(url(action)).content.decode()

    assert "It can no longer be changed; a leader can reopen it if more work is needed." in html
    assert f'href="/actions/{action.pk}/reopen/"' in html and ">Reopen</a>" in html
    assert "Edit action" not in html and f'href="/actions/{action.pk}/edit/"' not in html
    assert "Withdraw this action" not in html


def test_the_owner_is_not_offered_reopen(client, staff_user, leader, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    client.force_login(staff_user)

    assert "/reopen/" not in client.get(url(action)).content.decode()


def test_leaders_are_offered_withdraw_and_staff_are_not(client, staff_user, leader, action):
    client.force_login(leader)
    assert re.search(
        rf'href="/actions/{action.pk}/withdraw/"[^>]*>Withdraw this action</a>', client.get(url(action)).text
    )

    client.force_login(staff_user)
    assert "Withdraw this action" not in client.get(url(action)).text


def test_a_revised_due_date_is_shown_with_its_original(client, staff_user, action):
    action.original_due_date, action.due_date = datetime.date(2027, 1, 31), datetime.date(2027, 3, 31)
    action.save()
    client.force_login(staff_user)

    assert "31 March 2027 (revised from 31 January 2027)" in client.get(url(action)).text


def test_a_due_date_never_moved_is_shown_alone(client, staff_user, created_action):
    client.force_login(staff_user)

    assert "revised from" not in client.get(url(created_action)).text


def test_the_history_names_a_reopening_and_its_reason(client, staff_user, leader, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    reopen_action(action=action, by=leader, reason="Two teams were missed")
    client.force_login(staff_user)

    history = client.get(url(action)).text
    history = history[history.index('id="history"') :]

    assert "Reopened, back to In progress" in history
    assert "Reason: Two teams were missed" in history
    assert history.index("Reopened") < history.index("Evidence seen")


def test_a_save_over_your_own_change_in_another_window_says_so(client, staff_user, action):
    seen_version = action.version
    record_progress(action=action, author=staff_user, status=Status.BLOCKED, note="Waiting for the budget")
    client.force_login(staff_user)

    response = post_update(client, action, status=Status.IN_PROGRESS, note="Started", version=seen_version)

    assert "You changed this action in another window at " in response.text
    assert f"{staff_user} changed this action" not in response.text


@pytest.mark.parametrize("rows", [1, 40])
def test_the_page_reads_a_bounded_number_of_queries(
    client, staff_user, leader, action, django_assert_max_num_queries, rows
):
    for n in range(rows):
        ProgressUpdateFactory(action=action, author=leader if n % 2 else staff_user, note=f"Note {n}")
    client.force_login(staff_user)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url(action))

    assert response.status_code == 200
    assert after_creation(action).count() == rows


def test_a_post_reads_a_bounded_number_of_queries(client, staff_user, action, django_assert_max_num_queries):
    ActionItemFactory.create_batch(3, improvement_area=action.improvement_area, owner=staff_user)
    client.force_login(staff_user)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = post_update(client, action, status=Status.IN_PROGRESS, note="Started")

    assert response.status_code == 302


def test_a_missing_status_links_from_the_error_summary_to_the_first_radio(client, staff_user, action):
    client.force_login(staff_user)
    html = client.post(f"/actions/{action.pk}/", {"note": "x", "version": action.version}).content.decode()
    assert '<a href="#id_status_1">Select a status</a>' in html
    assert 'id="id_status_1"' in html


def test_a_completed_action_says_it_waits_for_a_leader_beside_its_amber_rating(client, staff_user, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="All interviews audited")
    client.force_login(staff_user)

    text = page_text(client.get(url(action)))

    assert "RAG rating: Amber Completed: waiting for a leader to sign it off" in text


def test_an_overdue_action_says_since_when(client, staff_user, area):
    action = ActionItemFactory(
        improvement_area=area, owner=staff_user, status=Status.IN_PROGRESS, due_date=datetime.date(2020, 11, 26)
    )
    client.force_login(staff_user)

    assert "RAG rating: Red Overdue since 26 November 2020" in page_text(client.get(url(action)))


def test_a_signed_off_action_says_when_it_was_signed_off(client, staff_user, leader, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(
        action=action,
        author=leader,
        status=Status.SIGNED_OFF,
        note="Evidence seen",
        at=timezone.make_aware(datetime.datetime(2025, 3, 4, 10)),
    )
    client.force_login(staff_user)

    text = page_text(client.get(url(action)))
    # The date once, in the sign-off box, not again beside the rating.
    assert "RAG rating: Complete This action was signed off on 4 March 2025 by " in text
