"""'Create a board pack': the audience, the inspections (or the whole authority) and "Changes since", which
defaults to the last improvement board meeting recorded as a milestone, else 28 days ago."""

import datetime

from django.utils import timezone

from deadlines import services as deadlines
from deadlines.models import MilestoneKind
from tests.factories import InspectionFactory
from tests.html import document, headings, labels, legends, links, main_text

TODAY = timezone.localdate()


def since_shown(response):
    root = document(response)
    return tuple(root.find("input", name=f"since_{part}").attrs.get("value") for part in range(3))


def test_leaders_choose_the_audience_the_inspections_and_the_date(client, leader, inspection):
    client.force_login(leader)
    response = client.get("/board-packs/new/")
    assert headings(response, 1) == ["Create a board pack"]
    assert legends(response) == ["Who is the pack for?", "Which inspections?", "Changes since"]
    for label in ("Improvement board", "Scrutiny committee", "Department for Education or Ofsted", "Public"):
        assert label in labels(response)
    assert inspection.title in labels(response)


def test_with_no_inspections_recorded_it_does_not_ask_which_and_says_the_pack_is_the_whole_authoritys(client, leader):
    client.force_login(leader)
    response = client.get("/board-packs/new/")
    assert legends(response) == ["Who is the pack for?", "Changes since"]
    assert "No inspections are recorded for your council yet, so the pack covers the whole authority." in main_text(
        response
    )


def test_changes_since_defaults_to_28_days_ago(client, leader, inspection):
    client.force_login(leader)
    day = TODAY - datetime.timedelta(days=28)
    assert since_shown(client.get("/board-packs/new/")) == (str(day.day), str(day.month), str(day.year))


def test_changes_since_defaults_to_the_last_board_meeting_before_today(client, leader, inspection):
    for days in (40, 12, -5):
        deadlines.add_milestone(
            inspection=inspection,
            kind=MilestoneKind.IMPROVEMENT_BOARD,
            due_on=TODAY - datetime.timedelta(days=days),
            author=leader,
        )
    client.force_login(leader)
    day = TODAY - datetime.timedelta(days=12)
    assert since_shown(client.get("/board-packs/new/")) == (str(day.day), str(day.month), str(day.year))


def test_from_an_inspection_page_the_form_ticks_that_inspection(client, leader, inspection, bromley):
    other = InspectionFactory(local_authority=bromley, start_date=datetime.date(2023, 1, 9))
    client.force_login(leader)
    page = client.get(inspection.get_absolute_url())
    link = f"/board-packs/new/?inspections={inspection.pk}"
    assert ("Create a board pack for this inspection", link) in links(page)
    boxes = {
        box.attrs["value"]: "checked" in box.attrs
        for box in document(client.get(link)).find_all("input", name="inspections")
    }
    assert boxes == {str(inspection.pk): True, str(other.pk): False}


def test_the_dashboard_offers_it(client, leader):
    client.force_login(leader)
    assert ("Create a board pack", "/board-packs/new/") in links(client.get("/dashboard/"))


def test_the_dashboard_narrowed_to_an_inspection_offers_a_pack_of_it(client, leader, inspection):
    client.force_login(leader)
    page = client.get("/dashboard/", {"inspection": inspection.pk})
    assert ("Create a board pack", f"/board-packs/new/?inspections={inspection.pk}") in links(page)


def test_staff_are_not_offered_it(client, staff_user, inspection):
    client.force_login(staff_user)
    assert "Create a board pack" not in client.get(inspection.get_absolute_url()).content.decode()
    assert client.get("/board-packs/new/").status_code == 403


def test_the_form_reads_a_bounded_number_of_queries(client, leader, inspection, django_assert_max_num_queries):
    InspectionFactory.create_batch(5, local_authority=inspection.local_authority)
    client.force_login(leader)
    with django_assert_max_num_queries(7):
        response = client.get("/board-packs/new/")
    # Four audiences, six inspections, and the day, month and year.
    assert len(labels(response)) == 4 + 6 + 3
