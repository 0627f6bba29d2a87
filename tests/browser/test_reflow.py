"""Reflow (WCAG 2.2, 1.4.10): on a 320 px wide phone no page scrolls sideways, even with 5,000 characters
without a space in a note and an action title without one; a table wider than the screen scrolls in its own
region, from the keyboard too; dates in tables keep to one line."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from actions.models import ActionItem, Status
from actions.services import create_action, record_progress
from inspections.models import Theme
from tests.browser.reflow import PHONE, page_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BROMLEY = "305"
UNBROKEN_NOTE = "Unbroken" * 625  # 5,000 characters, the most a note may hold
UNBROKEN_TITLE = "Unbroken" * 25  # 200 characters, the most a title may hold

# Each due date in a table, on how many lines it is drawn (the date is the cell's first element).
DUE_DATE_LINES = """table => {
  const column = [...table.tHead.rows[0].cells].findIndex(cell => cell.textContent.trim() === "Due date");
  return [...table.tBodies[0].rows].map(row => {
    const range = document.createRange();
    range.selectNodeContents(row.cells[column].firstElementChild);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
  });
}"""


@pytest.fixture
def long_text(demo_data):
    """A demo action of staff's with a 5,000-character note without a space, and a new one whose title has none."""
    staff, leader = User.objects.get(username="staff"), User.objects.get(username="leader")
    action = (
        ActionItem.objects.filter(owner=staff, improvement_area__inspection__local_authority__code=BROMLEY)
        .exclude(status=Status.SIGNED_OFF)
        .first()
    )
    record_progress(action=action, author=staff, status=action.status, note=UNBROKEN_NOTE)
    create_action(
        improvement_area=action.improvement_area,
        owner=staff,
        created_by=leader,
        title=UNBROKEN_TITLE,
        due_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    return action


def main_pages(action):
    area, inspection = action.improvement_area, action.improvement_area.inspection
    theme = Theme.objects.filter(improvement_areas__inspection__local_authority__code=BROMLEY).first()
    return {
        "My actions": "/",
        "All actions": "/actions/",
        "the action with the 5,000-character note": action.get_absolute_url(),
        "the dashboard": "/dashboard/",
        "the inspections": "/inspections/",
        "an inspection": inspection.get_absolute_url(),
        "an area": area.get_absolute_url(),
        "the board report": f"/inspections/{inspection.pk}/board-report/",
        "the themes": "/themes/",
        "a theme": theme.get_absolute_url(),
    }


@pytest.mark.parametrize("username", ["staff", "leader"])
def test_no_page_scrolls_sideways_on_a_small_phone(demo_data, long_text, sign_in, username):
    page = sign_in(username, demo_data, PHONE)
    widths = {}
    for name, url in main_pages(long_text).items():
        if username == "staff" and name in ("the dashboard", "the board report"):
            continue
        page.goto(url)
        widths[name] = page_width(page)
    assert {name: width for name, width in widths.items() if width > PHONE["width"]} == {}


def test_the_long_note_wraps_within_the_screen_on_the_action_page(demo_data, long_text, sign_in):
    page = sign_in("staff", demo_data, PHONE)
    page.goto(long_text.get_absolute_url())
    note = page.get_by_text(UNBROKEN_NOTE, exact=True)
    box = note.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["height"] > 1000


def test_a_wide_table_scrolls_in_its_own_region_from_the_keyboard(demo_data, long_text, sign_in):
    page = sign_in("staff", demo_data, PHONE)
    region = page.get_by_role("region", name="Your actions, overdue first, then by due date")
    assert region.evaluate("region => region.scrollWidth > region.clientWidth"), "the table fits: nothing to test"
    # Tab to it as a keyboard user would (it comes after the links above the table and in its header).
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("region => region === document.activeElement"):
            break
    assert region.evaluate("region => region === document.activeElement"), "Tab never reached the table"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # The browser scrolls smoothly: wait for it to have moved.
    page.wait_for_function("region => region.scrollLeft > 0", arg=region.element_handle())
    assert page_width(page) <= PHONE["width"]


def test_due_dates_keep_to_one_line_in_a_table_on_a_small_phone(demo_data, long_text, sign_in):
    page = sign_in("staff", demo_data, PHONE)
    lines = page.get_by_role("table", name="Your actions, overdue first, then by due date").evaluate(DUE_DATE_LINES)
    assert lines and set(lines) == {1}
