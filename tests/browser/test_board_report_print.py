"""The board report on paper: ratings and the Overdue flag keep their colours, titles print without URLs."""

import datetime

import pytest
from playwright.sync_api import expect

from actions.models import Status
from tests.factories import PASSWORD, ActionItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def style(locator, prop, pseudo=None):
    """The element's computed CSS property, as the browser lays it out now."""
    return locator.evaluate(
        "(el, [prop, pseudo]) => getComputedStyle(el, pseudo).getPropertyValue(prop)", [prop, pseudo]
    )


def test_the_printed_report_keeps_ratings_and_overdue_flags_in_colour(sign_in, leader, area, screenshot):
    late = ActionItemFactory(
        improvement_area=area, status=Status.IN_PROGRESS, title="Late audit", due_date=datetime.date(2020, 11, 26)
    )
    page = sign_in("leader", PASSWORD)
    page.goto(f"/inspections/{area.inspection.pk}/board-report/")
    table = page.get_by_role("table", name="Actions for improvement area 1")

    # On screen the title is a link to the action.
    title = table.get_by_role("link", name="Late audit")
    expect(title).to_have_attribute("href", late.get_absolute_url())

    page.emulate_media(media="print")
    screenshot(page, "leader-board-report-print")
    expect(page.get_by_text("Use your browser's print command")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Menu")).to_be_hidden()
    rating = table.get_by_text("Red", exact=True)
    overdue = table.get_by_text("Overdue", exact=True)
    for tag in (rating, overdue):
        expect(tag).to_be_visible()
        # Printers drop background colours unless the page asks to keep them.
        assert style(tag, "print-color-adjust") == "exact"
        assert style(tag, "background-color") not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    # The title prints as its words alone: no URL after it, in the text's own colour.
    assert style(title, "content", "::after") in ("none", "normal")
    assert style(title, "color") == style(table.get_by_role("cell").first, "color")
