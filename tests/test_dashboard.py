import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from actions.models import Status
from actions.services import create_action, record_progress
from inspections.models import Framework, Grade, InspectionKind
from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    JudgementAreaFactory,
    JudgementFactory,
    ProgressUpdateFactory,
    ThemeFactory,
    UserFactory,
)
from tests.html import headings, links, page_text, row_for, table_by_caption, table_records, tables

URL = "/dashboard/"
# Session, user, permissions and the header's authority: 4; the dashboard's own: 7 (its three lists of
# actions in one query, the recent updates in one); the choices of its inspection and owner lists: 2; the
# next deadlines: 2; one to spare.
MAX_QUERIES = 16
# Checking the chosen inspection or owner.
NARROWED_QUERIES = 1


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def query(href):
    parts = urlsplit(href)
    assert parts.path == "/actions/"
    return {key: sorted(values) for key, values in parse_qs(parts.query).items()}


@pytest.fixture
def known_actions(area):
    """One of each kind, in one area: 2 red, 2 amber, 2 green, 1 complete; 1 overdue; 2 due in 30 days."""
    return {
        "overdue": ActionItemFactory(
            improvement_area=area, title="Late audit", status=Status.IN_PROGRESS, due_date=days(-5)
        ),
        "due_soon": ActionItemFactory(
            improvement_area=area, title="Start the tracker", status=Status.NOT_STARTED, due_date=days(5)
        ),
        "blocked": ActionItemFactory(
            improvement_area=area, title="Recruit workers", status=Status.BLOCKED, due_date=days(60)
        ),
        "completed": ActionItemFactory(
            improvement_area=area, title="Write the policy", status=Status.COMPLETED, due_date=days(10)
        ),
        "signed_off": ActionItemFactory(
            improvement_area=area, title="Train managers", status=Status.SIGNED_OFF, due_date=days(-20)
        ),
        "green_soon": ActionItemFactory(
            improvement_area=area, title="Review cases", status=Status.IN_PROGRESS, due_date=days(20)
        ),
        "green": ActionItemFactory(
            improvement_area=area, title="Annual survey", status=Status.NOT_STARTED, due_date=days(90)
        ),
    }


def test_staff_cannot_see_the_dashboard(client, staff_user, action):
    client.force_login(staff_user)
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_leader_sees_the_dashboard_heading(client, leader, action):
    client.force_login(leader)
    response = client.get(URL)
    assert response.status_code == 200
    assert headings(response, 1) == ["Improvement dashboard"]
    assert "<title>Improvement dashboard" in response.content.decode()


def test_counts_per_rag_per_area_match_the_actions(client, leader, area, known_actions):
    client.force_login(leader)
    response = client.get(URL)
    #        area,                          red  amber green complete (signed off) total overdue
    texts = [cell[0] for cell in row_for(response, "1. Return home interviews")]
    assert texts == ["1. Return home interviews", "2", "2", "2", "1 (14%)", "7", "1"]


def test_an_area_without_actions_says_so_beside_one_with_actions(client, leader, area, known_actions):
    ImprovementAreaFactory(inspection=area.inspection, number=2, short_title="Care leavers' health")
    client.force_login(leader)
    response = client.get(URL)
    assert row_for(response, "2. Care leavers' health")[1][0] == "No actions yet"
    assert [cell[0] for cell in row_for(response, "All areas")][1:] == ["2", "2", "2", "1 (14%)", "7", "1"]


def test_percent_signed_off_is_shown_per_area_and_charted_per_inspection(client, leader, area):
    ActionItemFactory.create_batch(2, improvement_area=area, status=Status.SIGNED_OFF)
    ActionItemFactory(improvement_area=area, status=Status.COMPLETED)
    client.force_login(leader)
    response = client.get(URL)
    assert row_for(response, "1. Return home interviews")[4][0] == "2 (67%)"
    html = response.content.decode()
    assert "2018 ILACS: 67% (2 of 3)." in html
    assert "Percent of actions signed off, by inspection" in html


def test_figures_link_to_the_filtered_list_behind_them(client, leader, area, known_actions):
    client.force_login(leader)
    response = client.get(URL)
    cells = row_for(response, "1. Return home interviews")
    area_id = [str(area.pk)]
    assert cells[0][1] == area.get_absolute_url()
    assert query(cells[1][1]) == {"improvement_area": area_id, "rag": ["red"]}
    assert query(cells[2][1]) == {"improvement_area": area_id, "rag": ["amber"]}
    assert query(cells[3][1]) == {"improvement_area": area_id, "rag": ["green"]}
    assert query(cells[4][1]) == {"improvement_area": area_id, "rag": ["complete"]}
    assert query(cells[5][1]) == {"improvement_area": area_id}
    assert query(cells[6][1]) == {"improvement_area": area_id, "overdue": ["yes"]}

    totals = row_for(response, "All areas")
    inspection_id = [str(area.inspection.pk)]
    assert query(totals[1][1]) == {"inspection": inspection_id, "rag": ["red"]}
    assert query(totals[6][1]) == {"inspection": inspection_id, "overdue": ["yes"]}


def test_a_zero_links_nowhere(client, leader, area):
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, due_date=days(60))
    client.force_login(leader)
    response = client.get(URL)
    cells = row_for(response, "1. Return home interviews")
    assert cells[1] == ("0", None)
    assert cells[3][0] == "1" and cells[3][1] is not None
    # Screen readers hear what a repeated figure counts, and where.
    assert "1 green action, 1. Return home interviews" in [name for name, _href in links(response)]


def test_the_authority_summary_counts_and_charts_every_action(client, leader, area, known_actions):
    other_area = ImprovementAreaFactory(
        inspection=InspectionFactory(
            local_authority=area.inspection.local_authority, start_date=datetime.date(2023, 11, 13)
        )
    )
    ActionItemFactory(improvement_area=other_area, status=Status.BLOCKED)
    client.force_login(leader)
    response = client.get(URL)
    html = response.content.decode()
    assert ("3 red actions", "/actions/?rag=red") in links(response)
    assert ("8 actions in total", "/actions/") in links(response)
    assert 'role="img"' in html
    assert (
        '<desc id="chart-rag-desc">Red: 3 actions; Amber: 2 actions; Green: 2 actions; Complete: 1 action.</desc>'
        in html
    )
    assert "2023 ILACS: 0% (0 of 1); 2018 ILACS: 14% (1 of 7)." in html
    assert "style=" not in html


def test_an_essex_leader_sees_only_essex_figures(client, other_leader, essex, known_actions):
    essex_area = ImprovementAreaFactory(
        inspection=InspectionFactory(local_authority=essex), number=1, short_title="Essex care plans"
    )
    ActionItemFactory(improvement_area=essex_area, title="Essex audit", status=Status.BLOCKED, due_date=days(-1))
    client.force_login(other_leader)
    response = client.get(URL)
    html = response.content.decode()
    assert [cell[0] for cell in row_for(response, "1. Essex care plans")][1:] == ["1", "0", "0", "0 (0%)", "1", "1"]
    assert "Essex audit" in html
    assert "Return home interviews" not in html
    assert "Late audit" not in html
    assert 'href="/actions/?rag=red">1<' in html


def test_one_overdue_and_one_due_soon_action_are_linked_in_the_singular(client, leader, area):
    ActionItemFactory(improvement_area=area, title="Late", due_date=days(-3))
    ActionItemFactory(improvement_area=area, title="Soon", due_date=days(3))
    client.force_login(leader)
    names = [name for name, _href in links(client.get(URL))]
    assert "View the overdue action" in names
    assert "View the action due in the next 30 days" in names


def test_the_overdue_list_shows_ten_and_links_to_all(client, leader, area):
    for n in range(12):
        ActionItemFactory(improvement_area=area, title=f"Overdue {n:02d}", due_date=days(-30 + n))
    ActionItemFactory(improvement_area=area, title="Done late", status=Status.COMPLETED, due_date=days(-40))
    client.force_login(leader)
    response = client.get(URL)
    overdue = next(t for t in tables(response) if t["caption"].startswith("Overdue actions"))
    rows = table_records(overdue)
    assert [row["Action"] for row in rows] == [f"Overdue {n:02d}" for n in range(10)]
    assert rows[0]["Due date"] == days(-30).strftime("%-d %B %Y") + " Overdue"
    assert rows[0]["RAG"] == "Red"
    assert ("View all 12 overdue actions", "/actions/?overdue=yes") in links(response)
    assert "Done late" not in [row["Action"] for row in rows]


def test_the_due_soon_list_shows_open_actions_due_in_30_days(client, leader, area, known_actions):
    ActionItemFactory(improvement_area=area, title="Just outside", due_date=days(31))
    client.force_login(leader)
    response = client.get(URL)
    due_soon = next(t for t in tables(response) if t["caption"].startswith("Open actions due in the next 30 days"))
    rows = table_records(due_soon)
    assert [row["Action"] for row in rows] == ["Start the tracker", "Review cases"]
    assert due_soon["rows"][1][1][1] == known_actions["due_soon"].get_absolute_url()
    link = next(href for text, href in links(response) if text == "View all 2 actions due in the next 30 days")
    assert query(link) == {
        "due_from": [days(0).isoformat()],
        "due_to": [days(30).isoformat()],
        "status": sorted([Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED]),
    }


def test_recent_updates_show_who_when_which_action_and_the_change(client, leader, area, staff_user):
    action = create_action(
        improvement_area=area, owner=staff_user, created_by=leader, title="Audit interviews", due_date=days(40)
    )
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Sampled 40 cases. " * 20)
    client.force_login(leader)
    response = client.get(URL)
    updates = next(t for t in tables(response) if t["caption"].startswith("Most recent progress updates"))
    newest, first = updates["rows"][1], updates["rows"][2]
    assert newest[1][0] == str(staff_user)
    assert newest[2] == ("Audit interviews", action.get_absolute_url())
    assert newest[3][0] == "Not started → In progress"
    note, note_link = newest[4]
    # A long note is shortened, with a link to the whole of it on the action's page.
    shortened = note.removesuffix(" Read the full note")
    assert shortened.startswith("Sampled 40 cases.") and shortened.endswith("…") and len(shortened) <= 120
    assert note_link == f"{action.get_absolute_url()}#history"
    assert ("Read the full note on Audit interviews", note_link) in links(response)
    assert first[3][0] == "New → Not started"
    assert newest[0][0].startswith(timezone.localdate().strftime("%-d %B %Y"))


def test_recent_updates_show_only_the_ten_newest(client, leader, action):
    for n in range(12):
        record_progress(action=action, author=leader, status=Status.IN_PROGRESS, note=f"Note {n:02d}")
    client.force_login(leader)
    response = client.get(URL)
    updates = next(t for t in tables(response) if t["caption"].startswith("Most recent progress updates"))
    assert [row[4][0] for row in updates["rows"][1:]] == [f"Note {n:02d}" for n in range(11, 1, -1)]


@pytest.fixture
def judgement_history(bromley):
    """Bromley's journey: inadequate in 2016 (SIF), good in 2018 (ILACS), outstanding in 2023 (ILACS)."""
    sif = [("Help and protection", 1), ("Children in care", 2), ("Leadership", 3), ("Overall effectiveness", 4)]
    ilacs_2018 = [("Leadership", 1), ("Help and protection", 2), ("Children in care", 3), ("Overall effectiveness", 4)]
    ilacs_2023 = ilacs_2018[:3] + [("Care leavers", 4), ("Overall effectiveness", 5)]
    frameworks = [
        (Framework.SIF, datetime.date(2013, 11, 1), sif),
        (Framework.ILACS, datetime.date(2018, 1, 1), ilacs_2018),
        (Framework.ILACS, datetime.date(2023, 1, 1), ilacs_2023),
    ]
    areas = {
        (framework, start): {
            short: JudgementAreaFactory(
                name=f"{short} ({framework} {start.year})",
                short_name=short,
                framework=framework,
                applies_from=start,
                position=position,
            )
            for short, position in shorts
        }
        for framework, start, shorts in frameworks
    }
    inspections = {
        2016: InspectionFactory(
            local_authority=bromley, kind=InspectionKind.SIF, start_date=datetime.date(2016, 4, 4)
        ),
        2018: InspectionFactory(local_authority=bromley, start_date=datetime.date(2018, 11, 5)),
        2021: InspectionFactory(
            local_authority=bromley, kind=InspectionKind.FOCUSED_VISIT, start_date=datetime.date(2021, 9, 14)
        ),
        2023: InspectionFactory(
            local_authority=bromley, kind=InspectionKind.ILACS_SHORT, start_date=datetime.date(2023, 11, 13)
        ),
    }
    for area in areas[(Framework.SIF, datetime.date(2013, 11, 1))].values():
        JudgementFactory(inspection=inspections[2016], area=area, grade=Grade.INADEQUATE)
    for short, area in areas[(Framework.ILACS, datetime.date(2018, 1, 1))].items():
        grade = Grade.OUTSTANDING if short == "Leadership" else Grade.GOOD
        JudgementFactory(inspection=inspections[2018], area=area, grade=grade)
    for area in areas[(Framework.ILACS, datetime.date(2023, 1, 1))].values():
        JudgementFactory(inspection=inspections[2023], area=area, grade=Grade.OUTSTANDING)
    return inspections


def test_the_judgement_history_lines_up_grades_by_area_and_year(client, leader, judgement_history, essex):
    other = JudgementFactory(inspection=InspectionFactory(local_authority=essex, start_date=datetime.date(2019, 1, 7)))
    client.force_login(leader)
    response = client.get(URL)
    history = next(t for t in tables(response) if t["caption"].startswith("Ofsted judgements for Bromley"))
    assert [cell[0] for cell in history["rows"][0]] == ["Judgement", "2016 SIF", "2018 ILACS", "2023 ILACS"]
    assert history["rows"][0][2][1] == judgement_history[2018].get_absolute_url()
    assert [[cell[0] for cell in row] for row in history["rows"][1:]] == [
        ["Leadership", "Inadequate", "Outstanding", "Outstanding"],
        ["Help and protection", "Inadequate", "Good", "Outstanding"],
        ["Children in care", "Inadequate", "Good", "Outstanding"],
        ["Care leavers", "Not judged", "Not judged", "Outstanding"],
        ["Overall effectiveness", "Inadequate", "Good", "Outstanding"],
    ]
    assert "2019" not in " ".join(cell[0] for cell in history["rows"][0])
    assert other.area.short_name not in response.content.decode()


def test_requires_improvement_reads_in_full(client, leader, inspection):
    JudgementFactory(
        inspection=inspection, area=JudgementAreaFactory(short_name="Leadership"), grade=Grade.REQUIRES_IMPROVEMENT
    )
    client.force_login(leader)
    assert row_for(client.get(URL), "Leadership")[1][0] == "Requires improvement to be good"


def test_an_authority_without_inspections_sees_what_to_do(client, leader):
    client.force_login(leader)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "No actions have been created yet. Leaders create actions from an improvement area's page." in html
    assert "No judgements have been recorded yet." in html
    assert "Overdue actions" not in html


def test_inspections_without_actions_are_listed_with_their_areas(client, leader, area):
    client.force_login(leader)
    html = client.get(URL).content.decode()
    assert "No actions have been created yet." in html
    assert "No actions yet." in html
    assert ("1. Return home interviews", area.get_absolute_url()) in links(html)
    assert f'href="{area.inspection.get_absolute_url()}">ILACS standard inspection, November 2018</a>' in html


def test_the_dashboard_reads_in_a_bounded_number_of_queries_with_one_action(
    client, leader, action, django_assert_max_num_queries
):
    ProgressUpdateFactory(action=action)
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL)
    html = response.content.decode()
    assert 'href="/actions/">1 action in total</a>' in html
    assert f'href="{action.get_absolute_url()}">Audit return home interviews</a>' in html


def test_the_dashboard_reads_in_a_bounded_number_of_queries_with_many_actions(
    client, leader, bromley, judgement_history, staff_user, django_assert_max_num_queries
):
    theme = ThemeFactory()
    statuses = list(Status)
    for year in (2016, 2018, 2021):
        for number in range(1, 5):
            area = ImprovementAreaFactory(inspection=judgement_history[year], number=number, theme=theme)
            for n in range(6):
                ActionItemFactory(
                    improvement_area=area, owner=staff_user, status=statuses[n % 5], due_date=days(-15 + 9 * n)
                )
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL)
    assert 'href="/actions/">72 actions in total</a>' in (response.content.decode())


def test_the_overdue_and_due_soon_links_filter_the_list_to_the_same_actions(client, leader, area):
    """The dashboard's figures and the list behind them agree."""
    import re

    ActionItemFactory(improvement_area=area, due_date=days(-3), title="Late one")
    ActionItemFactory(improvement_area=area, due_date=days(10), title="Soon one")
    ActionItemFactory(improvement_area=area, due_date=days(90), title="Later one")
    client.force_login(leader)
    html = client.get("/dashboard/").content.decode()

    overdue_link = re.search(r'href="(/actions/\?overdue=yes)"', html).group(1)
    overdue_page = client.get(overdue_link).content.decode()
    assert "Late one" in overdue_page and "Soon one" not in overdue_page and "Later one" not in overdue_page

    soon_link = re.search(r'href="(/actions/\?[^"]*due_from=[^"]+)"', html).group(1).replace("&amp;", "&")
    soon_page = client.get(soon_link).content.decode()
    assert "Soon one" in soon_page and "Later one" not in soon_page


def test_complete_and_signed_off_are_said_once(client, leader, area, known_actions):
    client.force_login(leader)
    response = client.get(URL)
    text = page_text(response)
    assert "Complete 1 (14% of all actions)" in text
    assert "Signed off 14%" not in text
    header = table_by_caption(response, "Actions for each improvement area")["rows"][0]
    assert [name for name, _href in header] == [
        "Improvement area",
        "Red",
        "Amber",
        "Green",
        "Complete (signed off)",
        "Total",
        "Overdue",
    ]


def test_the_ratings_are_explained(client, leader, area, known_actions):
    client.force_login(leader)
    text = page_text(client.get(URL))
    assert "What the ratings mean" in text
    assert "Amber Completed and waiting for a leader to sign it off" in text


def test_completed_actions_wait_for_sign_off_on_the_dashboard(client, leader, area, known_actions):
    client.force_login(leader)
    response = client.get(URL)
    html = response.content.decode()
    assert "Awaiting your sign-off (1)" in html
    rows = table_records(table_by_caption(response, "Completed actions waiting for a leader to sign them off"))
    assert [row["Action"] for row in rows] == ["Write the policy"]
    assert ("View the completed action", "/actions/?status=completed") in links(response)


def test_nothing_waiting_for_sign_off_says_so(client, leader, area):
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, due_date=days(60))
    client.force_login(leader)
    text = page_text(client.get(URL))
    assert "Awaiting your sign-off (0)" in text
    assert "No completed actions are waiting for sign-off." in text


@pytest.fixture
def two_inspections(area, staff_user, other_staff_user):
    """The 2018 inspection's area with two actions (one each), and a 2023 inspection's with one of staff's."""
    later = ImprovementAreaFactory(
        inspection=InspectionFactory(
            local_authority=area.inspection.local_authority, start_date=datetime.date(2023, 11, 13)
        ),
        number=1,
        short_title="Care leavers' health",
    )
    ActionItemFactory(improvement_area=area, owner=staff_user, title="Staff's 2018 audit", due_date=days(-2))
    ActionItemFactory(
        improvement_area=area, owner=other_staff_user, title="Other's 2018 survey", status=Status.BLOCKED
    )
    ActionItemFactory(improvement_area=later, owner=staff_user, title="Staff's 2023 plan", status=Status.COMPLETED)
    return area.inspection, later.inspection


def test_the_dashboard_narrows_to_one_inspection(client, leader, two_inspections):
    earlier, later = two_inspections
    client.force_login(leader)
    response = client.get(URL, {"inspection": later.pk})
    text = page_text(response)
    assert "for the ILACS standard inspection, November 2023" in text
    assert "Care leavers' health" in text and "Return home interviews" not in text
    assert "Staff's 2023 plan" in text and "Staff's 2018 audit" not in text
    assert f'href="/actions/?inspection={later.pk}">1 action in total</a>' in response.content.decode()
    figures = table_by_caption(response, "Actions for each improvement area")
    assert query(figures["rows"][1][2][1]) == {
        "improvement_area": [str(later.improvement_areas.get().pk)],
        "rag": ["amber"],
    }


def test_the_dashboard_narrows_to_one_owner(client, leader, staff_user, two_inspections):
    client.force_login(leader)
    response = client.get(URL, {"owner": staff_user.pk})
    text = page_text(response)
    assert f"owned by {staff_user}" in text
    assert "Staff's 2018 audit" in text and "Other's 2018 survey" not in text
    owner = [str(staff_user.pk)]
    assert query(row_for(response, "1. Return home interviews")[1][1]) == {
        "improvement_area": [str(two_inspections[0].improvement_areas.get().pk)],
        "owner": owner,
        "rag": ["red"],
    }
    awaiting = next(href for text, href in links(response) if text == "View the completed action")
    assert query(awaiting) == {"owner": owner, "status": ["completed"]}


def test_narrowed_to_an_owner_only_their_areas_are_listed(client, leader, other_staff_user, two_inspections):
    client.force_login(leader)
    text = page_text(client.get(URL, {"owner": other_staff_user.pk}))
    assert "Return home interviews" in text
    assert "Care leavers' health" not in text


def test_the_narrowing_form_offers_only_this_authoritys_inspections_and_people(client, leader, other_leader, essex):
    InspectionFactory(local_authority=essex, start_date=datetime.date(2019, 1, 7))
    client.force_login(leader)
    html = client.get(URL).content.decode()
    assert "Narrow the dashboard" in html
    assert "January 2019" not in html
    assert str(other_leader) not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"inspection": "not-a-number"}, "Select an inspection from the list"),
        ({"inspection": "999999"}, "Select an inspection from the list"),
        ({"owner": "1.5"}, "Select an owner from the list"),
        ({"owner": "x" * 5000}, "Select an owner from the list"),
        ({"owner": "9" * 30}, "Select an owner from the list"),
    ],
)
def test_a_choice_that_is_not_on_the_lists_gives_a_clear_message(client, leader, known_actions, params, message):
    client.force_login(leader)
    response = client.get(URL, params)
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text and message in text
    assert "At a glance" not in text and "Late audit" not in text


def test_another_authoritys_inspection_or_person_cannot_be_chosen(client, leader, other_leader, essex, known_actions):
    essex_inspection = InspectionFactory(local_authority=essex)
    client.force_login(leader)
    for params in ({"inspection": essex_inspection.pk}, {"owner": other_leader.pk}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert "There is a problem" in page_text(response)
        assert "Late audit" not in page_text(response)


def test_workload_shows_each_owners_open_overdue_and_blocked_actions(
    client, leader, staff_user, other_staff_user, two_inspections
):
    ActionItemFactory(
        improvement_area=two_inspections[0].improvement_areas.get(), owner=staff_user, status=Status.SIGNED_OFF
    )
    client.force_login(leader)
    response = client.get(URL)
    workload = table_by_caption(response, "Open actions per owner")
    assert table_records(workload) == [
        {"Owner": str(staff_user), "Open": "1", "Overdue": "1", "Blocked": "0"},
        {"Owner": str(other_staff_user), "Open": "1", "Overdue": "0", "Blocked": "1"},
    ]
    name, open_count, overdue, blocked = workload["rows"][1]
    owner = [str(staff_user.pk)]
    assert query(name[1]) == {"owner": owner}
    assert query(open_count[1]) == {"owner": owner, "status": sorted(["not_started", "in_progress", "blocked"])}
    assert query(overdue[1]) == {"owner": owner, "overdue": ["yes"]}
    assert blocked == ("0", None)
    assert query(workload["rows"][2][3][1]) == {"owner": [str(other_staff_user.pk)], "status": ["blocked"]}


def test_workload_keeps_the_inspection_the_dashboard_is_narrowed_to(client, leader, staff_user, two_inspections):
    earlier, _later = two_inspections
    client.force_login(leader)
    response = client.get(URL, {"inspection": earlier.pk})
    workload = table_by_caption(response, "Open actions per owner")
    assert query(workload["rows"][1][0][1]) == {"inspection": [str(earlier.pk)], "owner": [str(staff_user.pk)]}


def test_the_owners_links_list_the_same_actions_as_the_workload_counts(client, leader, staff_user, two_inspections):
    client.force_login(leader)
    workload = table_by_caption(client.get(URL), "Open actions per owner")
    open_link = workload["rows"][1][1][1]
    [row] = table_records(table_by_caption(client.get(open_link), "Actions, sorted by"))
    assert row["Action"] == "Staff's 2018 audit"


@pytest.mark.parametrize("narrowed", ["inspection", "owner"])
def test_a_narrowed_dashboard_reads_a_bounded_number_of_queries(
    client, leader, bromley, judgement_history, staff_user, django_assert_max_num_queries, narrowed
):
    statuses = list(Status)
    for year in (2016, 2018, 2021):
        for number in range(1, 5):
            area = ImprovementAreaFactory(inspection=judgement_history[year], number=number)
            for n in range(6):
                owner = UserFactory(staff=True, local_authority=bromley) if n % 2 else staff_user
                ActionItemFactory(
                    improvement_area=area, owner=owner, status=statuses[n % 5], due_date=days(-15 + 9 * n)
                )
    params = {"inspection": judgement_history[2018].pk} if narrowed == "inspection" else {"owner": staff_user.pk}
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES + NARROWED_QUERIES):
        response = client.get(URL, params)
    assert "At a glance" in page_text(response)


def test_narrowed_to_a_visit_that_is_not_graded_the_judgements_say_so(client, leader, bromley, judgement_history):
    client.force_login(leader)
    text = page_text(client.get(URL, {"inspection": judgement_history[2021].pk}))
    assert "Judgement history Focused visits and monitoring visits are not graded." in text


def test_narrowed_to_a_graded_inspection_the_judgements_are_its_own(client, leader, judgement_history):
    client.force_login(leader)
    response = client.get(URL, {"inspection": judgement_history[2018].pk})
    history = table_by_caption(response, "Ofsted judgements for Bromley")
    assert [cell[0] for cell in history["rows"][0]] == ["Judgement", "2018 ILACS"]
