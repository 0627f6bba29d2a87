import datetime

import pytest
from django.utils import timezone

from actions.models import Status
from actions.services import create_action, record_progress, update_action
from tests.factories import ActionItemFactory, ImprovementAreaFactory, InspectionFactory, UserFactory
from tests.html import links, region, table_by_caption, table_records

MAX_QUERIES = 8
# What needs a leader: one grouped count and a query for each of its three lists.
LEADER_QUERIES = 4


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def assign(area, *, owner, by, days_ago=0, title="Audit return home interviews"):
    """An action created by `by` for `owner`, as the New action page does, `days_ago` days ago."""
    return create_action(
        improvement_area=area,
        owner=owner,
        created_by=by,
        title=title,
        due_date=days_from_today(60),
        at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_it_lists_my_actions_overdue_first_then_by_due_date(client, staff_user, area):
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Due later", due_date=days_from_today(40))
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Due sooner", due_date=days_from_today(5))
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Late", due_date=days_from_today(-3))
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert html.index("Late") < html.index("Due sooner") < html.index("Due later")


def test_a_row_shows_rag_title_due_date_status_area_and_inspection(client, staff_user, area, inspection):
    action = ActionItemFactory(
        improvement_area=area,
        owner=staff_user,
        title="Audit return home interviews",
        status=Status.BLOCKED,
        due_date=datetime.date(2026, 1, 14),
    )
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert f'href="/actions/{action.pk}/">Audit return home interviews</a>' in html
    assert "Red" in html
    assert "Blocked" in html
    assert f'href="/areas/{area.pk}/">1. Return home interviews</a>' in html
    assert f'href="/inspections/{inspection.pk}/">ILACS standard inspection, November 2018</a>' in html


def test_an_overdue_action_says_overdue_in_words(client, staff_user, area):
    ActionItemFactory(improvement_area=area, owner=staff_user, due_date=datetime.date(2020, 9, 14))
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert "14 September 2020" in html
    assert ">Overdue</strong>" in html


def test_an_action_due_later_is_not_marked_overdue(client, staff_user, area):
    ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days_from_today(30))
    client.force_login(staff_user)

    assert ">Overdue</strong>" not in client.get("/").content.decode()


def test_other_peoples_actions_are_not_listed(client, staff_user, other_staff_user, area):
    ActionItemFactory(improvement_area=area, owner=other_staff_user, title="Someone else's action")
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert "Someone else's action" not in html
    assert "You do not own any actions. Actions are assigned to you by a leader." in html


def test_the_empty_state_says_what_to_do(client, staff_user):
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert "You do not own any actions. Actions are assigned to you by a leader." in html
    assert 'href="/actions/">All actions</a> for your council\'s actions' in html


def test_signed_off_actions_are_left_out_and_counted(client, staff_user, area):
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Open work")
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Finished work", status=Status.SIGNED_OFF)
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert "Open work" in html
    assert "Finished work" not in html
    assert "See the signed-off action you own in All actions" in html


def test_several_signed_off_actions_are_counted(client, staff_user, area):
    ActionItemFactory.create_batch(2, improvement_area=area, owner=staff_user, status=Status.SIGNED_OFF)
    client.force_login(staff_user)
    assert "See the 2 signed-off actions you own in All actions" in client.get("/").content.decode()


def test_it_shows_fifty_actions_a_page(client, staff_user, area):
    for days in range(51):
        ActionItemFactory(
            improvement_area=area,
            owner=staff_user,
            title=f"Action due in {days + 10} days",
            due_date=days_from_today(days + 10),
        )
    client.force_login(staff_user)

    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()

    assert "Action due in 59 days" in first and "Action due in 60 days" not in first
    assert "Action due in 60 days" in second
    assert 'rel="next"' in first


def test_an_action_a_leader_assigned_this_week_is_recently_assigned(client, staff_user, leader, area):
    action = assign(area, owner=staff_user, by=leader, days_ago=2)
    client.force_login(staff_user)

    response = client.get("/")

    assert links(region(response, "Recently assigned to you")) == [(action.title, f"/actions/{action.pk}/")]


def test_an_assignment_is_no_longer_new_once_the_owner_updates_it(client, staff_user, leader, area):
    action = assign(area, owner=staff_user, by=leader, days_ago=2)
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Started")
    client.force_login(staff_user)

    assert "Recently assigned to you" not in client.get("/").content.decode()


def test_a_progress_note_that_begins_like_a_reassignment_is_not_an_assignment(client, staff_user, leader, area):
    action = assign(area, owner=staff_user, by=leader, days_ago=30)
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Started")
    record_progress(
        action=action, author=leader, status=Status.IN_PROGRESS, note="Reassigned from the old team, as agreed."
    )
    client.force_login(staff_user)

    assert "Recently assigned to you" not in client.get("/").content.decode()


def test_an_assignment_older_than_fourteen_days_is_not_new(client, staff_user, leader, area):
    assign(area, owner=staff_user, by=leader, days_ago=15)
    client.force_login(staff_user)

    assert "Recently assigned to you" not in client.get("/").content.decode()


def test_an_action_i_created_for_myself_is_not_news_to_me(client, leader, area):
    assign(area, owner=leader, by=leader, days_ago=1)
    client.force_login(leader)

    assert "Recently assigned to you" not in client.get("/").content.decode()


def test_a_reassignment_tells_the_new_owner_and_not_the_old_one(client, staff_user, other_staff_user, leader, area):
    action = assign(area, owner=staff_user, by=leader, days_ago=30)
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Started")
    update_action(
        action=action,
        author=leader,
        improvement_area=area,
        title=action.title,
        description=action.description,
        owner=other_staff_user,
        due_date=action.due_date,
        success_measure=action.success_measure,
    )

    client.force_login(other_staff_user)
    assert "Recently assigned to you" in client.get("/").content.decode()
    client.force_login(staff_user)
    assert "Recently assigned to you" not in client.get("/").content.decode()


def test_a_note_from_someone_else_that_is_not_an_assignment_is_not_listed(client, staff_user, leader, area):
    action = assign(area, owner=staff_user, by=leader, days_ago=30)
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Started")
    record_progress(action=action, author=leader, status=Status.IN_PROGRESS, note="Please hurry")
    client.force_login(staff_user)

    assert "Recently assigned to you" not in client.get("/").content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_the_page_reads_a_bounded_number_of_queries(
    client, staff_user, leader, bromley, django_assert_max_num_queries, count
):
    for n in range(count):
        # Each on its own inspection and area, recently assigned, some overdue, some signed off.
        area = ImprovementAreaFactory(inspection=InspectionFactory(local_authority=bromley))
        action = assign(area, owner=staff_user, by=leader, days_ago=1, title=f"Action {n}")
        if n % 3 == 1:
            ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days_from_today(-n))
        if n % 3 == 2:
            record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
            record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Seen")
    UserFactory(local_authority=bromley)
    client.force_login(staff_user)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/")

    assert response.status_code == 200
    assert "Action 0" in response.content.decode()


@pytest.fixture
def waiting_for_leaders(area, staff_user, leader):
    """Two actions completed by their owner (the older first), one overdue, one blocked and one on track."""
    first = assign(area, owner=staff_user, by=leader, title="Write the policy")
    record_progress(
        action=first,
        author=staff_user,
        status=Status.COMPLETED,
        note="Published",
        at=timezone.now() - datetime.timedelta(days=3),
    )
    second = assign(area, owner=staff_user, by=leader, title="Train managers")
    record_progress(action=second, author=staff_user, status=Status.COMPLETED, note="All trained")
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Late audit", due_date=days_from_today(-4))
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Recruit workers", status=Status.BLOCKED)
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Annual survey", due_date=days_from_today(90))


def test_a_leaders_home_starts_with_what_waits_for_sign_off(client, leader, waiting_for_leaders):
    client.force_login(leader)

    response = client.get("/")
    html = response.content.decode()

    assert "Awaiting your sign-off (2)" in html
    rows = table_records(table_by_caption(response, "Completed actions waiting for a leader to sign them off"))
    assert [row["Action"] for row in rows] == ["Write the policy", "Train managers"]
    assert rows[0]["Completed on"] == days_from_today(-3).strftime("%-d %B %Y")
    assert html.index("Awaiting your sign-off") < html.index("Actions you own")


def test_the_sign_off_queue_links_to_all_completed_actions(client, leader, waiting_for_leaders):
    client.force_login(leader)

    response = client.get("/")

    assert ("View all 2 completed actions", "/actions/?status=completed") in links(response)


def test_a_leaders_home_lists_their_authoritys_overdue_and_blocked_actions(client, leader, waiting_for_leaders):
    client.force_login(leader)

    response = client.get("/")
    html = response.content.decode()

    assert "Overdue (1)" in html and "Blocked (1)" in html
    overdue = table_records(table_by_caption(response, "Overdue actions"))
    assert [(row["Action"], row["RAG"]) for row in overdue] == [("Late audit", "Red")]
    blocked = table_records(table_by_caption(response, "Blocked actions"))
    assert [row["Action"] for row in blocked] == ["Recruit workers"]
    assert ("View the overdue action", "/actions/?overdue=yes") in links(response)
    assert ("View the blocked action", "/actions/?status=blocked") in links(response)
    assert "Annual survey" not in html


def test_a_leader_who_owns_nothing_still_sees_what_needs_them(client, leader, waiting_for_leaders):
    client.force_login(leader)

    html = client.get("/").content.decode()

    assert "Actions you own" in html
    assert "You do not own any actions." in html
    assert "Awaiting your sign-off (2)" in html


def test_a_leader_with_nothing_waiting_is_told_so(client, leader):
    client.force_login(leader)

    html = client.get("/").content.decode()

    assert "Awaiting your sign-off (0)" in html
    assert "No completed actions are waiting for sign-off." in html
    assert "No actions are overdue." in html
    assert "No actions are blocked." in html


def test_each_list_shows_five_and_counts_them_all(client, leader, area, staff_user):
    for n in range(7):
        ActionItemFactory(improvement_area=area, owner=staff_user, title=f"Late {n}", due_date=days_from_today(-9 + n))
    client.force_login(leader)

    response = client.get("/")

    overdue = table_records(table_by_caption(response, "Overdue actions"))
    assert [row["Action"] for row in overdue] == [f"Late {n}" for n in range(5)]
    assert "View all 7 overdue actions" in response.content.decode()


def test_an_administrator_sees_what_needs_a_leader(client, administrator, waiting_for_leaders):
    client.force_login(administrator)

    assert "Awaiting your sign-off (2)" in client.get("/").content.decode()


def test_staff_keep_their_own_actions_only(client, staff_user, waiting_for_leaders):
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert "Awaiting your sign-off" not in html
    assert "Actions you own" not in html
    assert "You own 5 actions to work on." in html


def test_another_authoritys_actions_never_wait_for_this_leader(client, other_leader, waiting_for_leaders):
    client.force_login(other_leader)

    html = client.get("/").content.decode()

    assert "Awaiting your sign-off (0)" in html
    assert "Write the policy" not in html and "Late audit" not in html


def test_the_lists_of_what_needs_a_leader_are_on_the_first_page_only(client, leader, area, waiting_for_leaders):
    for n in range(51):
        ActionItemFactory(improvement_area=area, owner=leader, title=f"Mine {n}", due_date=days_from_today(n + 20))
    client.force_login(leader)

    assert "Awaiting your sign-off" in client.get("/").content.decode()
    assert "Awaiting your sign-off" not in client.get("/?page=2").content.decode()


def test_the_ratings_are_explained(client, staff_user, action):
    client.force_login(staff_user)

    html = client.get("/").content.decode()

    assert "What the ratings mean" in html
    assert "Completed and waiting for a leader to sign it off" in html


@pytest.mark.parametrize("count", [1, 30])
def test_a_leaders_home_reads_a_bounded_number_of_queries(
    client, leader, staff_user, bromley, django_assert_max_num_queries, count
):
    for n in range(count):
        area = ImprovementAreaFactory(inspection=InspectionFactory(local_authority=bromley))
        ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.BLOCKED, due_date=days_from_today(-n))
        ActionItemFactory(improvement_area=area, owner=leader, due_date=days_from_today(n))
        action = assign(area, owner=staff_user, by=leader, title=f"Done {n}")
        record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    client.force_login(leader)

    with django_assert_max_num_queries(MAX_QUERIES + LEADER_QUERIES):
        response = client.get("/")

    assert f"Awaiting your sign-off ({count})" in response.content.decode()
