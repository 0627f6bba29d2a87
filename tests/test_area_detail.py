import datetime

import pytest
from django.utils import timezone

from actions.models import Status
from inspections.models import ImprovementKind
from tests.factories import ActionItemFactory, ThemeFactory, UserFactory
from tests.html import (
    breadcrumbs,
    headings,
    links,
    main_text,
    page_text,
    summary_list,
    table_by_caption,
    table_records,
)

MAX_QUERIES = 8


def url(area):
    return f"/areas/{area.pk}/"


def test_staff_see_the_verbatim_text_and_the_areas_facts(client, staff_user, area, leader):
    area.text = "Ensure that return home interviews are offered to every child."
    area.kind = ImprovementKind.RECOMMENDATION
    area.theme = ThemeFactory(name="Children who go missing", slug="missing")
    area.senior_lead = leader
    area.save()
    client.force_login(staff_user)
    response = client.get(url(area))
    assert "Ensure that return home interviews are offered to every child." in main_text(response)
    assert headings(response, 1) == ["Return home interviews"]
    assert "Improvement area 1" in main_text(response)
    facts = summary_list(response)
    assert facts["Kind"] == "Recommendation"
    assert facts["Theme"] == "Children who go missing"
    assert facts["Senior lead"] == str(leader)
    assert facts["Inspection"] == "ILACS standard inspection, 5 to 16 November 2018"
    assert ("Children who go missing", "/themes/missing/") in links(response)
    assert ("ILACS standard inspection, 5 to 16 November 2018", f"/inspections/{area.inspection.pk}/") in links(
        response
    )


def test_an_area_without_a_theme_says_no_theme(client, staff_user, area):
    client.force_login(staff_user)
    assert summary_list(client.get(url(area)))["Theme"] == "No theme"


def test_its_actions_are_listed_with_rag_owner_due_date_and_status(client, staff_user, area):
    today = timezone.localdate()
    blocked = ActionItemFactory(
        improvement_area=area, owner=staff_user, title="Recruit two missing-children workers", status=Status.BLOCKED
    )
    ActionItemFactory(
        improvement_area=area, title="Publish the protocol", due_date=today + datetime.timedelta(days=90)
    )
    client.force_login(staff_user)
    response = client.get(url(area))
    rows = {
        row["Action"]: row for row in table_records(table_by_caption(response, "Actions for this improvement area"))
    }
    assert rows["Recruit two missing-children workers"]["RAG"] == "Red"
    assert rows["Recruit two missing-children workers"]["Status"] == "Blocked"
    assert rows["Recruit two missing-children workers"]["Owner"] == str(staff_user)
    assert rows["Recruit two missing-children workers"]["Due date"].startswith(f"{blocked.due_date:%-d %B %Y}")
    assert rows["Publish the protocol"]["RAG"] == "Green"
    assert rows["Publish the protocol"]["Status"] == "Not started"
    assert ("Recruit two missing-children workers", f"/actions/{blocked.pk}/") in links(response)


def test_progress_counts_signed_off_actions(client, staff_user, area):
    ActionItemFactory.create_batch(3, improvement_area=area, status=Status.SIGNED_OFF)
    ActionItemFactory.create_batch(2, improvement_area=area, status=Status.COMPLETED)
    client.force_login(staff_user)
    assert "3 of 5 actions signed off (60%)" in client.get(url(area)).content.decode()


def test_staff_see_an_empty_state_without_add_an_action(client, staff_user, area):
    client.force_login(staff_user)
    html = client.get(url(area)).content.decode()
    assert "No actions have been planned for this improvement area yet" in html
    assert "Add an action" not in html


def test_leaders_can_add_an_action_to_the_area(client, leader, area):
    client.force_login(leader)
    html = client.get(url(area)).content.decode()
    assert f'href="/actions/new/?area={area.pk}">Add an action</a>' in html


def test_another_authoritys_area_is_not_found(client, other_leader, area):
    client.force_login(other_leader)
    assert client.get(url(area)).status_code == 404


def test_it_has_breadcrumbs_through_its_inspection(client, staff_user, area):
    client.force_login(staff_user)
    trail = breadcrumbs(client.get(url(area)))
    assert trail[-2] == ("ILACS standard inspection, November 2018", f"/inspections/{area.inspection.pk}/")
    assert trail[-1] == ("1. Return home interviews", None)


@pytest.mark.parametrize("count", [1, 25])
def test_queries_are_bounded(client, staff_user, area, bromley, django_assert_max_num_queries, count):
    for _ in range(count):
        ActionItemFactory(improvement_area=area, owner=UserFactory(staff=True, local_authority=bromley))
    client.force_login(staff_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url(area))
    assert len(table_records(table_by_caption(response, "Actions for this improvement area"))) == count


def test_archived_actions_are_not_listed(client, staff_user, area):
    ActionItemFactory(improvement_area=area, title="Kept action")
    ActionItemFactory(improvement_area=area, title="Archived action", archived_at=timezone.now())
    client.force_login(staff_user)
    html = client.get(url(area)).content.decode()
    assert "Kept action" in html and "Archived action" not in html
    assert "0 of 1 action signed off (0%)" in html


def test_the_ratings_are_explained_beside_its_actions(client, staff_user, action):
    client.force_login(staff_user)
    text = page_text(client.get(url(action.improvement_area)))
    assert "What the ratings mean" in text
    assert "Complete Signed off by a leader." in text


def test_an_area_without_actions_needs_no_key(client, staff_user, area):
    client.force_login(staff_user)
    assert "What the ratings mean" not in page_text(client.get(url(area)))
