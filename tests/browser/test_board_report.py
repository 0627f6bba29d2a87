"""The board report as a leader prints it."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_printout_leaves_out_the_print_hint_and_the_services_navigation(sign_in, leader, action):
    inspection = action.improvement_area.inspection
    page = sign_in("leader", PASSWORD)
    page.goto(f"/inspections/{inspection.pk}/board-report/")
    hint = page.get_by_text("Use your browser's print command")
    menu = page.get_by_role("navigation", name="Menu")
    expect(hint).to_be_visible()

    page.emulate_media(media="print")
    expect(hint).to_be_hidden()
    expect(menu).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=action.title)).to_be_visible()
