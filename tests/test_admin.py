"""The Django admin: every page renders, only administrators reach it, each sees their own authority."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts import roles
from accounts.models import LocalAuthority, User
from actions.models import ActionItem, ProgressUpdate
from actions.services import archive_action
from inspections.models import ImprovementArea, Inspection, Judgement, JudgementArea, Theme
from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    JudgementFactory,
    ProgressUpdateFactory,
    ThemeFactory,
    UserFactory,
)

MODELS = [
    LocalAuthority,
    Inspection,
    JudgementArea,
    Judgement,
    Theme,
    ImprovementArea,
    ActionItem,
    ProgressUpdate,
    User,
]
EDITABLE_MODELS = [model for model in MODELS if model is not ProgressUpdate]
# What every council shares: only a platform administrator (a superuser) changes it.
REFERENCE_DATA = [LocalAuthority, JudgementArea, Theme]


def model_id(model):
    return model._meta.model_name


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def records(bromley, inspection, area, action, administrator):
    """One row of every model, all at Bromley."""
    judgement = JudgementFactory(inspection=inspection)
    return {
        LocalAuthority: bromley,
        Inspection: inspection,
        JudgementArea: judgement.area,
        Judgement: judgement,
        Theme: ThemeFactory(name="Return home interviews", slug="return-home-interviews"),
        ImprovementArea: area,
        ActionItem: action,
        ProgressUpdate: ProgressUpdateFactory(action=action),
        User: administrator,
    }


@pytest.fixture
def essex_administrator(essex):
    return UserFactory(username="essex.admin", administrator=True, local_authority=essex)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", platform_administrator=True)


def names_in_the_index(response):
    """Each model the index lists, with the link it offers: "Change" or "View"."""
    return {
        model["name"]: "Change" if model["perms"]["change"] else "View"
        for app in response.context["app_list"]
        for model in app["models"]
    }


def test_every_model_is_registered():
    for label in ("accounts", "inspections", "actions"):
        for model in apps.get_app_config(label).get_models():
            assert admin.site.is_registered(model), model


def test_the_index_names_the_service(client, administrator):
    client.force_login(administrator)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Improvement tracker administration" in response.text


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_the_changelist_renders(client, administrator, records, model):
    client.force_login(administrator)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert records[model] in response.context["cl"].result_list


@pytest.mark.parametrize("model", EDITABLE_MODELS, ids=model_id)
def test_the_add_page_renders(client, administrator, superuser, records, model):
    client.force_login(superuser if model in REFERENCE_DATA else administrator)

    assert client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_the_change_page_renders(client, administrator, records, model):
    client.force_login(administrator)

    assert client.get(admin_url(model, "change", records[model].pk)).status_code == 200


@pytest.mark.parametrize("role", ["staff_user", "leader"])
@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_staff_and_leaders_are_sent_to_the_admin_sign_in(client, request, records, model, role):
    client.force_login(request.getfixturevalue(role))

    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", records[model].pk),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


@pytest.fixture
def many_rows(bromley, administrator):
    """Several rows of every model, so that a query per row would show."""
    for number in range(1, 6):
        inspection = InspectionFactory(local_authority=bromley)
        JudgementFactory(inspection=inspection)
        theme = ThemeFactory()
        area = ImprovementAreaFactory(inspection=inspection, theme=theme, senior_lead=administrator, number=number)
        action = ActionItemFactory(improvement_area=area, created_by=administrator)
        ProgressUpdateFactory(action=action)


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_the_changelist_runs_a_bounded_number_of_queries(
    client, administrator, many_rows, model, django_assert_max_num_queries
):
    client.force_login(administrator)
    url = admin_url(model, "changelist")

    with django_assert_max_num_queries(15):
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 5 or model is LocalAuthority


# Scoping: an administrator sees and edits only their own authority's data.


@pytest.mark.parametrize("model", [Inspection, ImprovementArea, ActionItem, ProgressUpdate], ids=model_id)
def test_another_authoritys_administrator_gets_404_on_the_change_page(client, essex_administrator, records, model):
    client.force_login(essex_administrator)

    assert client.get(admin_url(model, "change", records[model].pk)).status_code == 404


@pytest.mark.parametrize("model", [LocalAuthority, Inspection, ImprovementArea, ActionItem, ProgressUpdate, User])
def test_another_authoritys_administrator_does_not_see_the_rows(client, essex_administrator, records, model):
    client.force_login(essex_administrator)

    response = client.get(admin_url(model, "changelist"))

    assert records[model] not in response.context["cl"].result_list


def test_archived_actions_show_in_the_admin(client, administrator, action):
    archive_action(action=action, by=administrator)
    client.force_login(administrator)

    response = client.get(admin_url(ActionItem, "changelist"))

    assert action in response.context["cl"].result_list
    assert client.get(admin_url(ActionItem, "change", action.pk)).status_code == 200


def test_reference_data_is_shared(client, essex_administrator, records):
    client.force_login(essex_administrator)

    for model in (JudgementArea, Theme):
        response = client.get(admin_url(model, "changelist"))
        assert records[model] in response.context["cl"].result_list


def test_a_superuser_sees_every_authority(client, superuser, records, essex):
    essex_action = ActionItemFactory(improvement_area__inspection__local_authority=essex)
    client.force_login(superuser)

    response = client.get(admin_url(ActionItem, "changelist"))

    assert set(response.context["cl"].result_list) == {records[ActionItem], essex_action}


def test_choices_are_limited_to_the_administrators_authority(client, administrator, area, staff_user, other_leader):
    essex_area = ImprovementAreaFactory(inspection__local_authority=other_leader.local_authority)
    client.force_login(administrator)

    form = client.get(admin_url(ActionItem, "add")).context["adminform"].form

    assert list(form.fields["improvement_area"].queryset) == [area]
    assert staff_user in form.fields["owner"].queryset
    assert other_leader not in form.fields["owner"].queryset
    assert essex_area not in form.fields["improvement_area"].queryset


def test_an_administrator_can_only_choose_their_own_authority(client, administrator, bromley, essex):
    client.force_login(administrator)

    form = client.get(admin_url(Inspection, "add")).context["adminform"].form

    assert list(form.fields["local_authority"].queryset) == [bromley]


def test_autocomplete_offers_only_the_administrators_authority(client, administrator, staff_user, other_leader):
    client.force_login(administrator)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "actions", "model_name": "actionitem", "field_name": "owner", "term": ""},
    )

    ids = {int(result["id"]) for result in response.json()["results"]}
    assert staff_user.pk in ids
    assert other_leader.pk not in ids


def test_only_a_superuser_grants_superuser_status(client, administrator, staff_user, superuser):
    client.force_login(administrator)
    form = client.get(admin_url(User, "change", staff_user.pk)).context["adminform"].form
    assert "is_superuser" not in form.fields

    client.force_login(superuser)
    form = client.get(admin_url(User, "change", staff_user.pk)).context["adminform"].form
    assert "is_superuser" in form.fields


# Shared reference data: platform administrators change it; a council's administrators read it.


@pytest.mark.parametrize("role", ["administrator", "essex_administrator"])
def test_a_council_administrator_sees_reference_data_and_roles_read_only(client, request, records, role):
    client.force_login(request.getfixturevalue(role))

    index = names_in_the_index(client.get(reverse("admin:index")))

    for name in ["Judgement areas", "Themes", "Local authorities", "Groups"]:
        assert index[name] == "View", name
    assert index["Inspections"] == "Change"


@pytest.mark.parametrize(
    ("role", "model", "changes"),
    [
        ("essex_administrator", Theme, {"name": "Renamed by Essex", "slug": "return-home-interviews"}),
        ("administrator", JudgementArea, {"name": "Renamed by Bromley"}),
        ("administrator", LocalAuthority, {"name": "Renamed by Bromley", "code": "305"}),
    ],
    ids=["essex-renames-a-theme", "bromley-renames-a-judgement-area", "bromley-renames-its-council"],
)
def test_a_council_administrator_cannot_rename_reference_data(client, request, records, role, model, changes):
    client.force_login(request.getfixturevalue(role))
    obj = records[model]
    before = str(obj)

    page = client.get(admin_url(model, "change", obj.pk))
    response = client.post(admin_url(model, "change", obj.pk), changes)

    assert f"View {model._meta.verbose_name}" in page.text
    assert "Save" not in page.text
    assert response.status_code == 403
    obj.refresh_from_db()
    assert str(obj) == before


@pytest.mark.parametrize("model", REFERENCE_DATA, ids=model_id)
def test_a_council_administrator_cannot_add_or_delete_reference_data(client, administrator, records, model):
    client.force_login(administrator)

    assert client.get(admin_url(model, "add")).status_code == 403
    assert (
        client.post(admin_url(model, "add"), {"name": "Made up", "code": "999", "slug": "made-up"}).status_code == 403
    )
    assert client.post(admin_url(model, "delete", records[model].pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=records[model].pk).exists()
    assert not LocalAuthority.objects.filter(code="999").exists()


def test_a_platform_administrator_renames_a_theme_and_adds_a_council(client, superuser, records):
    client.force_login(superuser)
    theme = records[Theme]

    renamed = client.post(
        admin_url(Theme, "change", theme.pk), {"name": "Return home", "slug": theme.slug, "description": ""}
    )
    added = client.post(admin_url(LocalAuthority, "add"), {"name": "Kent", "code": "886", "region": "South East"})

    assert (renamed.status_code, added.status_code) == (302, 302)
    theme.refresh_from_db()
    assert theme.name == "Return home"
    assert LocalAuthority.objects.filter(name="Kent", code="886").exists()


# Roles are defined by the product (accounts/roles.py): nobody changes them in the admin.


@pytest.mark.parametrize("role", ["essex_administrator", "superuser"])
def test_nobody_changes_or_deletes_a_role_in_the_admin(db, client, request, role):
    client.force_login(request.getfixturevalue(role))
    staff = Group.objects.get(name=roles.STAFF)
    before = set(staff.permissions.all())
    more = Permission.objects.filter(codename__in=["change_actionitem", "sign_off_actionitem", "view_dashboard"])

    page = client.get(admin_url(Group, "change", staff.pk))
    changed = client.post(
        admin_url(Group, "change", staff.pk), {"name": staff.name, "permissions": [p.pk for p in [*before, *more]]}
    )
    deleted = client.post(admin_url(Group, "delete", staff.pk), {"post": "yes"})
    added = client.post(admin_url(Group, "add"), {"name": "Super staff"})

    assert page.status_code == 200
    assert "View group" in page.text
    assert (changed.status_code, deleted.status_code, added.status_code) == (403, 403, 403)
    assert set(Group.objects.get(name=roles.STAFF).permissions.all()) == before
    assert not Group.objects.filter(name="Super staff").exists()
