"""The sign-in records (django-axes) in the admin: a council's administrators read their own people's records
and nobody else's; only platform administrators delete them or clear expired ones."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse

from tests.factories import UserFactory

MODELS = [AccessAttempt, AccessLog, AccessFailureLog]


def admin_url(model, view, *args):
    return reverse(f"admin:axes_{model._meta.model_name}_{view}", args=args)


def record(model, username, ip_address):
    fields = {"username": username, "ip_address": ip_address, "user_agent": "Firefox", "path_info": "/accounts/login/"}
    if model is AccessAttempt:
        fields.update(get_data="", post_data="", failures_since_start=3)
    return model.objects.create(**fields)


@pytest.fixture
def records(staff_user, other_leader):
    """For each model: a record of a Bromley person, of an Essex person and of a username nobody has."""
    return {
        model: {
            "bromley": record(model, staff_user.username, "192.0.2.1"),
            "essex": record(model, other_leader.username, "198.51.100.7"),
            "nobody": record(model, "made.up", "203.0.113.9"),
        }
        for model in MODELS
    }


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", platform_administrator=True)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_a_council_administrator_lists_only_their_own_peoples_records(
    client, administrator, records, model, django_assert_max_num_queries
):
    client.force_login(administrator)

    with django_assert_max_num_queries(12):
        response = client.get(admin_url(model, "changelist"))

    listed = response.context["cl"].result_list
    assert records[model]["bromley"] in listed
    assert records[model]["essex"] not in listed
    assert records[model]["nobody"] not in listed
    # Signing in writes an access log of its own: the administrator's, of Bromley too.
    assert {row.username for row in listed} <= {"staff", "admin"}
    assert "198.51.100.7" not in response.text
    assert "essex.leader" not in response.text


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_another_councils_record_is_not_found(client, administrator, records, model):
    client.force_login(administrator)

    for view in ("change", "delete", "history"):
        assert client.get(admin_url(model, view, records[model]["essex"].pk)).status_code == 404, view


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_a_council_administrator_reads_their_own_record_but_cannot_delete_it(client, administrator, records, model):
    client.force_login(administrator)
    own = records[model]["bromley"]

    page = client.get(admin_url(model, "change", own.pk))
    deleted = client.post(admin_url(model, "delete", own.pk), {"post": "yes"})
    bulk = client.post(
        admin_url(model, "changelist"), {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"}
    )

    assert page.status_code == 200
    assert "192.0.2.1" in page.text
    assert "Delete" not in page.text
    assert deleted.status_code == 403
    assert bulk.status_code == 200  # the list again: the action is not offered
    assert model.objects.filter(pk=own.pk).exists()


def test_a_council_administrator_is_offered_no_bulk_actions(client, administrator, records):
    client.force_login(administrator)

    response = client.get(admin_url(AccessAttempt, "changelist"))

    assert "Clean up expired attempts" not in response.text
    assert "Delete selected" not in response.text


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_a_platform_administrator_sees_every_record_and_deletes_one(client, superuser, records, model):
    client.force_login(superuser)

    listed = client.get(admin_url(model, "changelist")).context["cl"].result_list
    deleted = client.post(admin_url(model, "delete", records[model]["essex"].pk), {"post": "yes"})

    assert set(records[model].values()) <= set(listed)
    assert deleted.status_code == 302
    assert not model.objects.filter(pk=records[model]["essex"].pk).exists()


def test_a_platform_administrator_may_clean_up_expired_attempts(client, superuser, records):
    client.force_login(superuser)

    response = client.get(admin_url(AccessAttempt, "changelist"))

    assert "Clean up expired attempts" in response.text


@pytest.mark.parametrize("role", ["administrator", "superuser"])
def test_nobody_edits_a_record(client, request, records, role):
    client.force_login(request.getfixturevalue(role))
    own = records[AccessAttempt]["bromley"]

    response = client.post(admin_url(AccessAttempt, "change", own.pk), {"username": "someone.else"})

    assert response.status_code == 403
