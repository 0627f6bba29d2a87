"""Signing out ends the session and says so."""

from tests.html import headings, links


def test_signing_out_ends_the_session_and_confirms_it(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/accounts/logout/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/accounts/signed-out/"
    assert headings(response, 1) == ["You have signed out"]
    assert ("Sign in again", "/accounts/login/") in links(response)
    assert "Sign out" not in html  # the navigation of a signed-in user is gone
    assert client.get("/actions/").status_code == 302


def test_the_confirmation_needs_no_sign_in(client, db):
    response = client.get("/accounts/signed-out/")
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()


def test_someone_still_signed_in_is_not_told_they_have_signed_out(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/accounts/signed-out/")
    assert response.status_code == 302
    assert response.url == "/"


def test_signing_out_needs_a_post(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/").status_code == 200
