"""A RAG rating is shown as a tag with its word, each rating in a colour of its own."""

import pytest
from playwright.sync_api import expect

from actions.models import Status
from tests.factories import PASSWORD, ActionItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_each_rating_has_its_own_colour(sign_in, leader, area):
    ActionItemFactory(improvement_area=area, title="Late", status=Status.BLOCKED)
    ActionItemFactory(improvement_area=area, title="Done", status=Status.COMPLETED)
    ActionItemFactory(improvement_area=area, title="On track", status=Status.IN_PROGRESS)
    ActionItemFactory(improvement_area=area, title="Signed", status=Status.SIGNED_OFF)
    page = sign_in("leader", PASSWORD)
    page.goto(area.get_absolute_url())
    table = page.get_by_role("table")
    colours = {}
    for rating in ["Red", "Amber", "Green", "Complete"]:
        tag = table.get_by_text(rating, exact=True)
        expect(tag).to_be_visible()
        colours[rating] = tag.evaluate("tag => getComputedStyle(tag).backgroundColor")
    assert len(set(colours.values())) == 4, colours
