"""A member of staff records progress on their action, as they would in the browser."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_member_records_progress_on_an_action_from_my_actions(sign_in, action, staff_user, screenshot):
    page = sign_in("staff", PASSWORD)
    my_actions = page.get_by_role("table", name="Your actions, overdue first, then by due date")
    screenshot(page, "staff-my-actions")

    my_actions.get_by_role("link", name=action.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(action.title)
    expect(page.get_by_role("heading", name="Update progress")).to_be_visible()

    page.get_by_role("group", name="Status").get_by_label("In progress").check()
    page.get_by_label("Progress note").fill("Audited 40 return home interviews; 6 need a follow-up visit.")
    page.get_by_role("button", name="Save update").click()

    expect(page.get_by_role("alert")).to_contain_text("Progress update saved")
    history = page.get_by_role("heading", name="History").locator("xpath=following-sibling::ol[1]")
    newest = history.get_by_role("listitem").first
    expect(newest).to_contain_text(str(staff_user))
    expect(newest).to_contain_text("In progress")
    expect(newest).to_contain_text("Audited 40 return home interviews; 6 need a follow-up visit.")
    screenshot(page, "staff-action-updated")


def test_the_stylesheet_loads(new_page):
    page = new_page()
    with page.expect_response(lambda response: response.url.endswith("/static/css/app.css")) as stylesheet:
        page.goto("/accounts/login/")
    assert stylesheet.value.status == 200
    # The stylesheet applies: text is set in Arial, not the browser's default serif.
    font = page.get_by_role("heading", level=1).evaluate("h1 => getComputedStyle(h1).fontFamily")
    assert "arial" in font.lower()


def test_sign_out_looks_like_the_other_menu_links(sign_in, staff_user):
    page = sign_in("staff", PASSWORD)
    menu = page.get_by_role("navigation", name="Menu")
    colour = "element => getComputedStyle(element).color"
    assert menu.get_by_role("button", name="Sign out").evaluate(colour) == menu.get_by_role(
        "link", name="All actions"
    ).evaluate(colour)
