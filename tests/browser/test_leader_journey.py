"""A leader turns an improvement area into an assigned action, and signs completed work off."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Status
from tests.factories import PASSWORD, ActionItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_leader_creates_an_action_that_its_owner_then_sees_on_my_actions(
    sign_in, leader, staff_user, area, screenshot
):
    due = timezone.localdate() + datetime.timedelta(days=90)
    title = "Check every return home interview is offered within 72 hours"

    page = sign_in("leader", PASSWORD)
    page.goto("/actions/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New action")
    page.get_by_label("Improvement area").select_option(label=f"ILACS standard inspection, November 2018: {area}")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Owner").select_option(label=str(staff_user))
    due_date = page.get_by_role("group", name="Due date")
    due_date.get_by_label("Day").fill(str(due.day))
    due_date.get_by_label("Month").fill(str(due.month))
    due_date.get_by_label("Year").fill(str(due.year))
    page.get_by_label("How we will know").fill("Every interview offered within 72 hours, checked monthly.")
    screenshot(page, "leader-new-action")
    page.get_by_role("button", name="Save action").click()

    expect(page.get_by_role("alert")).to_contain_text("Action created")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    staff_page = sign_in("staff", PASSWORD)
    my_actions = staff_page.get_by_role("table", name="Your actions, overdue first, then by due date")
    row = my_actions.get_by_role("row").filter(has=staff_page.get_by_role("link", name=title))
    expect(row).to_contain_text(f"{due.day} {due:%B %Y}")
    expect(row).to_contain_text("Not started")
    screenshot(staff_page, "staff-my-actions-with-new-action")


def _leading_number(locator):
    """The figure a cell starts with ("2", "50%"), ignoring the words hidden for screen readers after it."""
    return int(re.match(r"\s*(\d+)", locator.inner_text()).group(1))


def test_leader_signs_off_a_completed_action_from_the_queue_and_the_dashboard_counts_it(
    sign_in, leader, area, screenshot
):
    completed = ActionItemFactory(improvement_area=area, status=Status.COMPLETED, title="Publish the new RHI policy")
    ActionItemFactory(improvement_area=area, status=Status.IN_PROGRESS, title="Train the Atlas team")

    page = sign_in("leader", PASSWORD)
    expect(page.get_by_role("heading", level=2, name="Awaiting your sign-off (1)")).to_be_visible()
    queue = page.get_by_role("table", name="Completed actions waiting for a leader to sign them off")
    screenshot(page, "leader-home-with-sign-off-queue")
    queue.get_by_role("link", name=completed.title).click()
    expect(page.get_by_text("Completed: waiting for a leader to sign it off")).to_be_visible()

    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvement dashboard")
    area_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=str(area)))
    complete_cell = area_row.get_by_role("cell").nth(3)
    expect(complete_cell).to_have_text(re.compile(r"^\s*0.*\(0%\)\s*$"))
    screenshot(page, "leader-dashboard-before-sign-off")

    page.goto(completed.get_absolute_url())
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign off this action")
    page.get_by_label("Sign-off note").fill("Seen the published policy and the team briefing record.")
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_role("alert")).to_contain_text("Action signed off")
    expect(page.get_by_role("button", name="Sign off")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^RAG rating: Complete$"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"This action was signed off on \d"))).to_be_visible()

    page.goto("/dashboard/")
    assert _leading_number(complete_cell) == 1
    expect(complete_cell).to_contain_text("(50%)")
    screenshot(page, "leader-dashboard-after-sign-off")

    page.goto("/")
    expect(page.get_by_role("heading", level=2, name="Awaiting your sign-off (0)")).to_be_visible()
