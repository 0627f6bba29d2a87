"""Users in the admin: reaching the admin follows the Administrators group."""

from django.contrib.auth.models import Group
from django.urls import reverse

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
