"""A leader records when the report arrived and when the plan went to Ofsted, and sees the deadline's tag change."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fill_date(page, group, day, month, year):
    date = page.get_by_role("group", name=group)
    date.get_by_label("Day").fill(day)
    date.get_by_label("Month").fill(month)
    date.get_by_label("Year").fill(year)


def test_leader_records_the_receipt_and_the_submission_and_sees_the_tag_change(
    sign_in, leader, inspection, screenshot
):
    page = sign_in("leader", PASSWORD)
    page.goto(f"/inspections/{inspection.pk}/")
    page.get_by_role("link", name="Record the date received").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When did the council receive the report?")

    # A date before the inspection ended is refused beside the field.
    fill_date(page, "Date received", "1", "11", "2018")
    page.get_by_role("button", name="Save date received").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.locator("#div_id_received_on")).to_contain_text(
        "Date received must be on or after the inspection ended (16 November 2018)"
    )

    fill_date(page, "Date received", "7", "1", "2019")
    page.get_by_role("button", name="Save date received").click()
    expect(page.get_by_role("alert")).to_contain_text("Date received saved and deadlines worked out")
    plan = page.locator(".govuk-summary-list__row").filter(has_text="Final action plan to Ofsted")
    expect(plan).to_contain_text("15 April 2019")
    expect(plan.locator("strong")).to_contain_text("Overdue by")
    screenshot(page, "leader-inspection-deadline-overdue")

    plan.get_by_role("link", name="Record the submission").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When was it submitted?")
    fill_date(page, "Date submitted", "11", "4", "2019")
    page.get_by_role("button", name="Save submission").click()

    expect(page.get_by_role("alert")).to_contain_text("Submission recorded")
    plan = page.locator(".govuk-summary-list__row").filter(has_text="Final action plan to Ofsted")
    expect(plan.locator("strong")).to_have_text("Submitted on 11 April 2019, 2 working days early")
    expect(plan).to_contain_text("Waiting for Ofsted's response.")
    screenshot(page, "leader-inspection-deadline-submitted")
