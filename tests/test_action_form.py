import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.models import ActionItem, ProgressUpdate, Status
from actions.services import record_progress
from tests.factories import ActionItemFactory, ImprovementAreaFactory, InspectionFactory, UserFactory, after_creation
from tests.html import breadcrumbs, error_summary, headings, labels, legends

MAX_QUERIES = 16
NEW = "/actions/new/"


def edit_url(action):
    return f"/actions/{action.pk}/edit/"


def form_data(area, owner, **overrides):
    data = {
        "improvement_area": area.pk,
        "title": "Audit return home interviews",
        "description": "Audit a sample of 50 interviews.",
        "owner": owner.pk,
        "due_date_0": "27",
        "due_date_1": "3",
        "due_date_2": "2027",
        "success_measure": "95% of children have a return home interview.",
    }
    data.update(overrides)
    return data


def edit_data(action, **overrides):
    data = form_data(action.improvement_area, action.owner, title=action.title, version=action.version)
    data.update(
        description=action.description,
        success_measure=action.success_measure,
        due_date_0=str(action.due_date.day),
        due_date_1=str(action.due_date.month),
        due_date_2=str(action.due_date.year),
    )
    data.update(overrides)
    return data


# New action


def test_staff_cannot_create_actions(client, staff_user, area):
    client.force_login(staff_user)

    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data(area, staff_user)).status_code == 403
    assert not ActionItem.objects.exists()


def test_the_new_action_page_asks_the_questions(client, leader, area):
    client.force_login(leader)

    response = client.get(NEW)
    html = response.content.decode()

    assert headings(response, 1) == ["New action"]
    assert labels(response) == [
        "Improvement area",
        "Title",
        "Description (optional)",
        "Owner",
        "Day",
        "Month",
        "Year",
        "How we will know (optional)",
    ]
    assert "Due date" in legends(response)
    assert "Save action" in html
    assert "For example, 27 3 2027" in html
    assert 'inputmode="numeric"' in html
    assert breadcrumbs(response) == [("Home", "/"), ("All actions", "/actions/"), ("New action", None)]


def select_options(html, name):
    """The <option>s of the select named `name`."""
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


def test_only_the_leaders_authoritys_areas_and_active_people_are_offered(
    client, leader, staff_user, area, other_leader, essex
):
    essex_area = ImprovementAreaFactory(inspection=InspectionFactory(local_authority=essex), short_title="Essex area")
    gone = UserFactory(local_authority=leader.local_authority, first_name="Gone", last_name="Away", is_active=False)
    client.force_login(leader)

    html = client.get(NEW).content.decode()

    areas, owners = select_options(html, "improvement_area"), select_options(html, "owner")
    assert "ILACS standard inspection, November 2018: 1. Return home interviews" in areas
    assert f'value="{essex_area.pk}"' not in areas and "Essex area" not in areas
    assert f'<option value="{staff_user.pk}">{staff_user}</option>' in owners
    assert f'value="{other_leader.pk}"' not in owners
    assert f'value="{gone.pk}"' not in owners


def test_an_area_in_the_address_is_chosen_already(client, leader, area):
    ImprovementAreaFactory(inspection=area.inspection, number=2)
    client.force_login(leader)

    html = client.get(f"{NEW}?area={area.pk}").content.decode()

    assert f'<option value="{area.pk}" selected>' in html


def test_a_due_date_in_the_address_is_proposed(client, leader, area):
    client.force_login(leader)

    html = client.get(f"{NEW}?due=2025-05-15").content.decode()

    assert 'name="due_date_0" value="15"' in html
    assert 'name="due_date_1" value="5"' in html
    assert 'name="due_date_2" value="2025"' in html


def test_a_malformed_due_date_in_the_address_is_ignored(client, leader, area):
    client.force_login(leader)

    response = client.get(f"{NEW}?due=15/05/2025")

    assert response.status_code == 200
    assert 'name="due_date_2" value=' not in response.content.decode()


def test_a_leader_creates_an_action(client, leader, staff_user, area):
    client.force_login(leader)

    response = client.post(NEW, form_data(area, staff_user))

    action = ActionItem.objects.get()
    assert response.status_code == 302 and response.url == f"/actions/{action.pk}/"
    assert (action.title, action.owner, action.created_by, action.due_date, action.status) == (
        "Audit return home interviews",
        staff_user,
        leader,
        datetime.date(2027, 3, 27),
        Status.NOT_STARTED,
    )
    assert action.success_measure == "95% of children have a return home interview."
    update = action.updates.get()
    assert update.status_before == "" and update.author == leader
    assert "Action created" in client.get(response.url).content.decode()


def test_empty_answers_get_govuk_messages_and_nothing_is_saved(client, leader, area):
    client.force_login(leader)

    response = client.post(NEW, {})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "<title>Error: New action" in html
    for message in ["Select an improvement area", "Enter a title", "Select an owner", "Enter a due date"]:
        assert message in html
    assert not ActionItem.objects.exists() and not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2027", "Due date must be a real date"),
        ("1", "13", "2027", "Due date must be a real date"),
        ("first", "3", "2027", "Due date must be a real date"),
        ("27", "", "2027", "Due date must include a month"),
        ("", "", "2027", "Due date must include a day and a month"),
        ("27", "3", "27", "Year must include 4 numbers"),
    ],
)
def test_a_due_date_that_is_not_a_real_date_is_refused(client, leader, staff_user, area, day, month, year, message):
    client.force_login(leader)

    html = client.post(NEW, form_data(area, staff_user, due_date_0=day, due_date_1=month, due_date_2=year))

    assert message in html.content.decode()
    assert not ActionItem.objects.exists()


def test_the_error_summary_links_to_the_box_that_is_wrong(client, leader, staff_user, area):
    client.force_login(leader)

    html = client.post(NEW, form_data(area, staff_user, due_date_1="")).content.decode()

    assert '<a href="#id_due_date_1">Due date must include a month</a>' in html
    # What the person typed is kept.
    assert 'name="due_date_0" value="27"' in html


def test_an_owner_from_another_authority_is_refused(client, leader, other_leader, area):
    client.force_login(leader)

    html = client.post(NEW, form_data(area, other_leader)).content.decode()

    assert "Select an owner from the list" in html
    assert not ActionItem.objects.exists()


def test_an_area_of_another_authority_is_refused(client, leader, staff_user, essex):
    essex_area = ImprovementAreaFactory(inspection=InspectionFactory(local_authority=essex))
    client.force_login(leader)

    html = client.post(NEW, form_data(essex_area, staff_user)).content.decode()

    assert "Select an improvement area from the list" in html
    assert not ActionItem.objects.exists()


def test_a_title_longer_than_200_characters_is_refused(client, leader, staff_user, area):
    client.force_login(leader)

    html = client.post(NEW, form_data(area, staff_user, title="x" * 201)).content.decode()

    assert "Title must be 200 characters or fewer" in html
    assert not ActionItem.objects.exists()


# Edit action


def test_staff_cannot_edit_actions_even_their_own(client, staff_user, action):
    client.force_login(staff_user)

    assert client.get(edit_url(action)).status_code == 403
    assert client.post(edit_url(action), edit_data(action, title="Mine now")).status_code == 403
    action.refresh_from_db()
    assert action.title == "Audit return home interviews"


def test_another_authoritys_leader_gets_not_found(client, other_leader, action):
    client.force_login(other_leader)

    assert client.get(edit_url(action)).status_code == 404
    assert client.post(edit_url(action), edit_data(action, title="Ours now")).status_code == 404


def test_the_edit_page_shows_the_current_values(client, leader, action):
    client.force_login(leader)

    response = client.get(edit_url(action))
    html = response.content.decode()

    assert headings(response, 1) == ["Edit action"]
    assert 'value="Audit return home interviews"' in html
    assert f'name="due_date_0" value="{action.due_date.day}"' in html
    assert f'<option value="{action.owner_id}" selected>' in html
    assert f'href="/actions/{action.pk}/"' in html


def test_a_leader_edits_the_title_and_only_it_is_written(client, leader, action):
    client.force_login(leader)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(edit_url(action), edit_data(action, title="Audit every interview"))

    assert response.status_code == 302 and response.url == f"/actions/{action.pk}/"
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "actions_actionitem"')]
    assert len(updates) == 1
    assert '"title"' in updates[0] and '"description"' not in updates[0] and '"owner_id"' not in updates[0]
    action.refresh_from_db()
    assert action.title == "Audit every interview"
    update = after_creation(action).get()
    assert update.status_before == update.status_after == Status.NOT_STARTED
    assert update.note == "Edited the title."
    assert "Action updated" in client.get(response.url).content.decode()


def test_reassigning_writes_one_history_row_and_tells_the_new_owner(
    client, leader, staff_user, other_staff_user, action
):
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Started")
    client.force_login(leader)

    client.post(edit_url(action), edit_data(action, owner=other_staff_user.pk))

    action.refresh_from_db()
    assert action.owner == other_staff_user
    update = action.updates.order_by("-created_at", "-pk").first()
    assert after_creation(action).count() == 2
    assert update.note == f"Reassigned from {staff_user} to {other_staff_user}."
    assert update.status_before == update.status_after == Status.IN_PROGRESS
    client.force_login(other_staff_user)
    assert "Recently assigned to you" in client.get("/").content.decode()


def test_moving_the_due_date_is_written_to_the_history_with_its_reason(client, leader, action):
    action.due_date = datetime.date(2030, 1, 31)
    action.save()
    client.force_login(leader)

    response = client.post(
        edit_url(action),
        edit_data(action, due_date_0="31", due_date_1="3", due_date_2="2030", due_date_reason="Waiting for the data"),
        follow=True,
    )

    assert after_creation(action).get().note == (
        "Due date changed from 31 January 2030 to 31 March 2030. Reason: Waiting for the data"
    )
    html = response.content.decode()
    assert "31 March 2030 (revised from 31 January 2030)" in html
    assert "Reason: Waiting for the data" in html


def test_moving_the_due_date_asks_for_the_reason(client, leader, action):
    client.force_login(leader)
    moved = action.due_date + datetime.timedelta(days=30)

    response = client.post(
        edit_url(action),
        edit_data(action, due_date_0=str(moved.day), due_date_1=str(moved.month), due_date_2=str(moved.year)),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_due_date_reason">Enter the reason for changing the due date</a>' in html
    action.refresh_from_db()
    assert action.due_date != moved and action.original_due_date is None
    assert not after_creation(action).exists()


def test_the_edit_page_asks_for_a_due_date_reason_and_the_new_page_does_not(client, leader, action):
    client.force_login(leader)

    assert "Reason for changing the due date" in client.get(edit_url(action)).content.decode()
    assert "Reason for changing the due date" not in client.get(NEW).content.decode()


def test_a_reason_is_not_needed_when_the_due_date_stays(client, leader, action):
    client.force_login(leader)

    response = client.post(edit_url(action), edit_data(action, title="Audit every interview"))

    assert response.status_code == 302
    assert after_creation(action).get().note == "Edited the title."


def test_a_new_action_due_in_the_past_is_refused(client, leader, staff_user, area):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(leader)

    response = client.post(
        NEW,
        form_data(
            area,
            staff_user,
            due_date_0=str(yesterday.day),
            due_date_1=str(yesterday.month),
            due_date_2=str(yesterday.year),
        ),
    )

    assert response.status_code == 200
    assert "Due date must be today or in the future" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_edit_may_keep_a_due_date_that_has_passed(client, leader, action):
    action.due_date = timezone.localdate() - datetime.timedelta(days=10)
    action.save()
    client.force_login(leader)

    response = client.post(edit_url(action), edit_data(action, title="Audit every interview"))

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Audit every interview"


def test_an_edit_cannot_move_the_due_date_into_the_past(client, leader, action):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(leader)

    html = client.post(
        edit_url(action),
        edit_data(
            action,
            due_date_0=str(yesterday.day),
            due_date_1=str(yesterday.month),
            due_date_2=str(yesterday.year),
            due_date_reason="Finished early",
        ),
    ).content.decode()

    assert "Due date must be today or in the future" in html
    assert not after_creation(action).exists()


def test_a_multi_line_description_sent_back_unchanged_is_not_recorded_as_edited(
    client, leader, other_staff_user, action
):
    action.description = "Audit a sample of 50 interviews.\nReport the findings to the board."
    action.save()
    client.force_login(leader)
    moved = action.due_date + datetime.timedelta(days=14)

    client.post(
        edit_url(action),
        edit_data(
            action,
            # As a browser sends a textarea: CR LF line endings.
            description="Audit a sample of 50 interviews.\r\nReport the findings to the board.",
            owner=other_staff_user.pk,
            due_date_0=str(moved.day),
            due_date_1=str(moved.month),
            due_date_2=str(moved.year),
            due_date_reason="The new owner starts next week",
        ),
    )

    note = after_creation(action).get().note
    assert note.startswith("Reassigned from ") and "Due date changed from " in note
    assert "description" not in note


def test_a_signed_off_action_cannot_be_edited(client, leader, staff_user, action):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    client.force_login(leader)

    page = client.get(edit_url(action), follow=True)
    posted = client.post(edit_url(action), edit_data(action, title="Rewritten after sign-off"), follow=True)

    for response in (page, posted):
        assert response.redirect_chain == [(f"/actions/{action.pk}/", 302)]
        assert "This action has been signed off, so it cannot be changed" in response.content.decode()
    action.refresh_from_db()
    assert (action.title, action.status) == ("Audit return home interviews", Status.SIGNED_OFF)
    assert after_creation(action).count() == 2


def test_an_edit_over_your_own_change_in_another_window_says_so(client, leader, action):
    client.force_login(leader)
    first_tab = edit_data(action, title="Audit every interview")
    second_tab = edit_data(action, title="Audit half the interviews")
    assert client.post(edit_url(action), first_tab).status_code == 302

    response = client.post(edit_url(action), second_tab)

    [error] = error_summary(response)
    assert error.startswith("You changed this action in another window at ")
    assert str(leader) not in error
    action.refresh_from_db()
    assert action.title == "Audit every interview"


def test_saving_without_changes_writes_nothing(client, leader, action):
    client.force_login(leader)
    version = action.version

    response = client.post(edit_url(action), edit_data(action), follow=True)

    assert "You did not change anything" in response.content.decode()
    assert not after_creation(action).exists()
    action.refresh_from_db()
    assert action.version == version


def test_invalid_edits_save_nothing(client, leader, action):
    client.force_login(leader)

    html = client.post(edit_url(action), edit_data(action, title="", due_date_0="31", due_date_1="2")).content.decode()

    assert "Enter a title" in html and "Due date must be a real date" in html
    action.refresh_from_db()
    assert action.title == "Audit return home interviews"
    assert not after_creation(action).exists()


def test_an_edit_over_someone_elses_change_is_refused(client, leader, staff_user, action):
    seen = edit_data(action, title="Audit every interview")
    record_progress(action=action, author=staff_user, status=Status.BLOCKED, note="No access to the files")
    client.force_login(leader)

    response = client.post(edit_url(action), seen)

    html = response.content.decode()
    assert response.status_code == 200
    assert "after you opened it" in html
    assert "The action as it is now saved" in html and "Blocked" in html
    action.refresh_from_db()
    assert action.title == "Audit return home interviews"
    assert after_creation(action).count() == 1
    # The form now carries the current version, so saving again is a choice made knowing the change.
    assert f'name="version" value="{action.version}"' in html


def test_a_current_owner_who_has_left_can_be_kept(client, leader, action):
    action.owner.is_active = False
    action.owner.save()
    client.force_login(leader)

    response = client.post(edit_url(action), edit_data(action, title="Audit every interview"))

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Audit every interview"


@pytest.mark.parametrize("count", [1, 30])
def test_the_pages_read_a_bounded_number_of_queries(
    client, leader, bromley, action, django_assert_max_num_queries, count
):
    for _ in range(count):
        ImprovementAreaFactory(inspection=InspectionFactory(local_authority=bromley))
        UserFactory(local_authority=bromley)
        ActionItemFactory(improvement_area=action.improvement_area)
    client.force_login(leader)

    for path in [NEW, edit_url(action)]:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(path).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.post(edit_url(action), edit_data(action, owner=leader.pk)).status_code == 302
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.post(NEW, form_data(action.improvement_area, leader)).status_code == 302
