from tests.factories import PASSWORD


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/actions/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/actions/")


def test_the_sign_in_page_has_the_stable_words(client, db):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Username" in html and "Password" in html and "Sign in" in html


def test_a_user_signs_in_and_lands_on_my_actions(client, staff_user):
    response = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_gets_a_clear_error(client, staff_user):
    response = client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "Error: Sign in" in response.content.decode()


def test_empty_fields_get_govuk_messages(client, db):
    html = client.post("/accounts/login/", {}).content.decode()
    assert "There is a problem" in html
    assert "Enter your username" in html and "Enter your password" in html


def test_sign_out_ends_the_session(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/actions/").status_code == 302


def test_a_user_changes_their_password(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-phrase-42",
            "new_password2": "a-much-longer-phrase-42",
        },
        follow=True,
    )
    assert "Your password has been changed." in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password("a-much-longer-phrase-42")


def test_a_weak_new_password_is_refused(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()


def test_an_unknown_page_gets_the_friendly_404(client, staff_user, settings):
    settings.DEBUG = False
    client.force_login(staff_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_repeated_failed_sign_ins_lock_the_username_with_a_clear_message(client, staff_user):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 429
    assert "You cannot sign in for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_from_one_address_lock_it_for_every_username(client, staff_user, leader):
    for n in range(5):
        client.post("/accounts/login/", {"username": f"guess{n}", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "leader", "password": PASSWORD})
    assert response.status_code == 429


def test_sessions_expire_after_an_hour_without_activity(client, staff_user, settings):
    client.force_login(staff_user)
    client.get("/")
    assert settings.SESSION_COOKIE_AGE == 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert 0 < client.session.get_expiry_age() <= 3600
