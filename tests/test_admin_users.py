"""Users in the admin: reaching the admin follows the Administrators group; nobody takes over an account with
more rights than their own."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.test_admin_actions import form_data as unchanged_form_data


def form_data(response):
    data = unchanged_form_data(response)
    # The date joined is a split date and time widget: posted as two boxes.
    joined = data.pop("date_joined")
    data.update(date_joined_0=f"{joined:%Y-%m-%d}", date_joined_1=f"{joined:%H:%M:%S}")
    return data


def test_putting_someone_in_administrators_lets_them_reach_the_admin_and_taking_them_out_stops_it(
    client, administrator, staff_user
):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[staff_user.pk])
    administrators = Group.objects.get(name="Administrators")

    data = form_data(client.get(url))
    data["groups"] = [administrators.pk]
    assert client.post(url, data).status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.is_staff

    data = form_data(client.get(url))
    data["groups"] = [Group.objects.get(name="Staff").pk]
    assert client.post(url, data).status_code == 302
    staff_user.refresh_from_db()
    assert not staff_user.is_staff


def test_staff_status_cannot_be_ticked_by_hand(client, administrator, staff_user):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[staff_user.pk])
    data = form_data(client.get(url))
    data["is_staff"] = "on"
    client.post(url, data)
    staff_user.refresh_from_db()
    assert not staff_user.is_staff


# Nobody takes over an account that may do more than they may.


@pytest.fixture
def auditor(bromley):
    """A Bromley administrator who also holds a permission the Administrators role does not."""
    account = UserFactory(username="auditor", administrator=True, local_authority=bromley)
    extra = Permission.objects.create(
        codename="audit_everything", name="Can audit everything", content_type=ContentType.objects.get_for_model(User)
    )
    account.user_permissions.add(extra)
    return account


def password_url(account):
    return reverse("admin:auth_user_password_change", args=[account.pk])


def test_an_administrator_cannot_set_the_password_of_an_account_with_more_rights(client, administrator, auditor):
    client.force_login(administrator)

    page = client.get(password_url(auditor))
    response = client.post(password_url(auditor), {"password1": "taken-over-123", "password2": "taken-over-123"})

    assert (page.status_code, response.status_code) == (403, 403)
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)


def test_an_administrator_cannot_change_the_roles_or_active_flag_of_an_account_with_more_rights(
    client, administrator, auditor
):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[auditor.pk])

    page = client.get(url)
    response = client.post(url, {"username": "auditor", "groups": [Group.objects.get(name="Staff").pk]})

    assert "View user" in page.text
    assert "Save" not in page.text
    assert response.status_code == 403
    auditor.refresh_from_db()
    assert auditor.is_active
    assert list(auditor.groups.values_list("name", flat=True)) == ["Administrators"]


def test_an_administrator_cannot_delete_an_account_with_more_rights(client, administrator, auditor):
    client.force_login(administrator)
    changelist = reverse("admin:accounts_user_changelist")

    one = client.post(reverse("admin:accounts_user_delete", args=[auditor.pk]), {"post": "yes"})
    selected = client.post(changelist, {"action": "delete_selected", "_selected_action": [auditor.pk], "post": "yes"})

    assert (one.status_code, selected.status_code) == (403, 403)
    assert User.objects.filter(pk=auditor.pk).exists()


def test_an_administrator_sets_the_password_of_someone_with_no_more_rights(client, administrator, staff_user):
    client.force_login(administrator)

    response = client.post(password_url(staff_user), {"password1": "new-pass-4567", "password2": "new-pass-4567"})

    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("new-pass-4567")


def test_a_platform_administrator_manages_an_account_with_extra_rights(client, auditor):
    client.force_login(UserFactory(username="root", platform_administrator=True))

    response = client.post(password_url(auditor), {"password1": "new-pass-4567", "password2": "new-pass-4567"})

    assert response.status_code == 302


def test_an_administrator_grants_only_permissions_they_hold(client, administrator, auditor, staff_user):
    client.force_login(administrator)

    form = client.get(reverse("admin:accounts_user_change", args=[staff_user.pk])).context["adminform"].form
    offered = set(form.fields["user_permissions"].queryset.values_list("codename", flat=True))

    assert "change_actionitem" in offered
    assert "audit_everything" not in offered


def test_an_administrator_of_another_council_cannot_reach_a_councils_accounts(client, essex, staff_user):
    client.force_login(UserFactory(username="essex.admin", administrator=True, local_authority=essex))

    assert client.get(password_url(staff_user)).status_code == 404
    assert client.get(reverse("admin:accounts_user_change", args=[staff_user.pk])).status_code == 404


def test_a_superuser_is_in_no_council_and_out_of_a_council_administrators_reach(client, administrator):
    superuser = UserFactory(username="root", platform_administrator=True)
    client.force_login(administrator)

    assert client.get(password_url(superuser)).status_code == 404
    assert client.get(reverse("admin:accounts_user_change", args=[superuser.pk])).status_code == 404
