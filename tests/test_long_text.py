"""Every limited text field counts its characters (the GOV.UK character count) and never cuts text short."""

import pytest
from django.urls import reverse

from actions.models import Status
from actions.services import record_progress
from deadlines import services
from deadlines.models import Milestone, MilestoneKind
from tests.factories import ActionItemFactory, MeasureFactory, MeasureValueFactory
from tests.html import document


def submitted_plan(action, leader):
    inspection = action.improvement_area.inspection
    services.record_receipt(inspection=inspection, received_on=inspection.end_date, author=leader)
    plan = Milestone.objects.get(inspection=inspection, kind=MilestoneKind.FINAL_PLAN)
    services.record_submission(milestone=plan, submitted_on=inspection.end_date, author=leader)
    return plan


@pytest.fixture
def pages(client, leader, action, staff_user, area, bromley):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    signed_off = ActionItemFactory(improvement_area=area, status=Status.SIGNED_OFF)
    value = MeasureValueFactory(measure=MeasureFactory(local_authority=bromley, owner=staff_user))
    client.force_login(leader)
    return {
        "new action": client.get("/actions/new/"),
        "edit action": client.get(f"/actions/{action.pk}/edit/"),
        "action": client.get(f"/actions/{action.pk}/"),
        "sign off": client.get(f"/actions/{action.pk}/sign-off/"),
        "withdraw": client.get(f"/actions/{action.pk}/withdraw/"),
        "reopen": client.get(f"/actions/{signed_off.pk}/reopen/"),
        "Ofsted's response": client.get(f"/milestones/{submitted_plan(action, leader).pk}/response/"),
        "new measure": client.get(reverse("measure_create")),
        "measure": client.get(reverse("measure_detail", args=[value.measure_id])),
        "correct a value": client.get(reverse("measure_value_correct", args=[value.measure_id, value.pk])),
    }


def textareas(response):
    return document(response).find_all("textarea")


def test_every_textarea_says_how_much_it_takes_and_is_described_by_it(pages):
    counted = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        page = document(response)
        for textarea in page.find_all("textarea"):
            described_by = [page.find(id=id_).spoken for id_ in textarea.attrs["aria-describedby"].split()]
            assert "You can enter up to 5000 characters" in described_by
            module = next(node for node in page.iter() if textarea in node.iter() and "data-maxlength" in node.attrs)
            # GOV.UK Frontend's script counts within this element, against its limit.
            assert (module.attrs["data-module"], module.attrs["data-maxlength"]) == ("govuk-character-count", "5000")
            counted[name] = counted.get(name, 0) + 1
    # The edit page adds the reason for a new due date.
    assert counted == {
        "new action": 2,
        "edit action": 3,
        "action": 1,
        "sign off": 1,
        "withdraw": 1,
        "reopen": 1,
        "Ofsted's response": 1,
        "new measure": 1,
        "measure": 1,
        "correct a value": 2,
    }


def test_no_textarea_cuts_a_long_text_short(pages):
    for name, response in pages.items():
        for textarea in textareas(response):
            assert "maxlength" not in textarea.attrs, name


def test_a_field_in_error_is_still_described_by_its_count(client, leader, action):
    client.force_login(leader)
    response = client.post(f"/actions/{action.pk}/", {"status": Status.BLOCKED, "note": "x" * 5001, "version": 1})
    page = document(response)
    [textarea] = page.find_all("textarea")
    described_by = [page.find(id=id_).spoken for id_ in textarea.attrs["aria-describedby"].split()]
    assert described_by == [
        "What has been done, what is next, or what is in the way.",
        "You can enter up to 5000 characters",
        "Error: Progress note must be 5,000 characters or fewer",
    ]
