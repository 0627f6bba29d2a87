"""All actions: the CSV download holds exactly the rows the leader is looking at, in the same order."""

import csv
import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _rows_on_page(page):
    """(id, title, status) for each row of the All actions table, top to bottom."""
    rows = []
    for row in page.get_by_role("table").get_by_role("row").all()[1:]:
        link = row.get_by_role("rowheader").get_by_role("link")
        action_id = re.search(r"/actions/(\d+)/$", link.get_attribute("href")).group(1)
        rows.append((action_id, link.inner_text().strip(), row.get_by_role("cell").last.inner_text().strip()))
    return rows


def test_leader_downloads_the_filtered_actions_they_see_as_csv(demo_data, sign_in, screenshot):
    page = sign_in("leader", demo_data)
    page.goto("/actions/")
    everything = len(_rows_on_page(page))

    statuses = page.get_by_role("group", name="Status")
    statuses.get_by_label("In progress").check()
    statuses.get_by_label("Blocked").check()
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("table").get_by_role("link", name="Owner", exact=True).click()
    expect(page.get_by_role("table")).to_contain_text("Actions, sorted by owner's last name, A to Z")
    screenshot(page, "leader-all-actions-filtered")

    shown = _rows_on_page(page)
    assert 1 < len(shown) < everything
    assert {status for _, _, status in shown} == {"In progress", "Blocked"}

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        downloaded = list(csv.DictReader(file))

    assert [(row["ID"], row["Title"], row["Status"]) for row in downloaded] == shown
