"""The admin's "view on site" redirect: it tells nobody which ids exist in another council."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from actions.models import ActionItem
from inspections.models import Theme
from tests.factories import ThemeFactory, UserFactory


def without_csrf_token(html):
    # The sign-out form carries a token that differs on every page.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def view_on_site(model, object_id):
    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(model).pk, object_id])


@pytest.fixture
def essex_administrator(essex):
    return UserFactory(username="essex.admin", administrator=True, local_authority=essex)


def test_it_sends_an_administrator_to_their_councils_action(client, administrator, action):
    client.force_login(administrator)

    response = client.get(view_on_site(ActionItem, action.pk))

    assert response.status_code == 302
    assert response.url.endswith(action.get_absolute_url())


def test_another_councils_action_and_a_missing_one_get_the_same_answer(client, essex_administrator, action):
    client.force_login(essex_administrator)

    other_council = client.get(view_on_site(ActionItem, action.pk))
    missing = client.get(view_on_site(ActionItem, action.pk + 1000))

    assert (other_council.status_code, missing.status_code) == (404, 404)
    assert without_csrf_token(other_council.text) == without_csrf_token(missing.text)


def test_shared_reference_data_is_on_site_for_every_council(client, essex_administrator):
    theme = ThemeFactory(slug="missing-children")
    client.force_login(essex_administrator)

    response = client.get(view_on_site(Theme, theme.pk))

    assert response.status_code == 302
    assert response.url.endswith(theme.get_absolute_url())


def test_a_platform_administrator_reaches_every_councils_action(client, action):
    client.force_login(UserFactory(username="root", platform_administrator=True))

    assert client.get(view_on_site(ActionItem, action.pk)).status_code == 302


@pytest.mark.parametrize("object_id", ["not-a-number", "0"])
def test_a_malformed_id_or_content_type_is_not_found(client, administrator, object_id):
    client.force_login(administrator)

    assert client.get(view_on_site(ActionItem, object_id)).status_code == 404
    assert client.get(reverse("admin:view_on_site", args=[999999, 1])).status_code == 404


def test_only_administrators_use_it(client, leader, action):
    client.force_login(leader)

    response = client.get(view_on_site(ActionItem, action.pk))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
