"""The error summary of every form (templates/gds/layout/error_summary.html)."""

from tests.html import Node, document


def test_it_is_drawn_as_govuk_frontend_draws_it_with_the_alert_inside(client, leader):
    client.force_login(leader)
    response = client.post("/actions/new/", {})
    [summary] = document(response).find_all("div", **{"data-module": "govuk-error-summary"})
    # The alert is a container of its own, so that the script's moving focus to the summary and the
    # announcement do not race (GOV.UK Frontend's error summary template).
    assert "role" not in summary.attrs
    [alert] = [child for child in summary.children if isinstance(child, Node)]
    assert alert.attrs == {"role": "alert"}
    assert alert.find("h2").text == "There is a problem"
    assert "Select an improvement area" in [item.text for item in alert.find_all("li")]


def test_an_error_on_radios_links_to_the_first_radio(client, staff_user, action):
    client.force_login(staff_user)
    response = client.post(f"/actions/{action.pk}/", {"note": "", "version": action.version})
    page = document(response)
    [link] = page.find("div", role="alert").find_all("a")
    assert link.text == "Select a status"
    assert page.find(id=link.attrs["href"].removeprefix("#")).attrs["value"] == "not_started"
