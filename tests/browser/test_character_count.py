"""The GOV.UK character count on a long text field: it counts as a person types, and a note over the limit is
refused whole, with the one error that says so."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shows_count(page, message):
    """The count reads `message` on screen, and to screen readers from a live region (the count on screen is
    hidden from them, so that it is not heard twice)."""
    expect(page.locator("[aria-hidden=true]", has_text=message)).to_be_visible()
    expect(page.locator("[aria-live=polite]", has_text=message)).to_have_count(1)


def test_the_progress_note_counts_its_characters_as_they_are_typed(sign_in, action, staff_user):
    page = sign_in("staff", PASSWORD)
    page.goto(action.get_absolute_url())
    note = page.get_by_label("Progress note")
    shows_count(page, "You have 5,000 characters remaining")
    note.fill("x" * 4990)
    shows_count(page, "You have 10 characters remaining")
    note.fill("x" * 5001)
    shows_count(page, "You have 1 character too many")


def test_a_note_over_the_limit_is_refused_whole_with_only_that_error(sign_in, action, staff_user):
    page = sign_in("staff", PASSWORD)
    page.goto(action.get_absolute_url())
    page.get_by_role("group", name="Status").get_by_label("Blocked").check()
    page.get_by_label("Progress note").fill("x" * 10_000)
    shows_count(page, "You have 5,000 characters too many")
    page.get_by_role("button", name="Save update").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("listitem")).to_have_text(["Progress note must be 5,000 characters or fewer"])
    # Nothing was cut: the whole note comes back, for its writer to shorten.
    assert len(page.get_by_label("Progress note").input_value()) == 10_000
