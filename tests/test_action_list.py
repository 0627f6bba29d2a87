import datetime
import re

import pytest
from django.utils import timezone

from actions.models import Status
from actions.services import update_action
from tests.factories import ActionItemFactory, ImprovementAreaFactory, InspectionFactory, UserFactory
from tests.html import document, headings, links, main_text, page_text, sorted_by, table_by_caption, table_records

URL = "/actions/"
MAX_QUERIES = 10


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def action_ids(response):
    """The actions listed, in order, as their links' ids."""
    return [int(pk) for pk in re.findall(r'href="/actions/(\d+)/"', response.content.decode())]


def table_body(response):
    html = response.content.decode()
    return html[html.index("<tbody") : html.index("</tbody>")]


def many_actions(area, owner, count):
    return [ActionItemFactory(improvement_area=area, owner=owner, due_date=days(i + 1)) for i in range(count)]


@pytest.mark.parametrize("user_fixture", ["staff_user", "leader"])
def test_staff_and_leaders_see_their_authoritys_actions(client, request, action, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(URL)
    rows = table_body(response)
    assert response.status_code == 200
    assert headings(response, 1) == ["All actions"]
    assert "Showing 1 to 1 of 1 action" in response.content.decode()
    [row] = table_records(table_by_caption(response, "Actions, sorted by"))
    assert row["Action"] == "Audit return home interviews"
    assert row["Improvement area"] == "1. Return home interviews"
    assert row["Owner"] == action.owner.get_full_name()
    assert f'href="/actions/{action.pk}/"' in rows


def test_a_user_without_a_role_is_refused(client, bromley, action):
    client.force_login(UserFactory(local_authority=bromley))
    assert client.get(URL).status_code == 403


def test_a_user_of_another_authority_sees_none_of_these_actions(client, action, other_leader):
    client.force_login(other_leader)
    html = client.get(URL).content.decode()
    assert "Audit return home interviews" not in html
    assert "There are no actions yet" in html


def test_each_row_shows_rag_due_date_overdue_and_status(client, leader, area, staff_user):
    ActionItemFactory(improvement_area=area, owner=staff_user, due_date=datetime.date(2021, 9, 14))
    client.force_login(leader)
    [row] = table_records(table_by_caption(client.get(URL), "Actions, sorted by"))
    assert row["RAG"] == "Red"
    assert row["Due date"] == "14 September 2021 Overdue"
    assert row["Status"] == "Not started"


def test_a_revised_due_date_shows_the_date_it_was_first_due(client, leader, area, staff_user):
    action = ActionItemFactory(improvement_area=area, owner=staff_user, due_date=datetime.date(2030, 1, 31))
    update_action(
        action=action,
        author=leader,
        improvement_area=area,
        title=action.title,
        description=action.description,
        owner=staff_user,
        due_date=datetime.date(2030, 3, 31),
        success_measure=action.success_measure,
        due_date_reason="Training moved",
    )
    client.force_login(leader)
    [row] = table_records(table_by_caption(client.get(URL), "Actions, sorted by"))
    assert row["Due date"] == "31 March 2030 (revised from 31 January 2030)"


def test_filters_narrow_the_list(client, leader, area, staff_user, other_staff_user):
    mine = ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.BLOCKED)
    ActionItemFactory(improvement_area=area, owner=other_staff_user, status=Status.IN_PROGRESS)
    client.force_login(leader)
    response = client.get(URL, {"status": "blocked", "owner": staff_user.pk})
    assert action_ids(response) == [mine.pk]
    assert "Showing 1 to 1 of 1 action" in response.content.decode()


def test_the_filter_form_keeps_what_was_chosen(client, leader, action):
    client.force_login(leader)
    html = client.get(URL, {"q": "audit", "overdue": "yes"}).content.decode()
    assert 'value="audit"' in html
    assert re.search(r'name="overdue" value="yes"[^>]*checked', html)
    assert "Apply filters" in html and "Clear filters" in html


def test_the_due_date_filters_are_hinted_as_the_due_date_field_is(client, leader, action):
    client.force_login(leader)
    filters = document(client.get(URL))
    hints = [filters.find(id="id_due_from_hint").text, filters.find(id="id_due_to_hint").text]
    form_hint = document(client.get("/actions/new/")).find(id="id_due_date_hint").text
    assert hints == [form_hint, form_hint] == ["For example, 27 3 2027", "For example, 27 3 2027"]


def test_an_invalid_filter_shows_a_govuk_error_and_no_actions(client, leader, action):
    client.force_login(leader)
    response = client.get(URL, {"due_from": "31/02/2021"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The from date must be a real date, for example 27 3 2027" in html
    assert "<title>Error: All actions" in html
    assert action_ids(response) == []
    assert "No actions are shown until the filters are corrected." in html
    assert "Download CSV" not in html


def test_no_matches_says_so_with_a_link_to_clear_the_filters(client, leader, action):
    client.force_login(leader)
    response = client.get(URL, {"q": "nothing like this"})
    assert "No actions match these filters." in main_text(response)
    assert ("Clear filters", "/actions/") in links(response)


def test_default_sort_is_due_date_with_aria_sort(client, leader, area, staff_user):
    later = ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(20))
    sooner = ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(10))
    client.force_login(leader)
    response = client.get(URL)
    assert action_ids(response) == [sooner.pk, later.pk]
    # Sorted by due date, earliest first; its header's link turns the order round.
    assert sorted_by(table_by_caption(response, "Actions, sorted by")) == ("Due date", "ascending", "?sort=-due_date")


def test_sorting_by_due_date_descending(client, leader, area, staff_user):
    later = ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(20))
    sooner = ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(10))
    client.force_login(leader)
    response = client.get(URL, {"sort": "-due_date"})
    assert action_ids(response) == [later.pk, sooner.pk]
    assert 'aria-sort="descending"' in response.content.decode()


def test_sorting_by_owner_keeps_the_filters_in_the_header_links(client, leader, area, bromley):
    zed = ActionItemFactory(improvement_area=area, owner=UserFactory(last_name="Zephaniah", local_authority=bromley))
    abe = ActionItemFactory(improvement_area=area, owner=UserFactory(last_name="Abbott", local_authority=bromley))
    client.force_login(leader)
    response = client.get(URL, {"sort": "owner", "status": "not_started"})
    html = response.content.decode()
    assert action_ids(response) == [abe.pk, zed.pk]
    assert 'href="?status=not_started&amp;sort=-owner">Owner</a>' in html
    assert 'href="?status=not_started&amp;sort=status">Status</a>' in html


def test_sorting_by_status(client, leader, area, staff_user):
    blocked = ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.BLOCKED, due_date=days(1))
    started = ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.IN_PROGRESS, due_date=days(2))
    client.force_login(leader)
    assert action_ids(client.get(URL, {"sort": "status"})) == [started.pk, blocked.pk]


def test_an_unknown_sort_falls_back_to_due_date(client, leader, area, staff_user):
    later = ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(20))
    sooner = ActionItemFactory(improvement_area=area, owner=staff_user, due_date=days(10))
    client.force_login(leader)
    response = client.get(URL, {"sort": "password"})
    assert response.status_code == 200
    assert action_ids(response) == [sooner.pk, later.pk]


def test_fifty_actions_a_page_with_links_that_keep_filters_and_sort(client, leader, area, staff_user):
    actions = many_actions(area, staff_user, 60)
    client.force_login(leader)
    first = client.get(URL, {"status": "not_started", "sort": "-due_date"})
    html = first.content.decode()
    assert action_ids(first) == [a.pk for a in reversed(actions)][:50]
    assert "Showing 1 to 50 of 60 actions" in html
    assert 'href="?status=not_started&amp;sort=-due_date&amp;page=2"' in html
    second = client.get(URL, {"status": "not_started", "sort": "-due_date", "page": 2})
    assert action_ids(second) == [a.pk for a in reversed(actions)][50:]
    assert "Showing 51 to 60 of 60 actions" in second.content.decode()


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("abc", "Showing 1 to 50"),
        ("", "Showing 1 to 50"),
        ("-1", "Showing 51 to 60"),
        ("99999", "Showing 51 to 60"),
        ("0", "Showing 51 to 60"),
    ],
)
def test_a_garbage_page_number_gives_a_normal_page(client, leader, area, staff_user, page, shown):
    many_actions(area, staff_user, 60)
    client.force_login(leader)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_the_download_links_carry_exactly_the_filters_and_sort(client, leader, action):
    client.force_login(leader)
    html = client.get(
        URL, {"rag": ["green", "amber"], "q": "audit", "owner": "", "sort": "-status", "page": "1"}
    ).content.decode()
    query = "q=audit&amp;rag=green&amp;rag=amber&amp;sort=-status"
    assert f'href="/actions/export.csv?{query}">Download CSV</a>' in html
    assert f'href="/actions/export.xlsx?{query}">Download XLSX</a>' in html


def test_the_downloads_speak_of_one_action_or_of_all_of_them(client, leader, area, staff_user):
    client.force_login(leader)
    ActionItemFactory(improvement_area=area, owner=staff_user)
    assert "Download this action:" in main_text(client.get(URL))
    ActionItemFactory(improvement_area=area, owner=staff_user)
    assert "Download all 2 of these actions, in this order:" in main_text(client.get(URL))


def test_choices_offer_only_the_users_authority(client, leader, action, other_leader, essex):
    essex_inspection = InspectionFactory(local_authority=essex)
    ImprovementAreaFactory(inspection=essex_inspection, short_title="Essex only area")
    client.force_login(leader)
    html = client.get(URL).content.decode()
    assert "Essex only area" not in html
    assert other_leader.get_full_name() not in html


@pytest.mark.parametrize("count", [1, 60])
def test_the_list_runs_a_bounded_number_of_queries(
    client, leader, area, staff_user, django_assert_max_num_queries, count
):
    many_actions(area, staff_user, count)
    # Improvement areas of other inspections too: each is an option in the filter panel.
    for number in range(2, count // 10 + 2):
        inspection = InspectionFactory(local_authority=area.inspection.local_authority)
        ImprovementAreaFactory(inspection=inspection, number=number)
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, {"status": ["not_started", "in_progress"], "owner": staff_user.pk, "sort": "owner"})
    assert len(action_ids(response)) == min(count, 50)


def test_leaders_are_offered_a_new_action_and_staff_are_not(client, leader, staff_user):
    client.force_login(leader)
    assert 'href="/actions/new/">Create an action</a>' in client.get("/actions/").content.decode()
    client.force_login(staff_user)
    assert "Create an action" not in client.get("/actions/").content.decode()


def test_the_ratings_are_explained_above_the_list(client, staff_user, action):
    client.force_login(staff_user)
    text = page_text(client.get(URL))
    assert "What the ratings mean" in text
    assert "Red Blocked, or overdue: not completed by its due date." in text
    assert text.index("What the ratings mean") < text.index("Audit return home interviews")
