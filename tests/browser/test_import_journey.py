"""A leader imports the council's spreadsheet plan: uploads it, corrects a column match, confirms, and
finds the actions on All actions."""

import pytest
from playwright.sync_api import expect

from actions.models import ActionItem
from plans.tests.spreadsheets import xlsx
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_leader_uploads_corrects_a_match_confirms_and_finds_the_actions(sign_in, leader, staff_user, area, screenshot):
    plan = xlsx(
        [
            ["Rec no", "Recommendation", "Action", "Who does it", "By when", "RAG", "Progress update"],
            ["1", "", "Audit every return home interview", "staff", "31/03/2027", "Green", "First audit done"],
            ["2", "Hear children's voices", "Run a survey of children in care", "staff", "Q4 2026-27", "", ""],
        ],
        above=[["Bromley children's services improvement plan"]],
    )
    page = sign_in("leader", PASSWORD)
    page.goto(area.inspection.get_absolute_url())
    page.get_by_role("link", name="Import a plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a plan")
    expect(page.get_by_role("link", name="Download the template")).to_be_visible()
    page.get_by_label("Spreadsheet").set_input_files({"name": "bromley-plan.xlsx", "mimeType": XLSX, "buffer": plan})
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the plan before you import it")
    expect(page.get_by_text("0 actions in 0 improvement areas will be created; 2 rows have problems")).to_be_visible()
    expect(page.get_by_text("Row 3, Owner: enter who owns this action.")).to_be_visible()
    screenshot(page, "leader-import-preview-problems")

    page.get_by_text("Correct the column matches", exact=True).click()
    page.get_by_label("Column D: Who does it").select_option(label="Owner")
    page.get_by_role("button", name="Check again with these matches").click()

    expect(page.get_by_role("alert")).to_contain_text("Column matches saved and the plan checked again")
    expect(page.get_by_text("2 actions in 2 improvement areas will be created")).to_be_visible()
    to_create = page.get_by_role("table", name="Actions to create, by row of the spreadsheet")
    expect(to_create.get_by_role("row").filter(has_text="Audit every return home interview")).to_contain_text(
        "1. Return home interviews Matched"
    )
    expect(to_create.get_by_role("row").filter(has_text="Run a survey")).to_contain_text(
        "2. Hear children's voices New"
    )
    screenshot(page, "leader-import-preview")
    page.get_by_role("button", name="Confirm import").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "2 actions in 2 improvement areas imported from bromley-plan.xlsx"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("All actions")
    actions = page.get_by_role("table", name="Actions, sorted by due date, earliest first")
    expect(actions.get_by_role("link", name="Audit every return home interview")).to_be_visible()
    expect(actions.get_by_role("link", name="Run a survey of children in care")).to_be_visible()
    screenshot(page, "leader-imported-actions")
    assert ActionItem.objects.count() == 2
